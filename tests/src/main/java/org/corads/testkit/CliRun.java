package org.corads.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test kit: runs the packaged command-line app ({@code pipeline/target/quarkus-app/quarkus-run.jar}) in a
 * fresh JVM with a heap cap and a time limit, capturing exit code, stdout and stderr. It starts it as a user does,
 * through the {@code corads} launcher at the repository root (with this JVM's {@code JAVA_HOME}, the heap and
 * {@link #TEST_JVM_OPTIONS} in {@code JAVA_OPTS}, which come after the launcher's own settings).
 *
 * @param exitCode process exit code (−1 when killed at the time limit)
 * @param stdout   everything printed on stdout
 * @param stderr   everything printed on stderr
 */
public record CliRun(int exitCode, String stdout, String stderr) {
    /**
     * Every app JVM a test starts runs with the JIT's first tier only and the serial collector: a test's command
     * lives for seconds, where the optimising compiler's and G1's threads cost more CPU than they save (a tiny study
     * 38–46 s of CPU with the defaults, 28–34 s with these; {@code train} of six iterations 5.7–7.1 s against
     * 3.0–4.5 s). Neither changes a result — Java's floating point is the same in every tier — so every
     * byte-for-byte comparison of the tests holds as with the defaults; {@code LauncherTest} checks the settings the
     * launcher itself gives each command.
     */
    public static final String TEST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /** The packaged app, from {@code -Dcorads.cli.jar} (set by the build). */
    public static Path jar() {
        String p = System.getProperty("corads.cli.jar", "../pipeline/target/quarkus-app/quarkus-run.jar");
        Path jar = Path.of(p);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("packaged CLI not found at " + jar + "; run 'mvn verify' from the root");
        }
        return jar;
    }

    /**
     * {@code java [-XX:SharedArchiveFile=app-cds.jsa] <test options> -Xmx<heap> -jar quarkus-run.jar}: the packaged
     * app as its image starts it, with the class-data archive the build made beside the jar when there is one (about
     * 0.35 s less per start here) and {@link #TEST_JVM_OPTIONS}.
     */
    public static List<String> command(String heap) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path cds = jar().toAbsolutePath().resolveSibling("app-cds.jsa");
        if (Files.isRegularFile(cds)) {
            cmd.add("-XX:SharedArchiveFile=" + cds);
            cmd.add("-Xlog:cds*=off"); // an archive the JVM cannot use is skipped, without a line on stdout
        }
        cmd.addAll(List.of(TEST_JVM_OPTIONS.split(" ")));
        cmd.addAll(List.of("-Xmx" + heap, "-jar", jar().toAbsolutePath().toString()));
        return cmd;
    }

    public static CliRun run(String heap, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return run(Map.of(), null, heap, timeoutSeconds, args);
    }

    /**
     * Runs with extra environment variables (e.g. {@code CORADS_S3_ENDPOINT}) in a working folder
     * ({@code null}: the current one).
     */
    public static CliRun run(Map<String, String> env, Path cwd, String heap, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return run(launcher(args), launcherEnv(env, heap), cwd, timeoutSeconds);
    }

    /**
     * Runs with the largest file the app may write limited to {@code maxFileKib} KiB ({@code ulimit -f}): every
     * write past it fails as on a full disk, without needing a small filesystem mounted.
     */
    public static CliRun runOnFullDisk(Map<String, String> env, Path cwd, String heap, long maxFileKib,
            long timeoutSeconds, String... args) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder("ulimit -f " + maxFileKib + " && exec");
        launcher(args).forEach(a -> line.append(" '").append(a.replace("'", "'\\''")).append('\''));
        return run(List.of("bash", "-c", line.toString()), launcherEnv(env, heap), cwd, timeoutSeconds);
    }

    /** The {@code corads} launcher at the repository root, beside {@code pipeline/}. */
    public static Path launcherScript() {
        return jar().toAbsolutePath().normalize().getParent().getParent().getParent().getParent().resolve("corads");
    }

    private static List<String> launcher(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", launcherScript().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The caller's environment plus what the launcher reads: this JVM, the app beside the jar, the JVM options (the
     * caller's {@code JAVA_OPTS} after the test kit's).
     */
    private static Map<String, String> launcherEnv(Map<String, String> env, String heap) {
        Map<String, String> e = new HashMap<>(env);
        e.put("JAVA_HOME", System.getProperty("java.home"));
        e.put("CORADS_APP", jar().toAbsolutePath().normalize().getParent().toString());
        e.put("JAVA_OPTS", (TEST_JVM_OPTIONS + " -Xmx" + heap + " " + env.getOrDefault("JAVA_OPTS", "")).trim());
        return e;
    }

    private static CliRun run(List<String> cmd, Map<String, String> env, Path cwd, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            if (cwd != null) {
                pb.directory(cwd.toFile());
            }
            Process p = pb.start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            return new CliRun(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Non-empty stderr lines. */
    public List<String> stderrLines() {
        return stderr.lines().filter(l -> !l.isBlank()).toList();
    }
}
