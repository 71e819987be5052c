package org.corads.pipeline.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent storage requests a few at a time: an object store answers many small requests side by side far
 * sooner than one after another (a DICOM series is one object per slice, hundreds a scan), and each waits mostly on
 * the network. A failure keeps the requests not yet started from starting; once every started one has ended, the
 * failure of the earliest item that failed is thrown, so nothing is left running behind the caller.
 */
final class SideBySide {
    /** Requests in flight at once. */
    static final int REQUESTS = 8;

    /** One request. */
    @FunctionalInterface
    interface Request<T, R> {
        R run(T item) throws IOException;
    }

    private SideBySide() {}

    /** {@code request} applied to every item, results in the items' order. */
    static <T, R> List<R> map(List<T> items, Request<T, R> request) throws IOException {
        if (items.size() <= 1) {
            List<R> out = new ArrayList<>();
            for (T item : items) {
                out.add(request.run(item));
            }
            return out;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(REQUESTS, items.size()), r -> {
            Thread t = new Thread(r, "corads-s3-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        return request.run(item);
                    } catch (IOException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            List<R> out = new ArrayList<>();
            Throwable first = null;
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                    out.add(null);
                }
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first != null) {
                throw new UncheckedIOException(new IOException(first));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while transferring", false, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
