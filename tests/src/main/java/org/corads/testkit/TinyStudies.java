package org.corads.testkit;

/** Study files small enough for tests and benchmarks on this CPU. */
public final class TinyStudies {

    private TinyStudies() {}

    /**
     * A study that publishes deployable ensembles: 20 synthetic scans, lesion maps from an in-study U-Net (a few
     * iterations), depth 8 and 30² inputs, 2 seeds per arm.
     *
     * @param name study name
     * @param arms the YAML lines of its arms, e.g. {@code " - {name: 3d-full, dimensionality: 3d}\n"}
     */
    public static String withLesionModel(String name, String arms) {
        return """
                name: %s
                dataset:
                  synthetic: {scans: 20, seed: 7}
                  lesionMaps: model
                preprocessing: {depth: 8, size: 30}
                training: {width3d: 0.0625, width2d: 0.0625, iterations: 10, pretrainIterations: 6, validateEvery: 5,
                           learningRate: 0.001}
                seeds: 2
                evaluation: {iterations: 200}
                lesionModel: {levels: 2, baseWidth: 4, patch: 16, iterations: 10, window: 32, overlap: 0, trainScans: 4}
                arms:
                """.formatted(name) + arms;
    }
}
