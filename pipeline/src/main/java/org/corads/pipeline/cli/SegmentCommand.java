package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.corads.models.Sanity;
import org.corads.models.unet.LesionModelCard;
import org.corads.models.unet.LesionSegmenter;
import org.corads.models.unet.SavedModelSegmenter;
import org.corads.models.unet.Segmentation;
import org.corads.models.unet.UNetSegmenter;
import org.corads.steps.gate.GateResult;
import org.corads.steps.gate.InputGate;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.LesionChannel;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.preprocess.SampleSlices;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code segment <scan> <outDir> (--model DIR | --saved-model DIR)}: lesion segmentation of one scan (SPEC §3):
 * input gate, 1.5 mm resampling and lung mask as in {@code preprocess}, sliding-window segmentation with the
 * U-Net trained here or a TensorFlow SavedModel, then channel 1 on the model-input grid. Writes
 * {@code lesion-prob.mha} and {@code lesion-labels.mha} (1.5 mm grid), {@code lesion.mha} (the classifier's
 * channel 1, 240 × 240 × depth) and {@code lesions.json}; prints the latter.
 */
@Command(name = "segment", description = "Segment GGO and consolidation in a scan with a U-Net or a TF SavedModel.")
public class SegmentCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(SegmentCommand.class);
    static final List<String> OUTPUTS = List.of("lesion-prob.mha", "lesion-labels.mha", "lesion.mha", "lesions.json");

    @Parameters(index = "0", paramLabel = "<scan>", description = "A CT scan: NIfTI, MetaImage or a DICOM series "
            + "folder.")
    Path in;

    @Parameters(index = "1", paramLabel = "<outDir>", description = "Where lesion.mha and segment.json are written.")
    Path outDir;

    @Option(names = "--model", description = "A lesion U-Net folder (model.json + model.params from lesion-train).")
    Path model;

    @Option(names = "--saved-model", description = "A TensorFlow SavedModel folder (signature: see the README).")
    Path savedModel;

    @Option(names = "--window", defaultValue = "64", description = "Largest sliding-window side in voxels (a U-Net's "
            + "windows are fitted to the lungs' box).")
    int window;

    @Option(names = "--overlap", defaultValue = "0.25", description = "Share of a window overlapping the next.")
    double overlap;

    @Option(names = "--depth", defaultValue = "128", description = "Slices of lesion.mha, as preprocess --depth.")
    int depth;

    @Option(names = "--force", description = "Overwrite outputs of an earlier run in <outDir>.")
    boolean force;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        if (overlap < 0 || overlap > 0.9) {
            throw new BadInputException("--overlap " + overlap + ": expected 0–0.9");
        }
        if ((model == null) == (savedModel == null)) {
            throw new BadInputException("give exactly one of --model DIR or --saved-model DIR");
        }
        for (String o : OUTPUTS) {
            Outputs.refuseOverwrite(outDir.resolve(o), force);
        }
        long t0 = System.nanoTime();
        LoadedVolume loaded = VolumeIO.read(in);
        GateResult gate = InputGate.defaults().check(loaded);
        if (!gate.passed()) {
            throw BadInputException.of(in, "rejected by the input gate: " + gate.summary());
        }
        Preprocessor p = Preprocessor.PAPER;
        Preprocessor chain = new Preprocessor(p.resample(), p.segmenter(), p.crop(), new SampleSlices(depth),
                p.normalise());
        Preprocessor.Result r;
        try {
            r = chain.run(loaded.volume());
        } catch (BadInputException e) {
            throw BadInputException.of(in, e.getMessage());
        }
        double prepSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Segmentation s;
        try (LesionSegmenter seg = model != null
                ? UNetSegmenter.load(model, window, overlap)
                : SavedModelSegmenter.load(savedModel, window, overlap)) {
            s = seg.segment(r.resampled(), r.lungs().mask());
        }
        double segSeconds = (System.nanoTime() - t1) / 1e9;
        Files.createDirectories(outDir);
        VolumeIO.write(s.probability(), outDir.resolve("lesion-prob.mha"));
        VolumeIO.write(s.labels(), outDir.resolve("lesion-labels.mha"));
        VolumeIO.write(
                LesionChannel.onModelGrid(s.labels(), r.resampled().geometry().spacingMm()[0], chain, r.window()),
                outDir.resolve("lesion.mha"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scan", in.toString());
        doc.put("model", (model != null ? model : savedModel).toString());
        doc.put("grid", r.resampled().geometry().size());
        doc.put("lungVolumeMl", Math.round(r.lungs().volumeMl() * 10) / 10.0);
        doc.put("ggoMl", Math.round(s.ggoMl() * 100) / 100.0);
        doc.put("consolidationMl", Math.round(s.consolidationMl() * 100) / 100.0);
        doc.put("lesionMl", Math.round(s.lesionMl() * 100) / 100.0);
        doc.put("preprocessSeconds", Math.round(prepSeconds * 100) / 100.0);
        doc.put("segmentSeconds", Math.round(segSeconds * 100) / 100.0);
        List<String> warnings = new ArrayList<>();
        if (model != null) {
            Sanity.lesionModel(model.toString(), LesionModelCard.read(model).bestValDice()).ifPresent(warnings::add);
        }
        Sanity.lesionVolume(s.lesionMl(), r.lungs().volumeMl()).ifPresent(warnings::add);
        warnings.forEach(w -> LOG.warn(w));
        doc.put("warnings", warnings);
        byte[] json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        Files.write(outDir.resolve("lesions.json"), json);
        System.out.println(new String(json, StandardCharsets.UTF_8));
        return ExitCodes.OK;
    }
}
