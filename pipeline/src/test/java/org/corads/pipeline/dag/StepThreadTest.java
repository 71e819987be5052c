package org.corads.pipeline.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StepThreadTest {

    @Test
    void eachCallRunsOnAThreadOfItsOwnThatHasEndedWhenItReturns() {
        AtomicReference<Thread> ran = new AtomicReference<>();
        String name = StepThread.call("step a", () -> {
            ran.set(Thread.currentThread());
            return Thread.currentThread().getName();
        });
        assertThat(name).isEqualTo("step a");
        assertThat(ran.get()).isNotSameAs(Thread.currentThread());
        assertThat(ran.get().isAlive()).isFalse();
        Thread first = ran.get();
        StepThread.call("step b", () -> {
            ran.set(Thread.currentThread());
            return null;
        });
        assertThat(ran.get()).isNotSameAs(first);
    }

    @Test
    void whatTheStepThrowsReachesTheCaller() {
        IllegalArgumentException bad = new IllegalArgumentException("bad input");
        assertThatThrownBy(() -> StepThread.call("s", () -> {
            throw bad;
        })).isSameAs(bad);
        assertThatThrownBy(() -> StepThread.call("s", () -> {
            throw new OutOfMemoryError("heap");
        })).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void interruptingTheCallerInterruptsTheStepAndWaitsForIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stepSawInterrupt = new AtomicBoolean();
        AtomicBoolean callerFlag = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            StepThread.call("slow", () -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    stepSawInterrupt.set(true);
                }
                return null;
            });
            callerFlag.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(stepSawInterrupt).isTrue();
        assertThat(callerFlag).isTrue();
    }
}
