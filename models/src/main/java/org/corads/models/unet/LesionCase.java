package org.corads.models.unet;

import org.corads.steps.io.BadInputException;
import org.corads.steps.preprocess.ClassicalLungSegmenter;
import org.corads.steps.preprocess.ClipAndNormalise;
import org.corads.steps.preprocess.LungMask;
import org.corads.steps.preprocess.ResampleToSpacing;
import org.corads.steps.volume.Volume;

/**
 * One segmentation case on the 1.5 mm grid: normalised CT ({@link ClipAndNormalise#PAPER}, x fastest), labels
 * (0/1/2), the lung mask and its bounding box. The label map is resampled per class (trilinear on each class
 * indicator, then the most likely class), so that labels never blend into a wrong class.
 *
 * @param size {x, y, z}
 * @param hu   the HU volume (null once {@link #cropped} for training)
 * @param box  lung bounding box {xmin, xmax, ymin, ymax, zmin, zmax} (inclusive)
 */
public record LesionCase(String id, int[] size, float[] ct, byte[] labels, byte[] lung, int[] box, Volume hu,
        Volume lungMask) {

    /** Resamples a scan and its lesion labels to 1.5 mm and segments its lungs. */
    public static LesionCase of(String id, Volume scanHu, Volume lesionLabels) {
        return of(id, scanHu, lesionLabels, ResampleToSpacing.PAPER);
    }

    /**
     * Resamples a scan and its lesion labels with {@code grid} (a study's {@code spacingMm}) and segments its lungs.
     */
    public static LesionCase of(String id, Volume scanHu, Volume lesionLabels, ResampleToSpacing grid) {
        Volume hu = grid.apply(scanHu);
        LungMask lungs = ClassicalLungSegmenter.DEFAULT.segment(hu);
        float[] ct = ClipAndNormalise.PAPER.apply(hu).toFloats();
        byte[] labels = resampleLabels(lesionLabels, hu);
        float[] lm = lungs.mask().toFloats();
        byte[] lung = new byte[lm.length];
        for (int i = 0; i < lm.length; i++) {
            lung[i] = (byte) (lm[i] > 0 ? 1 : 0);
        }
        int[] bb = lungs.boundingBox();
        return new LesionCase(id, hu.geometry().size(), ct, labels, lung, bb, hu, lungs.mask());
    }

    /** A case from a scan already resampled to 1.5 mm, its lung mask, and lesion labels on the original grid. */
    public static LesionCase fromResampled(String id, Volume hu, Volume lungMask, Volume lesionLabels) {
        byte[] lab = resampleLabels(lesionLabels, hu);
        return onGrid(id, hu, Volume.adoptBytes(hu.geometry(), lab), lungMask);
    }

    /** A case already on its 1.5 mm grid, with its lung mask (no resampling, no lung segmentation). */
    public static LesionCase onGrid(String id, Volume hu, Volume labels, Volume lungMask) {
        float[] ct = ClipAndNormalise.PAPER.apply(hu).toFloats();
        float[] l = labels.toFloats();
        float[] lm = lungMask.toFloats();
        byte[] lab = new byte[l.length];
        byte[] lung = new byte[l.length];
        int[] n = hu.geometry().size();
        int[] box = {n[0], -1, n[1], -1, n[2], -1};
        for (int i = 0; i < l.length; i++) {
            lab[i] = (byte) Math.round(l[i]);
            if (lm[i] > 0) {
                lung[i] = 1;
                int x = i % n[0];
                int y = (i / n[0]) % n[1];
                int z = i / (n[0] * n[1]);
                box[0] = Math.min(box[0], x);
                box[1] = Math.max(box[1], x);
                box[2] = Math.min(box[2], y);
                box[3] = Math.max(box[3], y);
                box[4] = Math.min(box[4], z);
                box[5] = Math.max(box[5], z);
            }
        }
        if (box[1] < 0) {
            throw new BadInputException("case " + id + " has an empty lung mask (the lung segmentation found no lung)");
        }
        return new LesionCase(id, n, ct, lab, lung, box, hu, lungMask);
    }

    static byte[] resampleLabels(Volume labels, Volume onGrid) {
        float[] src = labels.toFloats();
        float[][] cls = new float[3][];
        for (int c = 1; c <= 2; c++) {
            float[] ind = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                ind[i] = Math.round(src[i]) == c ? 1 : 0;
            }
            cls[c] = new ResampleToSpacing(onGrid.geometry().spacingMm()[0])
                    .apply(Volume.adoptFloats(labels.geometry(), ind)).toFloats();
        }
        byte[] out = new byte[cls[1].length];
        if (out.length != onGrid.voxelCount()) {
            throw new IllegalArgumentException(
                    "lesion labels and scan resample to different grids; are they on the same grid?");
        }
        for (int i = 0; i < out.length; i++) {
            float bg = 1 - cls[1][i] - cls[2][i];
            out[i] = (byte) (bg >= cls[1][i] && bg >= cls[2][i] ? 0 : cls[1][i] >= cls[2][i] ? 1 : 2);
        }
        return out;
    }

    /**
     * This case cropped to its lungs' bounding box plus {@code margin} voxels (clamped to the volume), without the
     * full-grid volumes: what training needs, at a fraction of the memory.
     */
    public LesionCase cropped(int margin) {
        int[] lo = {Math.max(0, box[0] - margin), Math.max(0, box[2] - margin), Math.max(0, box[4] - margin)};
        int[] hi = {Math.min(size[0] - 1, box[1] + margin), Math.min(size[1] - 1, box[3] + margin),
                Math.min(size[2] - 1, box[5] + margin)};
        int[] n = {hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1};
        int v = n[0] * n[1] * n[2];
        float[] c = new float[v];
        byte[] l = new byte[v];
        byte[] m = new byte[v];
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                for (int x = 0; x < n[0]; x++) {
                    int o = (z * n[1] + y) * n[0] + x;
                    int i = index(lo[0] + x, lo[1] + y, lo[2] + z);
                    c[o] = ct[i];
                    l[o] = labels[i];
                    m[o] = lung[i];
                }
            }
        }
        int[] b = {box[0] - lo[0], box[1] - lo[0], box[2] - lo[1], box[3] - lo[1], box[4] - lo[2], box[5] - lo[2]};
        return new LesionCase(id, n, c, l, m, b, null, null);
    }

    public int index(int x, int y, int z) {
        return (z * size[1] + y) * size[0] + x;
    }
}
