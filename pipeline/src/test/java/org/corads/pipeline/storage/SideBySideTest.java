package org.corads.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SideBySideTest {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();

    private int request(int i, int failAt) throws IOException {
        started.incrementAndGet();
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(i == failAt ? 1 : 20);
            if (i == failAt) {
                throw new IOException("request " + i + " failed");
            }
            return i * i;
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Test
    void everyRequestRunsAFewAtATimeAndTheResultsKeepTheItemsOrder() throws Exception {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        List<Integer> out = SideBySide.map(items, i -> request(i, -1));
        assertThat(out).containsExactlyElementsOf(items.stream().map(i -> i * i).toList());
        assertThat(started).hasValue(40);
        assertThat(most.get()).isGreaterThan(1).isLessThanOrEqualTo(SideBySide.REQUESTS);
    }

    @Test
    void aFailureKeepsTheRestFromStartingAndIsThrownOnceNothingRuns() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        assertThatThrownBy(() -> SideBySide.map(items, i -> request(i, 2))).isInstanceOf(IOException.class)
                .hasMessage("request 2 failed");
        assertThat(inFlight).as("requests still running after the call returned").hasValue(0);
        assertThat(started.get()).as("requests started after the failure").isLessThan(2 * SideBySide.REQUESTS);
    }

    @Test
    void aStorageErrorIsThrownAsItIs() {
        StorageException e = new StorageException("put s3://b/k: refused", false, null);
        assertThatThrownBy(() -> SideBySide.map(List.of(1, 2, 3), i -> {
            if (i == 3) {
                throw e;
            }
            return i;
        })).isSameAs(e);
    }
}
