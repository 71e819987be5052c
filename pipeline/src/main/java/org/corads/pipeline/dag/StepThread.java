package org.corads.pipeline.dag;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one step on a thread of its own that ends with the step. The PyTorch natives' OpenMP runtime (libgomp) keeps a
 * team of worker threads for every thread that has run a parallel operator, for as long as that thread lives; once it
 * manages more threads than there are cores, every team stops spin-waiting between operators and sleeps instead, and
 * a small network trains at half speed (the demo's models, one after another on the runner's pooled threads: 0.05 s
 * per iteration for the first, 0.11 s for every later one). A thread that ends takes its team with it, so steps that
 * run one after another leave no idle team behind. Interrupting the caller (a cancelled run) interrupts the step.
 */
final class StepThread {

    private StepThread() {}

    static <T> T call(String name, Supplier<T> body) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                t.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
        return result.get();
    }
}
