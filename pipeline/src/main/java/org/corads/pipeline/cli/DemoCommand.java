package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.corads.models.train.Eta;
import org.corads.pipeline.study.StudyDefinition;
import org.corads.pipeline.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the main job for a new user. With the embedded S3 server (no configuration needed) it generates a
 * small synthetic cohort, runs the reduced study bundled from {@code datasets/studies/demo.yaml} (all five arms, 2
 * seeds,
 * small models) and downloads the report into {@code demo-output/report-<time>/}, printing where it is. A second
 * run finds every step cached.
 */
@Command(name = "demo", description = "Run the reduced ablation study on a synthetic cohort and write its report.")
public class DemoCommand implements Callable<Integer> {
    /** The bundled study: {@code datasets/studies/demo.yaml}, copied into the app at build time. */
    static final String BUNDLED = "studies/demo.yaml";

    @Option(names = "--out", description = "Report folder (default "
            + "demo-output/report-<yyyyMMdd-HHmmss>); must not exist.")
    Path out;

    @Option(names = "--print-study", description = "Print the bundled study definition and exit.")
    boolean printStudy;

    @Inject
    StudyRunner runner;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        byte[] yaml;
        try (InputStream in = DemoCommand.class.getResourceAsStream("/" + BUNDLED)) {
            yaml = in.readAllBytes();
        }
        if (printStudy) {
            System.out.print(new String(yaml, StandardCharsets.UTF_8));
            return ExitCodes.OK;
        }
        StudyDefinition s = StudyDefinition.parse(yaml, Path.of("datasets/" + BUNDLED));
        Path dir = out != null
                ? out
                : Path.of("demo-output",
                        "report-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Outputs.refuseOverwrite(dir, false);
        System.err.println("demo: study '" + s.name() + "', " + s.arms().size() + " arms × " + s.seeds() + " seeds on "
                + s.dataset().synthetic().scans() + " synthetic scans; report will be in " + dir.toAbsolutePath());
        int rc = StudyCommand.runAndReport(runner, mapper, s, null, dir);
        if (rc == ExitCodes.OK) {
            System.err.println("demo: report at " + dir.toAbsolutePath().resolve("report.html") + "; wall time "
                    + Eta.duration(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)
                    + " from the start of the JVM");
        }
        return rc;
    }
}
