package org.corads.models.transfer;

/**
 * Transfer of 2D (ImageNet-style) convolution weights to the 3D networks, as I3D does and SPEC §4 says:
 * a 2D kernel {@code [out, in, kh, kw]} is repeated {@code depth} times along a new depth axis and divided by
 * {@code depth}, so that on an input that is constant along depth the 3D convolution gives the 2D response;
 * first-layer RGB weights become the input channels: the mean over R, G, B, repeated per channel.
 */
public final class Inflation {

    private Inflation() {}

    /** {@code [out, in, kh, kw]} → {@code [out, in, depth, kh, kw]}. */
    public static float[] inflate(float[] w2d, long[] shape2d, int depth) {
        if (shape2d.length != 4) {
            throw new IllegalArgumentException("expected a 2D kernel [out, in, kh, kw], got rank " + shape2d.length);
        }
        int outIn = (int) (shape2d[0] * shape2d[1]);
        int plane = (int) (shape2d[2] * shape2d[3]);
        float[] w3d = new float[outIn * depth * plane];
        for (int oi = 0; oi < outIn; oi++) {
            for (int d = 0; d < depth; d++) {
                for (int p = 0; p < plane; p++) {
                    w3d[(oi * depth + d) * plane + p] = w2d[oi * plane + p] / depth;
                }
            }
        }
        return w3d;
    }

    /** {@code [out, 3, …]} RGB weights → {@code [out, channels, …]}: the RGB mean, repeated per channel. */
    public static float[] rgbToChannels(float[] w, long[] shape, int channels) {
        if (shape.length < 2 || shape[1] != 3) {
            throw new IllegalArgumentException("expected RGB first-layer weights [out, 3, …], got in-channels "
                    + (shape.length < 2 ? "?" : shape[1]));
        }
        return mapInputChannels(w, shape, channels);
    }

    /**
     * {@code [out, in, …]} → {@code [out, channels, …]}: the mean over the {@code in} source channels, repeated
     * per target channel. For RGB sources this is SPEC §4's rule; it also maps a CT-only (1-channel) pre-trained
     * first layer onto the 2-channel (CT + lesion map) input.
     */
    public static float[] mapInputChannels(float[] w, long[] shape, int channels) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("expected weights [out, in, …], got rank " + shape.length);
        }
        int out = (int) shape[0];
        int in = (int) shape[1];
        int rest = 1;
        for (int i = 2; i < shape.length; i++) {
            rest *= (int) shape[i];
        }
        float[] r = new float[out * channels * rest];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < rest; k++) {
                float sum = 0;
                for (int c = 0; c < in; c++) {
                    sum += w[(o * in + c) * rest + k];
                }
                for (int c = 0; c < channels; c++) {
                    r[(o * channels + c) * rest + k] = sum / in;
                }
            }
        }
        return r;
    }
}
