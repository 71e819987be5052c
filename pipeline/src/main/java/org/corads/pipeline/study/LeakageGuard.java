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
import org.corads.steps.io.BadInputException;

/**
 * Proves of a planned study, before it runs, that no test scan and no scan of a test patient reaches what learns:
 * <ul>
 * <li>no patient has scans both in test and in train or validation (the manifest's splits);</li>
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

    /**
     * Throws {@link BadInputException} for a patient in two splits (the data's fault) and
     * {@link IllegalStateException} for a plan through which a test scan reaches a learner (the planner's fault).
     */
    public static void check(RunPlan plan, String manifestUri, List<StudyPlanner.Scan> scans, List<ManifestRow> rows) {
        Map<String, String> splitOf = new HashMap<>();
        Map<String, Set<String>> splitsOfPatient = new TreeMap<>();
        for (ManifestRow r : rows) {
            splitOf.put(r.scanId(), r.split());
            splitsOfPatient.computeIfAbsent(r.patientId(), k -> new TreeSet<>()).add(String.valueOf(r.split()));
        }
        List<String> leaks = new ArrayList<>();
        splitsOfPatient.forEach((patient, splits) -> {
            if (splits.contains("test") && splits.size() > 1) {
                leaks.add("patient " + patient + " has scans in " + String.join(" and ", splits));
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
                if (m == null || !manifestUri.equals(m.uri())) {
                    throw new IllegalStateException("leak check: step " + s.id() + " packs "
                            + (m == null ? "no manifest" : m.uri()) + ", not the checked " + manifestUri);
                }
            }
            if (s.step().equals("grade") && !"test".equals(s.params().path("split").asText())) {
                throw new IllegalStateException("leak check: step " + s.id() + " grades the '"
                        + s.params().path("split").asText() + "' split, not test");
            }
            if (!LEARNERS.contains(s.step())) {
                continue;
            }
            Set<String> test = new TreeSet<>();
            for (String scan : scansReaching(s, byId, scanOfUri, reach)) {
                if ("test".equals(splitOf.get(scan))) {
                    test.add(scan);
                }
            }
            if (!test.isEmpty()) {
                throw new IllegalStateException(
                        "leak check: test scan(s) " + test + " reach " + s.step() + " step " + s.id());
            }
        }
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
