package org.corads.steps.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.corads.steps.io.BadInputException;

/**
 * The evaluation of SPEC §6 on aligned predictions: point estimates, patient-clustered bootstrap CIs, paired
 * p-values of every model against the reference, confusion matrices, ensemble spread, thickness subgroups.
 *
 * @param bootstrap iterations and seed
 * @param reference model the others are compared with; null → the first model of the file
 */
public record Evaluation(Bootstrap bootstrap, String reference) {

    /** Slice thickness at or below which a scan is "thin" (mm). */
    public static final double THIN_MM = 1.5;

    /** Fewer positives or negatives than this make a small test set. */
    public static final int SMALL_CLASS = 25;
    /** Fewer bootstrap resamples than this give unstable intervals. */
    public static final int FEW_RESAMPLES = 200;

    public MetricsDocument run(EvalData d) {
        return run(d, null);
    }

    /** With the provenance of the predictions (null: none known). */
    public MetricsDocument run(EvalData d, ReportContext context) {
        Metrics metrics = new Metrics(d);
        Bootstrap.Samples s = bootstrap.run(d);
        boolean graded = d.system() == LabelSystem.CORADS;
        Map<String, MetricsDocument.ModelMetrics> models = new LinkedHashMap<>();
        for (int m = 0; m < d.models().size(); m++) {
            double auc = metrics.auc(m, null);
            double qwk = metrics.qwk(m, null);
            models.put(d.models().get(m), new MetricsDocument.ModelMetrics(d.scans(), d.rocCases().length, nan(auc),
                    Bootstrap.percentileInterval(s.auc()[m], 0.95), graded ? nan(qwk) : null,
                    graded ? Bootstrap.percentileInterval(s.qwk()[m], 0.95) : null, graded ? confusion(d, m) : null,
                    s.degenerate(s.auc()[m]), graded ? s.degenerate(s.qwk()[m]) : 0, OperatingPoints.of(d, m)));
        }
        String ref = reference != null ? reference : d.models().get(0);
        int r = d.models().indexOf(ref);
        if (r < 0) {
            throw new BadInputException("reference model '" + ref + "' is not among " + d.models());
        }
        List<MetricsDocument.Comparison> comparisons = new ArrayList<>();
        for (int m = 0; m < d.models().size(); m++) {
            if (m == r) {
                continue;
            }
            comparisons.add(new MetricsDocument.Comparison(ref, d.models().get(m),
                    nan(metrics.auc(r, null) - metrics.auc(m, null)), nan(Bootstrap.pairedP(s.auc()[r], s.auc()[m])),
                    graded ? nan(metrics.qwk(r, null) - metrics.qwk(m, null)) : null,
                    graded ? nan(Bootstrap.pairedP(s.qwk()[r], s.qwk()[m])) : null));
        }
        return new MetricsDocument(d.system().name(), d.scans(), d.patients(),
                new MetricsDocument.Bootstrap(bootstrap.iterations(), bootstrap.seed(), "patient-clustered percentile"),
                ref, models, comparisons, spread(d, metrics), subgroups(d), counts(d), notices(d, context), context);
    }

    static Map<String, Integer> counts(EvalData d) {
        Map<String, Integer> c = new LinkedHashMap<>();
        if (d.system() == LabelSystem.CORADS) {
            for (int g = 1; g <= Qwk.GRADES; g++) {
                int grade = g;
                c.put("CO-RADS " + g, (int) Arrays.stream(d.truth()).filter(t -> t == grade).count());
            }
        }
        c.put("positive", (int) Arrays.stream(d.positive()).filter(p -> p == 1).count());
        c.put("negative", (int) Arrays.stream(d.positive()).filter(p -> p == 0).count());
        int excluded = (int) Arrays.stream(d.positive()).filter(p -> p < 0).count();
        if (excluded > 0) {
            c.put("excluded from ROC", excluded);
        }
        return c;
    }

    private List<String> notices(EvalData d, ReportContext context) {
        List<String> out = new ArrayList<>();
        if (context != null && Boolean.TRUE.equals(context.synthetic())) {
            out.add("Synthetic data: these numbers show that the pipeline runs and learns; they say nothing about how "
                    + "it grades patients' scans.");
        }
        if (context != null && context.excluded() != null && !context.excluded().isEmpty()) {
            out.add(context.excluded().size() + " scan(s) of the dataset left out, rejected by the input gate or "
                    + "preprocessing: " + String.join("; ", context.excluded()) + ".");
        }
        long pos = Arrays.stream(d.positive()).filter(p -> p == 1).count();
        long neg = Arrays.stream(d.positive()).filter(p -> p == 0).count();
        if (pos < SMALL_CLASS || neg < SMALL_CLASS) {
            out.add(String.format(Locale.ROOT,
                    "Small test set: %d scans (%d positive, %d negative). Intervals are "
                            + "wide, and differences between models smaller than them are noise.",
                    d.scans(), pos, neg));
        }
        if (bootstrap.iterations() < FEW_RESAMPLES) {
            out.add(String.format(Locale.ROOT,
                    "Only %d bootstrap resamples: intervals are unstable and p-values are " + "multiples of 1/%d.",
                    bootstrap.iterations(), bootstrap.iterations()));
        }
        return out.isEmpty() ? null : out;
    }

    static long[][] confusion(EvalData d, int m) {
        long[][] c = new long[Qwk.GRADES][Qwk.GRADES];
        for (int i = 0; i < d.scans(); i++) {
            c[d.truth()[i] - 1][d.grades()[m][i] - 1]++;
        }
        return c;
    }

    /**
     * The spread of ensemble members' point estimates from predictions whose models are all members
     * ({@code arm#member}, e.g. an ensemble's {@code members.csv}): per arm min / median / max of the members' AUC (and
     * QWK for CO-RADS labels); null when no arm has two members.
     */
    public static Map<String, MetricsDocument.Spread> memberSpread(EvalData members) {
        return spread(members, new Metrics(members));
    }

    private static Map<String, MetricsDocument.Spread> spread(EvalData d, Metrics metrics) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int m = 0; m < d.models().size(); m++) {
            String name = d.models().get(m);
            int hash = name.indexOf('#');
            if (hash > 0) {
                groups.computeIfAbsent(name.substring(0, hash), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, MetricsDocument.Spread> out = new LinkedHashMap<>();
        groups.forEach((g, ms) -> {
            if (ms.size() >= 2) {
                double[] auc = ms.stream().mapToDouble(m -> metrics.auc(m, null)).toArray();
                double[] qwk = ms.stream().mapToDouble(m -> metrics.qwk(m, null)).toArray();
                out.put(g, new MetricsDocument.Spread(ms.stream().map(d.models()::get).toList(), minMedianMax(auc),
                        d.system() == LabelSystem.CORADS ? minMedianMax(qwk) : null));
            }
        });
        return out.isEmpty() ? null : out;
    }

    private static Map<String, Map<String, MetricsDocument.Subgroup>> subgroups(EvalData d) {
        if (Arrays.stream(d.thickness()).anyMatch(Double::isNaN)) {
            return null;
        }
        Map<String, Map<String, MetricsDocument.Subgroup>> out = new LinkedHashMap<>();
        for (boolean thin : new boolean[]{true, false}) {
            int[] w = IntStream.range(0, d.scans()).map(i -> (d.thickness()[i] <= THIN_MM) == thin ? 1 : 0).toArray();
            int n = Arrays.stream(w).sum();
            Metrics metrics = new Metrics(d);
            Map<String, MetricsDocument.Subgroup> per = new LinkedHashMap<>();
            for (int m = 0; m < d.models().size(); m++) {
                per.put(d.models().get(m), new MetricsDocument.Subgroup(n, nan(metrics.auc(m, w)),
                        d.system() == LabelSystem.CORADS ? nan(metrics.qwk(m, w)) : null));
            }
            out.put(thin ? "slice_thickness_le_1.5mm" : "slice_thickness_gt_1.5mm", per);
        }
        return out;
    }

    private static double[] minMedianMax(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new double[]{s[0], median, s[s.length - 1]};
    }

    private static Double nan(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
