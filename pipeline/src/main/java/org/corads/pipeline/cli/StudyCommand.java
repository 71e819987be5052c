package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.exec.StepDispatch;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.study.Feasibility;
import org.corads.pipeline.study.StudyDefinition;
import org.corads.pipeline.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code study plan | run | rerun | cancel}: the ablation study from a YAML definition. */
@Command(name = "study", description = "Plan, run or rerun an ablation study from a YAML definition; cancel one on a"
        + " server.", subcommands = {StudyCommand.Plan.class, StudyCommand.Run.class, StudyCommand.Rerun.class,
                StudyCancelCommand.class})
public class StudyCommand {

    /**
     * {@code study plan <study.yaml>}: what a run would do now — each step cached, to run, or blocked — and what
     * keeps it from succeeding ({@code problems}; exit 2 with one line when there is any).
     */
    @Command(name = "plan", description = "Print the study's steps, each cached / to-run / blocked, "
            + "without running anything.")
    public static class Plan implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<study.yaml>", description = "A study definition (YAML; see "
                + "datasets/studies/).")
        Path file;

        @Option(names = "--json", description = "Print the plan as JSON.")
        boolean json;

        @Inject
        StudyRunner runner;

        @Inject
        StepDispatch dispatch;

        @Inject
        ObjectMapper mapper;

        @Override
        public Integer call() throws Exception {
            StudyDefinition s = StudyDefinition.read(file);
            StudyRunner.Outlook o = runner.outlook(s);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("study", s.name());
            out.put("arms", s.arms().stream().map(a -> a.name() + " ×" + a.seeds()).toList());
            out.put("dataset", o.dataset());
            out.put("executor", dispatch.choose(s.executor() == null ? null : s.executor().choice()).describe());
            if (!o.steps().isEmpty()) {
                out.put("cached", o.count(DagRunner.Preview.Status.CACHED));
            }
            out.put("toRun", o.count(DagRunner.Preview.Status.TO_RUN));
            if (!o.steps().isEmpty()) {
                out.put("blocked", o.count(DagRunner.Preview.Status.BLOCKED));
            }
            out.put("problems", o.problems());
            print(out, o.steps());
            if (!o.problems().isEmpty()) {
                System.err.println("error: " + Feasibility.refusal(o.problems(), StudyRunner.describe(s)));
                return ExitCodes.BAD_INPUT;
            }
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

    /** {@code study run <study.yaml>}: runs every step not cached, publishes and prints the summary. */
    @Command(name = "run", description = "Run the study (cached steps are not recomputed); publish report and models.")
    public static class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<study.yaml>", description = "A study definition (YAML; see "
                + "datasets/studies/).")
        Path file;

        @Option(names = "--out", description = "Also download the report into this folder (must not "
                + "exist unless --force).")
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
     * models are byte-identical to the previous ones — the reproducibility check of an arm. {@code --from
     * lesion-train} (no {@code --arm}) does the same for the study's lesion U-Net.
     */
    @Command(name = "rerun", description = "Recompute one arm from a stage on and check the models reproduce exactly.")
    public static class Rerun implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<study.yaml>", description = "A study definition (YAML; see "
                + "datasets/studies/).")
        Path file;

        @Option(names = "--arm", description = "Arm to recompute (needed unless --from lesion-train).")
        String arm;

        @Option(names = "--from", defaultValue = "train", description = "First stage to recompute: "
                + "train, grade or ensemble of the arm; or lesion-train, the study's lesion U-Net (lesionMaps: model).")
        String from;

        @Inject
        StudyRunner runner;

        @Inject
        ObjectMapper mapper;

        @Override
        public Integer call() throws Exception {
            StudyDefinition s = StudyDefinition.read(file);
            StudyRunner.Rerun r = runner.rerun(s, arm, StudyRunner.Stage.of(from), System.err::println);
            return StudyCommand.report(mapper, s, r.result(), null, r.modelsReproduced());
        }
    }

    static int runAndReport(StudyRunner runner, ObjectMapper mapper, StudyDefinition s, String runId, Path out)
            throws Exception {
        ProgressBar progress = ProgressBar.onStderr();
        StudyRunner.Result r;
        try {
            r = runner.run(s, runId, progress, progress);
        } finally {
            progress.finish();
        }
        if (out != null && r.reportPrefix() != null) {
            runner.download(r, out);
        }
        return report(mapper, s, r, out, Map.of());
    }

    /** Prints the run's summary as JSON and returns the exit code its outcome calls for. */
    static int report(ObjectMapper mapper, StudyDefinition s, StudyRunner.Result r, Path out,
            Map<String, Boolean> modelsReproduced) throws Exception {
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
        if (r.report().keySet().stream().anyMatch(k -> k.startsWith(StudyRunner.EXTERNAL_REPORT))) {
            summary.put("externalReport", r.reportPrefix() + StudyRunner.EXTERNAL_REPORT);
        }
        if (out != null && r.reportPrefix() != null) {
            summary.put("reportDir", out.toAbsolutePath().toString());
        }
        if (!modelsReproduced.isEmpty()) {
            summary.put("modelsReproduced", modelsReproduced);
        }
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        StepOutcome firstFailure = r.run().outcomes().values().stream()
                .filter(o -> o.status() == StepOutcome.Status.Failed).findFirst().orElse(null);
        return Documents.exitCode(firstFailure != null, firstFailure != null && firstFailure.badInput(),
                firstFailure == null ? null : firstFailure.step() + ": " + firstFailure.error());
    }
}
