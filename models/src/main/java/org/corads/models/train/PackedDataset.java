package org.corads.models.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.BigEndianFloats;

/**
 * The training cases of a study in one file ({@code dataset.bin}), so that a training step has a single,
 * content-addressed input: the line {@code corads-dataset 1}, a JSON header line (input shape and one entry per
 * case: id, patient, grade, split) and then each case's {@code C × D × H × W} float32 values, big-endian, in
 * header order.
 *
 * @param channels input channels
 * @param depth    slices
 * @param size     height and width
 * @param cases    the cases, in file order
 */
public record PackedDataset(int channels, int depth, int size, List<Case> cases) {
    private static final String MAGIC = "corads-dataset 1";
    /** The most values one case may hold (1 GiB of floats; the paper's input is 2 × 128 × 240², 14.7 M). */
    public static final int MAX_CASE_VALUES = 1 << 28;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One case; {@code data} is not part of the JSON header. {@code grade} is its CO-RADS grade (0 for a case of an
     * external test set labelled in another system, which is graded but never trained on); {@code label}, when
     * present, is the label as the cohort's manifest spells it (external test sets: CO-RADS, iCTCF or MosMedData), and
     * absent from the header otherwise.
     */
    public record Case(String id, String patient, int grade, String split, @JsonIgnore float[] data,
            @JsonInclude(JsonInclude.Include.NON_NULL) String label) {
        public Case(String id, String patient, int grade, String split, float[] data) {
            this(id, patient, grade, split, data, null);
        }

        public Case withData(float[] d) {
            return new Case(id, patient, grade, split, d, label);
        }

        /** The reference label a prediction of this case is evaluated against: {@code label}, else the grade. */
        public String reference() {
            return label != null ? label : String.valueOf(grade);
        }
    }

    private record Header(int channels, int depth, int size, List<Case> cases) {}

    public PackedDataset {
        cases = List.copyOf(cases);
        int n = channels * depth * size * size;
        for (Case c : cases) {
            if (c.data() != null && c.data().length != n) {
                throw new IllegalArgumentException("case " + c.id() + " has " + c.data().length + " values; expected "
                        + channels + " × " + depth + " × " + size + " × " + size);
            }
        }
    }

    /** The cases of one split as training samples (all channels). */
    public List<Sample> samples(String split) {
        List<Sample> out = new ArrayList<>();
        for (Case c : cases) {
            if (c.split().equals(split)) {
                out.add(new Sample(c.id(), c.data(), c.grade()));
            }
        }
        return out;
    }

    /** The same cases restricted to the first {@code n} channels (e.g. CT only for arms without the lesion map). */
    public PackedDataset firstChannels(int n) {
        if (n > channels) {
            throw new IllegalArgumentException("dataset has " + channels + " channel(s), " + n + " requested");
        }
        int per = depth * size * size;
        List<Case> out = new ArrayList<>();
        for (Case c : cases) {
            out.add(c.withData(Arrays.copyOf(c.data(), n * per)));
        }
        return new PackedDataset(n, depth, size, out);
    }

    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.write((MAGIC + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(JSON.writeValueAsBytes(new Header(channels, depth, size, cases)));
            out.write('\n');
            for (Case c : cases) {
                BigEndianFloats.write(out, c.data());
            }
        }
    }

    public static PackedDataset read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (!MAGIC.equals(line(in, 64))) {
                throw BadInputException.of(file, "is not a packed dataset; expected the first line '" + MAGIC + "'");
            }
            Header h = JSON.readValue(line(in, 64 << 20), Header.class);
            int n = valuesPerCase(file, h.channels(), h.depth(), h.size());
            if (h.cases() == null) {
                throw BadInputException.of(file, "has no list of cases in its header");
            }
            List<Case> cases = new ArrayList<>();
            for (Case c : h.cases()) {
                if (c == null || c.id() == null || c.split() == null) {
                    throw BadInputException.of(file, "lists a case without an id or a split in its header");
                }
                float[] d = new float[n];
                BigEndianFloats.read(in, d);
                cases.add(c.withData(d));
            }
            return new PackedDataset(h.channels(), h.depth(), h.size(), cases);
        } catch (EOFException e) {
            throw BadInputException.of(file, "is truncated: fewer values than its header lists");
        } catch (JacksonException e) {
            throw BadInputException.of(file, "has an unreadable header: " + e.getOriginalMessage());
        }
    }

    /**
     * The values of one case of {@code channels × depth × size × size}, refused in one line when a dimension is below 1
     * or the case would hold more than {@link #MAX_CASE_VALUES} values: what a damaged or foreign header declares
     * never reaches an array allocation.
     */
    public static int valuesPerCase(Path file, int channels, int depth, int size) {
        long n = 1;
        for (int d : new int[]{channels, depth, size, size}) {
            n *= Math.max(d, 0);
            if (d < 1 || n > MAX_CASE_VALUES) {
                throw BadInputException.of(file,
                        "declares cases of " + channels + " × " + depth + " × " + size + " × " + size
                                + " values; expected every dimension at least 1 and at most " + MAX_CASE_VALUES
                                + " values a case");
            }
        }
        return (int) n;
    }

    private static String line(DataInputStream in, int max) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0 || b.size() > max) {
                throw new EOFException();
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
