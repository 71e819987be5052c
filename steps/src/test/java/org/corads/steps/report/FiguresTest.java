package org.corads.steps.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A figure drawn twice gives the same PNG and SVG bytes (reports are compared byte for byte across runs). */
class FiguresTest {
    @TempDir
    Path dir;

    @Test
    void theSameChartGivesTheSameBytesEveryTime() throws Exception {
        List<CiPlot.Point> auc = List.of(new CiPlot.Point("a", 0.8, 0.7, 0.9), new CiPlot.Point("b", 0.6, 0.5, 0.7));
        for (String run : List.of("one", "two")) {
            Files.createDirectories(dir.resolve(run));
            Figures.write(dir.resolve(run).resolve("ci"), 400, 200,
                    Figures.chart(CiPlot.create(List.of("a", "b"), auc, List.of()), 400, 200));
        }
        for (String ext : List.of("ci.svg", "ci.png")) {
            assertThat(Files.readAllBytes(dir.resolve("one").resolve(ext)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("two").resolve(ext)));
        }
        assertThat(Files.readString(dir.resolve("one/ci.svg"))).contains("corads-ci");
    }
}
