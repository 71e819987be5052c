package org.corads.pipeline.steps.lesions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.corads.models.unet.LesionSegmenter;
import org.corads.models.unet.SavedModelSegmenter;
import org.corads.models.unet.Segmentation;
import org.corads.models.unet.SlidingWindow;
import org.corads.models.unet.UNetSegmenter;
import org.corads.pipeline.steps.ModelFiles;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Volume;

/**
 * {@code lesion-segmentation}: GGO and consolidation in one scan on its 1.5 mm grid ({@code resampled}), within
 * {@code lung-mask}, by sliding window. The model is either a U-Net trained here ({@code model/params} +
 * {@code model/card}, from {@code lesion-train}) or a TensorFlow SavedModel packed as a zip
 * ({@code model/savedmodel}). Outputs {@code lesion-prob.mha} (FLOAT32 lesion probability),
 * {@code lesion-labels.mha} (UINT8 0/1/2) and {@code lesions.json} (ml of GGO, consolidation, total; the time it took
 * goes to the sidecar).
 */
public final class LesionSegmentationStep extends BaseStep<LesionSegmentationStep.Params> {

    /**
     * @param window  largest sliding-window side in voxels: a U-Net's windows are fitted to the lungs' box, as few as
     *                    cover it, each no larger than needed (version 3; version 2 always used cubes of this side);
     *                    a SavedModel uses cubes of this side, or of its own fixed window
     * @param overlap share of a window that overlaps the next (0.25 when absent; 0 computes each voxel once)
     */
    public record Params(int window, Double overlap) {
        public Params {
            if (window < 4) {
                throw new IllegalArgumentException("window must be ≥ 4, got " + window);
            }
            overlap = overlap == null ? SlidingWindow.DEFAULT_OVERLAP : overlap;
            if (overlap < 0 || overlap > 0.9) {
                throw new IllegalArgumentException("overlap must be in [0, 0.9], got " + overlap);
            }
        }

    }

    public LesionSegmentationStep() {
        super("lesion-segmentation", 3, Params.class, List.of("resampled", "lung-mask", "model*"),
                List.of("lesion-prob.mha", "lesion-labels.mha", "lesions.json"));
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Volume hu = VolumeIO.read(files.input("resampled")).volume();
        Volume lung = VolumeIO.read(files.input("lung-mask")).volume();
        long t0 = System.nanoTime();
        Segmentation s;
        try (LesionSegmenter seg = open(files.inputs("model*"), files.stateDir(), p.window(), p.overlap())) {
            s = seg.segment(hu, lung);
        }
        files.timing("segmentation", (System.nanoTime() - t0) / 1_000_000);
        VolumeIO.write(s.probability(), files.output("lesion-prob.mha"));
        VolumeIO.write(s.labels(), files.output("lesion-labels.mha"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ggoMl", s.ggoMl());
        doc.put("consolidationMl", s.consolidationMl());
        doc.put("lesionMl", s.lesionMl());
        Files.write(files.output("lesions.json"),
                CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
    }

    /** The segmenter for {@code model/params}+{@code model/card} or {@code model/savedmodel} (a zip). */
    public static LesionSegmenter open(Map<String, Path> model, Path scratch, int window, double overlap)
            throws IOException {
        if (model.containsKey("savedmodel")) {
            Path dir = Files.createTempDirectory(scratch, "savedmodel");
            unzip(model.get("savedmodel"), dir);
            return SavedModelSegmenter.load(dir, window, overlap);
        }
        return UNetSegmenter.load(ModelFiles.gather(model, "lesion-segmentation", "model", scratch), window, overlap);
    }

    /** Unpacks a SavedModel zip (entries may sit under one top folder), refusing entries that leave the folder. */
    static void unzip(Path zip, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                Path out = dir.resolve(e.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw BadInputException.of(zip, "has an entry outside its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out);
                }
            }
        }
        if (!Files.exists(dir.resolve("saved_model.pb"))) {
            try (var s = Files.list(dir)) {
                List<Path> top = s.toList();
                if (top.size() == 1 && Files.isRegularFile(top.get(0).resolve("saved_model.pb"))) {
                    try (var t = Files.list(top.get(0))) {
                        for (Path c : t.toList()) {
                            Files.move(c, dir.resolve(c.getFileName()));
                        }
                    }
                }
            }
        }
    }
}
