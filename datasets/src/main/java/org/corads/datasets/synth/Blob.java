package org.corads.datasets.synth;

/**
 * An ellipsoidal region painted into the phantom (axis-aligned, mm, LPS).
 *
 * @param cx       centre x
 * @param cy       centre y
 * @param cz       centre z
 * @param rx       semi-axis x
 * @param ry       semi-axis y
 * @param rz       semi-axis z
 * @param hu       density at the centre
 * @param label    lesion label written into the mask (0 none, 1 GGO, 2 consolidation)
 * @param lungOnly paint only over lung parenchyma
 */
record Blob(double cx, double cy, double cz, double rx, double ry, double rz, double hu, int label, boolean lungOnly) {

    double volumeMl() {
        return 4.0 / 3.0 * Math.PI * rx * ry * rz / 1000.0;
    }
}
