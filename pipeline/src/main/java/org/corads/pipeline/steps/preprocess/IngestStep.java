package org.corads.pipeline.steps.preprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.gate.GateResult;
import org.corads.steps.gate.InputGate;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.VolumeIO;

/**
 * {@code ingest}: reads a scan in any supported format, runs the input gate, and writes the volume as
 * {@code volume.mha} (values and geometry unchanged) plus {@code gate.json}. A rejected scan raises
 * {@link BadInputException}; the executor then writes the reason to quarantine. The source is only read.
 */
public final class IngestStep extends BaseStep<IngestStep.Params> {

    /**
     * @param minSlices fewest slices accepted
     * @param maxP01Hu  the 1st percentile must be below this (HU)
     */
    public record Params(int minSlices, double maxP01Hu) {
        public static final Params DEFAULT = new Params(InputGate.defaults().minSlices(),
                InputGate.defaults().maxP01Hu());
    }

    public IngestStep() {
        super("ingest", 2, Params.class, List.of("scan"), List.of("volume.mha", "gate.json"));
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        write(VolumeIO.read(files.input("scan")), p, files);
    }

    /**
     * The input gate, then {@code volume.mha} (voxels and geometry unchanged) and {@code gate.json}: the verdict,
     * the reader's warnings (a slice gap, series left out) and the format.
     */
    static void write(LoadedVolume in, Params p, StepFiles files) throws IOException {
        GateResult gate = new InputGate(p.minSlices(), p.maxP01Hu(), InputGate.defaults().gapTolerance()).admit(in);
        VolumeIO.write(in.volume(), files.output("volume.mha"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("passed", gate.passed());
        doc.put("problems", gate.problems());
        doc.put("warnings", in.warnings());
        doc.put("format", in.format());
        doc.put("stats", gate.stats());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(files.output("gate.json").toFile(), doc);
    }
}
