package org.corads.steps.report;

import java.util.List;

/** The paper's results (de Vente et al. 2020, Fig. 2, 5, 6; SPEC §7), to set beside ours. */
public final class PaperReference {

    /** One arm of the paper's ablation study. */
    public record Row(String model, String internalAuc, String internalQwk, String externalAuc) {}

    public static final List<Row> ROWS = List.of(
            new Row("3D full (TL, lesion map, continuous)", "0.934 (0.876–0.981)", "0.813 (0.743–0.873)",
                    "0.923 (0.904–0.942)"),
            new Row("2D full (COVNet)", "0.858 (0.777–0.928)", "0.670 (0.567–0.764)", "0.901 (0.878–0.922)"),
            new Row("3D without pre-training", "0.895 (0.818–0.957)", "0.751 (0.661–0.829)", "0.923 (0.901–0.942)"),
            new Row("3D without lesion map", "0.909 (0.851–0.957)", "0.789 (0.711–0.856)", "0.920 (0.898–0.940)"),
            new Row("3D categorical output", "0.928 (0.876–0.974)", "0.807 (0.735–0.872)", "0.910 (0.889–0.930)"));

    private PaperReference() {}
}
