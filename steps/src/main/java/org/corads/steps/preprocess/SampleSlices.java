package org.corads.steps.preprocess;

import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VolumeTransform;

/**
 * SPEC §2.5: a fixed depth of {@code depth} axial slices sampled uniformly: output slice {@code k} is input
 * slice {@code round(k · (n − 1) / (depth − 1))} (halves up); slices repeat when n &lt; depth. The output
 * geometry keeps origin and direction; its z spacing is the nominal {@code spacing · (n − 1) / (depth − 1)}
 * (the rounded slice positions deviate from it by at most half an input slice).
 *
 * @param depth number of output slices (128)
 */
public record SampleSlices(int depth) implements VolumeTransform {

    public static final SampleSlices PAPER = new SampleSlices(128);

    public SampleSlices {
        if (depth < 2) {
            throw new IllegalArgumentException("depth must be ≥ 2");
        }
    }

    /** Input slice index of output slice {@code k} for {@code n} input slices. */
    public int sourceSlice(int k, int n) {
        return (int) Math.floor(k * (double) (n - 1) / (depth - 1) + 0.5);
    }

    @Override
    public Volume apply(Volume in) {
        Geometry g = in.geometry();
        int n = g.nz();
        int plane = g.nx() * g.ny();
        float[] out = new float[plane * depth];
        for (int k = 0; k < depth; k++) {
            in.copyAsFloats(sourceSlice(k, n) * plane, out, k * plane, plane);
        }
        return Volume.adoptFloats(geometry(g), out);
    }

    /** The grid {@link #apply} samples {@code g} to: {@code depth} slices at the nominal spacing. */
    public Geometry geometry(Geometry g) {
        int n = g.nz();
        double dz = n > 1 ? g.spacing(2) * (n - 1) / (depth - 1) : g.spacing(2);
        return g.withSizeAndSpacing(new int[]{g.nx(), g.ny(), depth}, new double[]{g.spacing(0), g.spacing(1), dz});
    }
}
