package org.corads.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.corads.pipeline.storage.EmbeddedS3Server;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StorageException;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Volume;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object storage against the real S3 server over HTTP with real signatures. */
class StorageTest {
    @TempDir
    Path dir;

    @Test
    void fullSizeVolumeRoundTripsWithDigestCheck() throws Exception {
        ObjectStore store = S3TestServer.freshStore("big");
        Volume ct = VolumeIO.read(SharedData.ct("chest-ct-01.nii.gz")).volume();
        Path mha = dir.resolve("ct.mha");
        VolumeIO.write(ct, mha);
        S3Uri uri = new S3Uri(store.config().buckets().work(), "volumes/ct.mha");
        String digest = store.putFile(uri, mha, "application/octet-stream");
        assertThat(store.stat(uri).orElseThrow().sha256()).contains(digest);
        assertThat(store.stat(uri).orElseThrow().size()).isEqualTo(Files.size(mha));
        Path back = dir.resolve("back.mha");
        assertThat(store.getFile(uri, back, null)).isEqualTo(digest).isEqualTo(Sha256.of(mha));
        assertThat(VolumeIO.read(back).volume().sameVoxelsAndGeometry(ct)).isTrue();
    }

    @Test
    void aTamperedObjectFailsItsDigestCheckAndLeavesNoFile() throws Exception {
        ObjectStore store = S3TestServer.freshStore("tamper");
        Path f = dir.resolve("a.bin");
        Files.write(f, new byte[]{1, 2, 3, 4});
        S3Uri uri = new S3Uri(store.config().buckets().work(), "x/a.bin");
        store.putFile(uri, f, "application/octet-stream");
        Path stored;
        try (Stream<Path> s = Files.walk(S3TestServer.dataDir().resolve(uri.bucket()))) {
            stored = s.filter(p -> p.getFileName().toString().equals("a.bin")).findFirst().orElseThrow();
        }
        Files.write(stored, new byte[]{9, 9, 9, 9});
        Path dest = dir.resolve("dest.bin");
        assertThatThrownBy(() -> store.getFile(uri, dest, null)).isInstanceOf(StorageException.class)
                .hasMessageContaining("does not match");
        assertThat(dest).doesNotExist();
        assertThat(dir.resolve("dest.bin.part")).doesNotExist();
    }

    /**
     * Requests side by side leave several idle connections in the client's pool; a restarted server has closed them
     * all. The first request after the restart gets through with one retry: its dead connection drops the others
     * from the pool instead of each retry taking the next dead one.
     */
    @Test
    void idleConnectionsThatDiedWithTheServerCostOneRetryAtMost() throws Exception {
        try (EmbeddedS3Server s3 = S3TestServer.dedicated(dir.resolve("s3"))) {
            StoreConfig c = S3TestServer.config(s3, "pool");
            ObjectStore store = new ObjectStore(new StoreConfig(c.endpoint(), c.accessKey(), c.secretKey(), c.region(),
                    c.buckets(), 2, c.partSizeBytes()));
            store.ensureBuckets();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> puts = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    S3Uri uri = new S3Uri(c.buckets().work(), "pool/" + i);
                    byte[] bytes = new byte[64 << 10];
                    puts.add(threads.submit(() -> store.putBytes(uri, bytes, "application/octet-stream")));
                }
                for (Future<String> f : puts) {
                    f.get();
                }
            } finally {
                threads.shutdown();
            }
            s3.kill();
            s3.restart(Duration.ofSeconds(60));
            long before = store.requestCount();
            assertThat(store.getBytes(new S3Uri(c.buckets().work(), "pool/7"))).hasSize(64 << 10);
            assertThat(store.requestCount() - before).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void wrongCredentialsGiveOneClearErrorWithoutRetries() {
        StoreConfig good = S3TestServer.freshConfig("auth");
        ObjectStore bad = new ObjectStore(good.withSecretKey("wrong-secret"));
        assertThatThrownBy(bad::ensureBuckets).isInstanceOf(StorageException.class).hasMessageContaining("refused")
                .hasMessageContaining("CORADS_S3_SECRET_KEY");
        assertThat(bad.requestCount()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsRetriedABoundedNumberOfTimes() {
        ObjectStore store = new ObjectStore(StoreConfig.of("http://127.0.0.1:9", "a", "b"));
        assertThatThrownBy(store::ensureBuckets).isInstanceOf(StorageException.class)
                .hasMessageContaining("after 4 attempts");
        assertThat(store.requestCount()).isEqualTo(4);
    }

    @Test
    void keysThatCouldEscapeTheirPrefixAreRejected() {
        assertThatThrownBy(() -> new S3Uri("scans", "../../etc/passwd")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new S3Uri("scans", "a/../../b")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new S3Uri("scans", "scan\u0000.nii")).hasMessageContaining("control character");
        assertThatThrownBy(() -> new S3Uri("scans", "scan\n.nii")).hasMessageContaining("control character");
        assertThatThrownBy(() -> new S3Uri("scans", "/abs")).hasMessageContaining("start");
        assertThatThrownBy(() -> new S3Uri("scans", "a//b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> new S3Uri("scans", "a\\..\\b")).hasMessageContaining("'\\'");
        assertThatThrownBy(() -> S3Uri.parse("s3://../x")).hasMessageContaining("bucket");
        assertThat(new S3Uri("scans", "site-a/patient 7/scan.nii.gz").toString())
                .isEqualTo("s3://scans/site-a/patient 7/scan.nii.gz");
    }
}
