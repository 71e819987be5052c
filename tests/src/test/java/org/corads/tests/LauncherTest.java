package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.corads.pipeline.app.Main;
import org.corads.testkit.CliRun;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code corads} launcher at the repository root: the command runs, one-shot commands start without the
 * optimising compiler and with the serial collector (unless {@code JAVA_OPTS} names one) and the others with the
 * JVM's defaults (the JVM's own account of its flags,
 * {@code -XX:+PrintCommandLineFlags}), the build's class-data archive holds the scan readers (it is trained on a
 * real {@code preprocess} under Quarkus, so it serves the commands that start Quarkus and those that do not), Quarkus
 * starts only for the commands that need it and Camel's routes only for those that use them, and a missing build is
 * one line and exit 1.
 */
class LauncherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The class that runs Quarkus' start ({@code Quarkus.run}). */
    private static final String QUARKUS_START = "io.quarkus.runtime.ApplicationLifecycleManager";

    @TempDir
    Path dir;

    private record Ran(int exit, String stdout, String stderr) {}

    private Ran corads(Map<String, String> env, String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> cmd = new ArrayList<>(List.of("bash", CliRun.launcherScript().toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        // the JVM the build trained the class-data archive with, as CliRun starts commands
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void oneShotCommandsStartWithTheFirstCompilerTierAndTheRestWithTheDefaults() throws Exception {
        Map<String, String> flags = Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Ran check = corads(flags, "check", SharedData.ct("chest-ct-01-small.nii.gz").toString());
        assertThat(check.exit()).as(check.stderr()).isZero();
        List<String> lines = check.stdout().lines().toList();
        assertThat(lines.get(0)).contains("-XX:TieredStopAtLevel=1").contains("-XX:SharedArchiveFile=")
                .contains("-XX:+UseSerialGC");
        // huge pages asked for exactly where the kernel gives them to those who ask
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        if (Files.isReadable(thp) && Files.readString(thp).contains("[madvise]")) {
            assertThat(lines.get(0)).contains("-XX:+UseTransparentHugePages");
        } else {
            assertThat(lines.get(0)).doesNotContain("UseTransparentHugePages");
        }
        assertThat(JSON.readTree(String.join("\n", lines.subList(1, lines.size()))).isObject()).isTrue();

        Ran study = corads(flags, "study", "-h");
        assertThat(study.exit()).as(study.stderr()).isZero();
        assertThat(study.stdout().lines().findFirst().orElseThrow()).contains("-XX:+PrintCommandLineFlags")
                .doesNotContain("TieredStopAtLevel").doesNotContain("UseSerialGC");

        // a collector named in JAVA_OPTS is the one: the JVM would refuse two
        Ran g1 = corads(Map.of("JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"), "--version");
        assertThat(g1.exit()).as(g1.stderr()).isZero();
        assertThat(g1.stdout().lines().findFirst().orElseThrow()).contains("-XX:+UseG1GC")
                .doesNotContain("UseSerialGC");

        // a plan only reads and prints: a one-shot command under 'study'
        Ran plan = corads(flags, "study", "plan", dir.resolve("no-such-study.yaml").toString());
        assertThat(plan.exit()).as(plan.stderr()).isEqualTo(2);
        assertThat(plan.stdout().lines().findFirst().orElseThrow()).contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    void theClassDataArchiveHoldsTheReadersAndOnlyRouteCommandsStartCamel() throws Exception {
        Map<String, String> log = Map.of("JAVA_OPTS", "-Xlog:class+load=info");
        Ran check = corads(log, "check", SharedData.ct("chest-ct-01-small.nii.gz").toString());
        assertThat(check.exit()).as(check.stderr()).isZero();
        assertThat(loaded(check, "org.corads.steps.io.NiftiIO")).contains("source: shared objects file");
        assertThat(loaded(check, "org.apache.camel.impl.engine.DefaultRoute")).isEmpty();
        // check needs nothing of the container: Quarkus is not started
        assertThat(loaded(check, QUARKUS_START)).isEmpty();

        Ran study = corads(log, "study", "-h");
        assertThat(study.exit()).as(study.stderr()).isZero();
        assertThat(loaded(study, "org.apache.camel.impl.engine.DefaultRoute")).isNotEmpty();
        assertThat(loaded(study, QUARKUS_START)).contains("source: shared objects file");
        Ran plan = corads(log, "study", "plan", dir.resolve("no-such-study.yaml").toString());
        assertThat(plan.exit()).as(plan.stderr()).isEqualTo(2);
        assertThat(loaded(plan, "org.apache.camel.impl.engine.DefaultRoute")).isEmpty();
    }

    /** The JVM's class-loading line for a class, or empty when it was not loaded. */
    private static String loaded(Ran r, String className) {
        return r.stdout().lines().filter(l -> l.contains("[class,load] " + className + " ")).findFirst().orElse("");
    }

    @Test
    void theLauncherGivesTheFirstTierToExactlyTheCommandsThatStartWithoutCamel() throws Exception {
        String script = Files.readString(CliRun.launcherScript());
        String cases = script.lines().map(String::trim).filter(l -> l.startsWith("preprocess |")).findFirst()
                .orElseThrow();
        Set<String> words = new TreeSet<>(Arrays.asList(cases.replace(")", "").split("\\s*\\|\\s*")));
        Set<String> expected = new TreeSet<>(Main.STANDALONE);
        expected.addAll(List.of("--version", "-V", "-h", "--help"));
        assertThat(words).isEqualTo(expected);
        assertThat(Main.STANDALONE_SUBCOMMANDS).containsExactly("study plan");
        assertThat(script).contains("  study)\n").contains("if [ \"${2:-}\" = plan ]; then one_shot=1; fi");
    }

    @Test
    void withoutABuildItSaysSoInOneLine() throws Exception {
        Ran r = corads(Map.of("CORADS_APP", dir.resolve("nothing-here").toString()), "--version");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().lines().toList()).hasSize(1);
        assertThat(r.stderr()).contains("quarkus-run.jar not found; build it first");
        assertThat(r.stdout()).isEmpty();
    }
}
