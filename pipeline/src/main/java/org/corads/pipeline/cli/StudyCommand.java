package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.study.StudyDefinition;
import org.corads.pipeline.study.StudyRunner;
import org.corads.steps.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code study plan | run | rerun}: the ablation study from a YAML definition. */
@Command(name = "study", description = "Plan, run or rerun an ablation study from a YAML definition.",
        subcommands = {StudyCommand.Plan.class, StudyCommand.Run.class, StudyCommand.Rerun.class})
public class StudyCommand {

    /** {@code study plan <study.yaml>}: what a run would do now — each step cached, to run, or blocked. */
    @Command(name = "plan", description = "Print the study's steps, each cached / to-run / blocked, without running anything.")
    public static class Plan implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<study.yaml>")
        Path file;

        @Option(names = "--json", description = "Print the plan as JSON.")
        boolean json;

        @Inject
        StudyRunner runner;

        @Inject
        ObjectMapper mapper;

        @Override
        public Integer call() throws Exception {
            StudyDefinition s = StudyDefinition.read(file);
            StudyRunner.Data d = runner.data(s, false, m -> { });
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("study", s.name());
            out.put("arms", s.arms().stream().map(a -> a.name() + " ×" + a.seeds()).toList());
            if (d == null) {
                int n = s.dataset().synthetic().scans();
                out.put("dataset", "synthetic cohort of " + n + " scans, not generated yet: every step is to run");
                boolean model = s.needsLesions() && s.dataset().lesionMaps().equals("model");
                out.put("toRun", n * (s.needsLesions() ? model ? 7 : 6 : 5) + stepsAfterCases(s) + (model ? 1 : 0));
                print(out, List.of());
                return ExitCodes.OK;
            }
            out.put("dataset", d.manifestUri() + " (" + d.scans().size() + " scans)");
            List<DagRunner.Preview> p = runner.preview(runner.plan(s, d, null));
            out.put("cached", p.stream().filter(x -> x.status().equals("cached")).count());
            out.put("toRun", p.stream().filter(x -> x.status().equals("to-run")).count());
            out.put("blocked", p.stream().filter(x -> x.status().equals("blocked")).count());
            print(out, p);
            return ExitCodes.OK;
        }

        private void print(Map<String, Object> head, List<DagRunner.Preview> steps) throws Exception {
            if (json) {
                Map<String, Object> all = new LinkedHashMap<>(head);
                all.put("steps", steps);
                System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
                return;
            }
            head.forEach((k, v) -> System.out.println(k + ": " + v));
            for (DagRunner.Preview x : steps) {
                System.out.printf("  %-8s %-44s %-15s %s%n", x.status(), x.id(), x.step(),
                        x.cacheKey() == null ? "" : x.cacheKey().substring(0, 12));
            }
        }
    }

    static int stepsAfterCases(StudyDefinition s) {
        int n = 2; // dataset, compare
        n += (int) s.arms().stream().filter(StudyDefinition.Arm::pretraining).map(StudyDefinition.Arm::dimensionality).distinct().count();
        for (StudyDefinition.Arm a : s.arms()) {
            n += 2 * a.seeds() + 1;
        }
        return n;
    }

    /** {@code study run <study.yaml>}: runs every step not cached, publishes and prints the summary. */
    @Command(name = "run", description = "Run the study (cached steps are not recomputed); publish report and models.")
    public static class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<study.yaml>")
        Path file;

        @Option(names = "--out", description = "Also download the report into this folder (must not exist unless --force).")
        Path out;

        @Option(names = "--force", description = "Write the report into an existing --out folder.")
        boolean force;

        @Option(names = "--run-id", description = "Run id (letters, digits, '-'); generated when absent.")
        String runId;

        @Inject
        StudyRunner runner;

        @Inject
        ObjectMapper mapper;

        @Override
        public Integer call() throws Exception {
            StudyDefinition s = StudyDefinition.read(file);
            if (out != null) {
                Outputs.refuseOverwrite(out, force);
            }
            return StudyCommand.runAndReport(runner, mapper, s, runId, out);
        }
    }

    /**
     * {@code study rerun <study.yaml> --arm NAME [--from train|grade|ensemble]}: drops the cached outputs of one arm's
     * steps from a stage on, runs the study again (only those steps recompute) and says whether the recomputed
     * models are byte-identical to the previous ones — the reproducibility check of an arm.
     */
    @Command(name = "rerun", description = "Recompute one arm from a stage on and check the models reproduce exactly.")
    public static class Rerun implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<study.yaml>")
        Path file;

        @Option(names = "--arm", required = true, description = "Arm to recompute.")
        String arm;

        @Option(names = "--from", defaultValue = "train", description = "First stage to recompute: train, grade or ensemble.")
        String from;

        @Inject
        StudyRunner runner;

        @Inject
        Storage storage;

        @Inject
        ObjectMapper mapper;

        @Override
        public Integer call() throws Exception {
            StudyDefinition s = StudyDefinition.read(file);
            if (s.arms().stream().noneMatch(a -> a.name().equals(arm))) {
                throw new BadInputException(file + ": --arm " + arm + " names no arm of this study; arms: "
                        + s.arms().stream().map(StudyDefinition.Arm::name).toList());
            }
            List<String> stages = List.of("train", "grade", "ensemble");
            if (!stages.contains(from)) {
                throw new BadInputException("--from " + from + ": expected one of " + stages);
            }
            StudyRunner.Data d = runner.data(s, true, System.err::println);
            RunPlan plan = runner.plan(s, d, null);
            Map<String, String> before = new LinkedHashMap<>();
            int dropped = 0;
            for (DagRunner.Preview p : runner.preview(plan)) {
                boolean ofArm = p.id().startsWith("arm/" + arm + "/");
                if (ofArm && p.status().equals("cached") && stages.indexOf(p.step()) >= stages.indexOf(from)) {
                    S3Uri sidecar = new S3Uri(storage.store().config().buckets().work(),
                            "cache/" + p.step() + "/" + p.cacheKey() + "/" + org.corads.pipeline.exec.Provenance.FILE);
                    if (p.step().equals("train")) {
                        before.put(p.id(), storage.store().digestOf(S3Uri.parse("s3://" + sidecar.bucket() + "/cache/train/"
                                + p.cacheKey() + "/model.params")));
                    }
                    storage.store().remove(sidecar);
                    dropped++;
                }
            }
            System.err.println("rerun " + arm + " from " + from + ": " + dropped + " cached step(s) dropped");
            return StudyCommand.runAndReport(runner, mapper, s, null, null, before);
        }
    }

    static int runAndReport(StudyRunner runner, ObjectMapper mapper, StudyDefinition s, String runId, Path out) throws Exception {
        return runAndReport(runner, mapper, s, runId, out, Map.of());
    }

    static int runAndReport(StudyRunner runner, ObjectMapper mapper, StudyDefinition s, String runId, Path out,
                            Map<String, String> modelsBefore) throws Exception {
        StudyRunner.Result r = runner.run(s, runId, System.err::println);
        if (out != null && r.reportPrefix() != null) {
            runner.download(r, out);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("study", s.name());
        summary.put("runId", r.run().runId());
        summary.put("status", r.run().status());
        summary.put("steps", r.run().outcomes().size());
        summary.put("computed", r.run().computed());
        summary.put("cacheHits", r.run().cacheHits());
        summary.put("failed", r.run().failed());
        summary.put("durationMs", r.run().durationMs());
        summary.put("report", r.reportPrefix());
        if (out != null && r.reportPrefix() != null) {
            summary.put("reportDir", out.toAbsolutePath().toString());
        }
        if (!modelsBefore.isEmpty()) {
            Map<String, Boolean> same = new LinkedHashMap<>();
            modelsBefore.forEach((id, digest) -> {
                StepOutcome o = r.run().outcomes().get(id);
                same.put(id, o != null && o.outputs().get("model.params") != null
                        && digest.equals(o.outputs().get("model.params").sha256()));
            });
            summary.put("modelsReproduced", same);
        }
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        StepOutcome firstFailure = r.run().outcomes().values().stream()
                .filter(o -> o.status() == StepOutcome.Status.Failed).findFirst().orElse(null);
        return Documents.exitCode(firstFailure != null, firstFailure != null && firstFailure.badInput(),
                firstFailure == null ? null : firstFailure.step() + ": " + firstFailure.error());
    }
}
