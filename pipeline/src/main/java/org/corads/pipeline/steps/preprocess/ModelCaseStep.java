package org.corads.pipeline.steps.preprocess;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.corads.models.train.PackedDataset;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.BigEndianFloats;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Volume;

/**
 * {@code model-case}: one classifier input at the size a study's networks take: {@code input} (channel 0) is
 * average-pooled in-plane by {@code k = crop width / size} (the paper's full size keeps 240, CPU studies use e.g.
 * 60 or 30) and the lesion channel ({@code lesion/0}, when given) is max-pooled, so a block holding any lesion
 * stays 1 — averaging would shrink small lesions to values the network hardly sees next to the CT (at k = 8 the
 * mean lesion value of a CO-RADS 5 case was 0.009); depth is the model input's slice count.
 * Output {@code case.bin}: the line {@code corads-case C D S} then {@code C × D × S × S} float32 big-endian.
 */
public final class ModelCaseStep extends BaseStep<ModelCaseStep.Params> {

    /** @param size in-plane size (a divisor of the model input's width) */
    public record Params(int size) {
        public Params {
            if (size < 8) {
                throw new IllegalArgumentException("size must be ≥ 8, got " + size);
            }
        }
    }

    /** A case read back. */
    public record Case(int channels, int depth, int size, float[] data) {}

    private static final String NOT_A_CASE = "is not a model case; expected the first line 'corads-case C D S'";

    public ModelCaseStep() {
        super("model-case", 2, Params.class, List.of("input", "lesion*"), List.of("case.bin"));
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Volume ct = VolumeIO.read(files.input("input")).volume();
        List<Path> lesion = List.copyOf(files.inputs("lesion*").values());
        if (lesion.size() > 1) {
            throw new InvalidSpecException("model-case takes at most one lesion channel, got " + lesion.size());
        }
        int[] s = ct.geometry().size();
        if (s[0] != s[1] || s[0] % p.size() != 0) {
            throw BadInputException.of(files.input("input"), "is " + s[0] + " × " + s[1] + " in-plane; size " + p.size()
                    + " needs a square input whose width it divides");
        }
        float[] c0 = pool(ct.toFloats(), s[0], s[2], p.size());
        float[] c1 = null;
        if (!lesion.isEmpty()) {
            Volume l = VolumeIO.read(lesion.get(0)).volume();
            if (!Arrays.equals(l.geometry().size(), s)) {
                throw BadInputException.of(lesion.get(0), "has size " + Arrays.toString(l.geometry().size())
                        + " but the model input is " + Arrays.toString(s));
            }
            c1 = poolMax(l.toFloats(), s[0], s[2], p.size());
        }
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(files.output("case.bin"))))) {
            out.write(String.format("corads-case %d %d %d%n", c1 == null ? 1 : 2, s[2], p.size())
                    .getBytes(StandardCharsets.US_ASCII));
            BigEndianFloats.write(out, c0);
            if (c1 != null) {
                BigEndianFloats.write(out, c1);
            }
        }
    }

    /** Averages {@code k × k} in-plane blocks, {@code k = width / size}: width² × depth → size² × depth. */
    public static float[] pool(float[] v, int width, int depth, int size) {
        int k = width / size;
        float[] o = new float[size * size * depth];
        float w = 1f / (k * k);
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < width; y++) {
                for (int x = 0; x < width; x++) {
                    o[(z * size + y / k) * size + x / k] += v[(z * width + y) * width + x] * w;
                }
            }
        }
        return o;
    }

    /** The maximum of {@code k × k} in-plane blocks, {@code k = width / size}. */
    public static float[] poolMax(float[] v, int width, int depth, int size) {
        int k = width / size;
        float[] o = new float[size * size * depth];
        Arrays.fill(o, Float.NEGATIVE_INFINITY);
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < width; y++) {
                for (int x = 0; x < width; x++) {
                    int i = (z * size + y / k) * size + x / k;
                    o[i] = Math.max(o[i], v[(z * width + y) * width + x]);
                }
            }
        }
        return o;
    }

    public static Case read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n' && c >= 0 && line.length() < 64) {
                line.append((char) c);
            }
            String[] f = line.toString().trim().split(" ");
            if (f.length != 4 || !f[0].equals("corads-case")) {
                throw BadInputException.of(file, NOT_A_CASE);
            }
            int ch;
            int d;
            int s;
            try {
                ch = Integer.parseInt(f[1]);
                d = Integer.parseInt(f[2]);
                s = Integer.parseInt(f[3]);
            } catch (NumberFormatException e) {
                throw BadInputException.of(file, NOT_A_CASE);
            }
            float[] data = new float[PackedDataset.valuesPerCase(file, ch, d, s)];
            BigEndianFloats.read(in, data);
            return new Case(ch, d, s, data);
        } catch (EOFException e) {
            throw BadInputException.of(file, "is truncated");
        }
    }
}
