package org.corads.pipeline.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.steps.training.DatasetStep;
import org.corads.steps.io.BadInputException;

/**
 * Proves of a planned study, before it runs, that no test scan and no scan of a test patient reaches what learns:
 * <ul>
 * <li>no patient has scans both in test and in train or validation (the manifest's splits), and no patient of an
 * external test set has scans in the study's own cohort;</li>
 * <li>every scan of an external test set counts as a test scan: it reaches nothing that learns, and the external
 * {@code dataset} packs the external manifest only, whose cases only {@code grade} steps of the {@code external}
 * split read;</li>
 * <li>no test scan reaches a learning step — the lesion U-Net ({@code lesion-train}), pre-training, training — by
 * any path other than the packed {@code dataset}, whose learners take only its train and validation cases, and that
 * dataset is packed from this very manifest;</li>
 * <li>every {@code grade} step grades the test split, and nothing else.</li>
 * </ul>
 * A scan reaches a step when one of the step's inputs is that scan's object (its file or lesion mask) or the output of
 * a step of that scan ({@code scan/<id>/…}), followed upstream through every step but {@code dataset}.
 */
public final class LeakageGuard {
    private static final Set<String> LEARNERS = Set.of("lesion-train", "pretrain", "train");

    private LeakageGuard() {}

    private static final Set<String> HELD_OUT = Set.of("test", DatasetStep.EXTERNAL_SPLIT);

    /** {@link #check(RunPlan, StudyRunner.Data)} of a study without an external test set. */
    public static void check(RunPlan plan, String manifestUri, List<StudyPlanner.Scan> scans, List<ManifestRow> rows) {
        check(plan, new StudyRunner.Data(manifestUri, scans, rows));
    }

    /**
     * Throws {@link BadInputException} for a patient in two splits or in both cohorts (the data's fault) and
     * {@link IllegalStateException} for a plan through which a test scan reaches a learner (the planner's fault).
     */
    public static void check(RunPlan plan, StudyRunner.Data data) {
        String manifestUri = data.manifestUri();
        Map<String, String> splitOf = new HashMap<>();
        Map<String, Set<String>> splitsOfPatient = new TreeMap<>();
        for (ManifestRow r : data.rows()) {
            splitOf.put(r.scanId(), r.split());
            splitsOfPatient.computeIfAbsent(r.patientId(), k -> new TreeSet<>()).add(String.valueOf(r.split()));
        }
        List<StudyPlanner.Scan> scans = new ArrayList<>(data.scans());
        String externalUri = data.external() == null ? null : data.external().manifestUri();
        if (data.external() != null) {
            for (ManifestRow r : data.external().rows()) {
                splitOf.put(r.scanId(), DatasetStep.EXTERNAL_SPLIT);
                splitsOfPatient.computeIfAbsent(r.patientId(), k -> new TreeSet<>()).add(DatasetStep.EXTERNAL_SPLIT);
            }
            scans.addAll(data.external().scans());
        }
        List<String> leaks = new ArrayList<>();
        splitsOfPatient.forEach((patient, splits) -> {
            if (splits.stream().anyMatch(HELD_OUT::contains) && splits.size() > 1) {
                leaks.add("patient " + patient + " has scans in " + String.join(" and ", splits)
                        + (splits.contains(DatasetStep.EXTERNAL_SPLIT) ? " (the external test set)" : ""));
            }
        });
        if (!leaks.isEmpty()) {
            throw new BadInputException("test patients would reach training: " + String.join("; ", leaks));
        }
        Map<String, String> scanOfUri = new HashMap<>();
        for (StudyPlanner.Scan s : scans) {
            scanOfUri.put(s.uri(), s.id());
            s.slices().forEach(u -> scanOfUri.put(u, s.id()));
            if (s.lesionUri() != null) {
                scanOfUri.put(s.lesionUri(), s.id());
            }
        }
        Map<String, RunPlan.PlannedStep> byId = new HashMap<>();
        plan.steps().forEach(s -> byId.put(s.id(), s));
        Map<String, Set<String>> reach = new HashMap<>();
        for (RunPlan.PlannedStep s : plan.steps()) {
            if (s.step().equals("dataset")) {
                RunPlan.InputSource m = s.inputs().get("manifest");
                String want = external(s) ? externalUri : manifestUri;
                if (m == null || want == null || !want.equals(m.uri())) {
                    throw new IllegalStateException("leak check: step " + s.id() + " packs "
                            + (m == null ? "no manifest" : m.uri()) + ", not the checked " + want);
                }
            }
            if (s.step().equals("grade")) {
                RunPlan.PlannedStep packed = byId.get(s.inputs().get("dataset").from());
                String want = packed != null && external(packed) ? DatasetStep.EXTERNAL_SPLIT : "test";
                if (!want.equals(s.params().path("split").asText())) {
                    throw new IllegalStateException("leak check: step " + s.id() + " grades the '"
                            + s.params().path("split").asText() + "' split, not " + want);
                }
            }
            if (!LEARNERS.contains(s.step())) {
                continue;
            }
            for (RunPlan.InputSource in : s.inputs().values()) {
                RunPlan.PlannedStep up = in.isUpstream() ? byId.get(in.from()) : null;
                if (up != null && up.step().equals("dataset") && external(up)) {
                    throw new IllegalStateException(
                            "leak check: " + s.step() + " step " + s.id() + " learns from the external test set");
                }
            }
            Set<String> test = new TreeSet<>();
            for (String scan : scansReaching(s, byId, scanOfUri, reach)) {
                if (HELD_OUT.contains(splitOf.get(scan))) {
                    test.add(scan);
                }
            }
            if (!test.isEmpty()) {
                throw new IllegalStateException(
                        "leak check: test scan(s) " + test + " reach " + s.step() + " step " + s.id());
            }
        }
    }

    /** Whether a {@code dataset} step packs an external test set. */
    private static boolean external(RunPlan.PlannedStep dataset) {
        return DatasetStep.EXTERNAL_SPLIT.equals(dataset.params().path("as").asText(null));
    }

    /** The scans whose objects or per-scan steps feed {@code s}, upstream through every step but {@code dataset}. */
    private static Set<String> scansReaching(RunPlan.PlannedStep s, Map<String, RunPlan.PlannedStep> byId,
            Map<String, String> scanOfUri, Map<String, Set<String>> memo) {
        Set<String> known = memo.get(s.id());
        if (known != null) {
            return known;
        }
        Set<String> out = new TreeSet<>();
        memo.put(s.id(), out);
        String own = StudyPlanner.scanOf(s.id());
        if (own != null) {
            out.add(own);
        }
        for (RunPlan.InputSource in : s.inputs().values()) {
            if (!in.isUpstream()) {
                String scan = scanOfUri.get(in.uri());
                if (scan != null) {
                    out.add(scan);
                }
                continue;
            }
            RunPlan.PlannedStep up = byId.get(in.from());
            if (up != null && !up.step().equals("dataset")) {
                out.addAll(scansReaching(up, byId, scanOfUri, memo));
            }
        }
        return out;
    }
}
