package org.corads.models.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.corads.steps.io.BadInputException;

/**
 * Prepares the batches of the coming iterations on background threads while the network trains on the current one:
 * up to {@code ahead} batches in flight, in iteration order. {@link #take} hands out the batch of the next iteration,
 * the same arrays {@link Batches#of} gives in the loop (each iteration's random choices depend on the seed and the
 * iteration alone). {@code ahead} 0 prepares each batch in the loop, as a plain call. Threads are daemons named after
 * the arm; {@link #close} cancels what is still in flight (early stopping, cancellation, errors).
 */
public final class Prefetcher implements AutoCloseable {

    /** System property: batches prepared ahead of the training loop (0: in the loop). */
    public static final String PROPERTY = "corads.train.prefetch";
    public static final String ENV = "CORADS_TRAIN_PREFETCH";
    /** Half the cores, at least 2: on a GPU node the preparation of full-size batches needs several threads. */
    public static final int DEFAULT_AHEAD = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
    private static final int MAX_AHEAD = 64;

    private final Batches batches;
    private final int last;
    private final ExecutorService pool;
    private final Deque<Future<Batches.Batch>> inFlight = new ArrayDeque<>();
    private final int ahead;
    private int next;
    private int scheduled;

    /**
     * @param first the first iteration {@link #take} will be asked for
     * @param last  the last iteration there can be (nothing is prepared beyond it)
     */
    public Prefetcher(Batches batches, int first, int last, int ahead, String name) {
        this.batches = batches;
        this.last = last;
        this.ahead = ahead;
        this.next = first;
        this.scheduled = first;
        if (ahead > 0) {
            AtomicInteger n = new AtomicInteger();
            int threads = Math.max(1, Math.min(ahead, Runtime.getRuntime().availableProcessors()));
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "batches-" + name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            pool = null;
        }
    }

    /** The configured depth: {@code corads.train.prefetch}, else {@code CORADS_TRAIN_PREFETCH}, else the default. */
    public static int configuredAhead() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
        }
        if (v == null || v.isBlank()) {
            return DEFAULT_AHEAD;
        }
        try {
            int a = Integer.parseInt(v.strip());
            if (a >= 0 && a <= MAX_AHEAD) {
                return a;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadInputException(PROPERTY + " '" + v + "': expected a number of batches from 0 to " + MAX_AHEAD);
    }

    /** The batch of iteration {@code it}, which must be the one after the last taken. */
    public Batches.Batch take(int it) {
        if (it != next) {
            throw new IllegalStateException("batch of iteration " + it + " asked for, expected " + next);
        }
        next++;
        if (pool == null) {
            return batches.of(it);
        }
        while (scheduled <= last && scheduled <= it + ahead) {
            int i = scheduled++;
            inFlight.addLast(pool.submit(() -> batches.of(i)));
        }
        Future<Batches.Batch> f = inFlight.pollFirst();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the batch of iteration " + it);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("preparing the batch of iteration " + it + " failed", e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            inFlight.forEach(f -> f.cancel(true));
            inFlight.clear();
            pool.shutdownNow();
        }
    }
}
