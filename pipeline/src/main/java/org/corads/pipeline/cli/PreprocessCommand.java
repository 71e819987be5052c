package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.steps.gate.GateResult;
import org.corads.steps.gate.InputGate;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.MetaImageIO;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.LesionChannel;
import org.corads.steps.preprocess.PreprocessSummary;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.report.GradingMontage;
import org.corads.steps.volume.Volume;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code preprocess <in> <outDir>} (SPEC §8): input gate, then SPEC §2 — writes {@code resampled.mha} (HU,
 * 1.5 mm or {@code --spacing-mm}), {@code lung-mask.mha}, {@code input.mha} (240 × 240 × 128 at 1.5 mm, the same
 * 360 mm crop on another grid; normalised) and {@code summary.json};
 * prints the summary. The three volumes are written concurrently, raw unless {@code --compress} (local files for a
 * look or the next command: zlib would halve them at 0.4–0.6 s a scan here). Refuses to overwrite earlier outputs
 * unless {@code --force}.
 */
@Command(name = "preprocess", description = "Resample, segment lungs, crop and sample one scan (SPEC §2).")
public class PreprocessCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(PreprocessCommand.class);
    static final List<String> OUTPUTS = List.of("resampled.mha", "lung-mask.mha", "input.mha", "summary.json",
            "qc.png");

    @Parameters(index = "0", paramLabel = "<in>", description = "A CT scan: NIfTI, MetaImage or a DICOM series folder "
            + "(read only, never modified).")
    Path in;

    @Parameters(index = "1", paramLabel = "<outDir>", description = "Where the preprocessed volumes, qc.png and "
            + "summary.json are written.")
    Path outDir;

    @Option(names = "--force", description = "Overwrite outputs of an earlier run in <outDir>.")
    boolean force;

    @Option(names = "--compress", description = "zlib-compress the volumes: about half the size, 0.4–0.6 s more a "
            + "scan here (default: raw data).")
    boolean compress;

    @Option(names = "--depth", defaultValue = "128", description = "Slices of input.mha (the paper's 128).")
    int depth;

    @Mixin
    SpacingOption spacing;

    @Option(names = "--lesions", description = "A lesion label map on the scan's grid: also write "
            + "lesion.mha (channel 1).")
    Path lesions;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        if (depth < 1 || depth > 1024) {
            throw new BadInputException("--depth " + depth + ": expected 1–1024 slices");
        }
        Preprocessor chain = ModelInputStep.Params.onGrid(depth, spacing.checked()).chain();
        for (String o : OUTPUTS) {
            Outputs.refuseOverwrite(outDir.resolve(o), force);
        }
        if (lesions != null) {
            Outputs.refuseOverwrite(outDir.resolve("lesion.mha"), force);
        }
        Map<String, Long> t = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        LoadedVolume loaded = VolumeIO.read(in);
        t0 = lap(t, "read", t0);
        GateResult gate = InputGate.defaults().check(loaded);
        if (!gate.passed()) {
            throw BadInputException.of(in, "rejected by the input gate: " + gate.summary());
        }
        t0 = lap(t, "gate", t0);
        Preprocessor.Result r;
        try {
            r = chain.run(loaded.volume());
        } catch (BadInputException e) {
            throw BadInputException.of(in, e.getMessage());
        }
        t.putAll(r.timingsMs());
        t0 = System.nanoTime();
        Files.createDirectories(outDir);
        CompletableFuture.allOf(write(r.resampled(), "resampled.mha"), write(r.lungs().mask(), "lung-mask.mha"),
                write(r.input(), "input.mha")).join();
        if (lesions != null) {
            Volume mask = VolumeIO.read(lesions).volume();
            if (!Arrays.equals(mask.geometry().size(), loaded.volume().geometry().size())) {
                throw BadInputException.of(lesions,
                        "has size " + Arrays.toString(mask.geometry().size())
                                + "; the lesion map must be on the scan's grid "
                                + Arrays.toString(loaded.volume().geometry().size()));
            }
            MetaImageIO.write(
                    LesionChannel.onModelGrid(mask, r.resampled().geometry().spacingMm()[0], chain, r.window()),
                    outDir.resolve("lesion.mha"), compress);
        }
        lap(t, "write", t0);
        PreprocessSummary summary = PreprocessSummary.of(r, t);
        Files.write(outDir.resolve("qc.png"), new GradingMontage(4, 3).png(r.resampled(), r.lungs().mask(), null));
        summary.warnings().forEach(w -> LOG.warn(in + ": " + w));
        byte[] json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary);
        Files.write(outDir.resolve("summary.json"), json);
        System.out.println(new String(json, StandardCharsets.UTF_8));
        return ExitCodes.OK;
    }

    private CompletableFuture<Void> write(Volume v, String name) {
        return CompletableFuture.runAsync(() -> {
            try {
                MetaImageIO.write(v, outDir.resolve(name), compress);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static long lap(Map<String, Long> t, String name, long t0) {
        long now = System.nanoTime();
        t.put(name, (now - t0) / 1_000_000);
        return now;
    }
}
