package org.corads.pipeline.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The embedded default S3 server: S3Proxy 4.1.0 in a child JVM on 127.0.0.1, a random free port and random
 * credentials, filesystem backend ({@code filesystem-nio2}) under an absolute data folder, logging at INFO to
 * {@code s3proxy.log} beside that folder. The child exits when its standard input closes, so it never
 * outlives this process. Started only when no endpoint is configured.
 */
public final class EmbeddedS3Server implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedS3Server.class);

    private final ProcessBuilder command;
    private Process process;
    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private final long startMillis;
    private long readyMillis = -1;

    private EmbeddedS3Server(ProcessBuilder command, Process process, String endpoint, String accessKey,
            String secretKey, long startMillis) {
        this.command = command;
        this.process = process;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.startMillis = startMillis;
    }

    /**
     * Starts the server and waits until it answers HTTP.
     *
     * @param dataDir where objects are kept (created; made absolute)
     * @param libDir  folder of S3Proxy's jars ({@code quarkus-app/s3proxy-lib})
     */
    public static EmbeddedS3Server start(Path dataDir, Path libDir, Duration timeout) throws IOException {
        long t0 = System.nanoTime();
        if (!Files.isDirectory(libDir)) {
            throw new IllegalStateException("embedded S3 server jars not found in " + libDir
                    + "; build with 'mvn install' or set corads.s3.endpoint");
        }
        Path data = Files.createDirectories(dataDir.toAbsolutePath().normalize());
        Path conf = Files.createDirectories(data.resolveSibling(data.getFileName() + "-conf"));
        int port = freePort();
        String access = "corads-" + random(6);
        String secret = random(20);
        String endpoint = "http://127.0.0.1:" + port;
        Path props = conf.resolve("s3proxy.properties");
        Files.writeString(props,
                String.join("\n", "s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + access, "s3proxy.credential=" + secret,
                        "jclouds.provider=filesystem-nio2", "jclouds.filesystem.basedir=" + data, ""));
        Path logback = conf.resolve("logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d{ISO8601} %%level %%logger{0} %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(conf.resolve("s3proxy.log")));
        // the JIT's first tier only: the server's work per request is small, and the optimising compiler's own
        // work cost more CPU than it saved (a tiny study against a fresh server: 4.2 s of the server's CPU instead
        // of 7.0 s, and the next study 2.1 s instead of 3.8 s; its start 1.5 s instead of 2.4 s); over a run as long
        // as the demo the two come out even (36.8 s against 35.0 s of the server's CPU)
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logback, "-cp",
                libDir.toAbsolutePath() + "/*", "org.corads.embeddeds3.Launcher", "--properties", props.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(conf.resolve("s3proxy.out").toFile()));
        EmbeddedS3Server s = new EmbeddedS3Server(pb, pb.start(), endpoint, access, secret, t0);
        s.awaitReady(timeout);
        LOG.infof("embedded S3 server ready at %s in %d ms (data in %s)", endpoint, s.startupMillis(), data);
        return s;
    }

    private void awaitReady(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("embedded S3 server exited with code " + process.exitValue() + " during start");
            }
            try {
                http.send(HttpRequest.newBuilder(new URI(endpoint + "/")).timeout(Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                readyMillis = (System.nanoTime() - startMillis) / 1_000_000;
                return;
            } catch (IOException e) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the embedded S3 server", e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IOException("embedded S3 server did not answer within " + timeout.toSeconds() + " s");
    }

    public String endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Milliseconds from the start request to the first HTTP answer. */
    public long startupMillis() {
        return readyMillis;
    }

    /** Kills the server at once (SIGKILL), as a crash would: requests fail until {@link #restart}. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts a killed server again on the same port, with the same credentials and data, and waits until ready. */
    public synchronized void restart(Duration timeout) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the server at " + endpoint + " is still running");
        }
        process = command.start();
        awaitReady(timeout);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
