package org.dovetail.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.dovetail.DovetailException;
import org.dovetail.StoreException;

/**
 * A bounded pool of daemon threads for object transfers (network- and disk-bound work, so a few
 * threads per core), started on first use. {@link #map} keeps the input's order and reports the
 * first failure as it was thrown.
 */
public final class TransferPool implements AutoCloseable {
    private static final int THREADS = Math.max(4, Math.min(16, 4 * Runtime.getRuntime().availableProcessors()));

    private final String name;
    private final int threads;
    private ExecutorService pool;

    /** A pool whose threads are named {@code dovetail-<name>}, a few per core. */
    public TransferPool(String name) {
        this(name, THREADS);
    }

    /**
     * A pool of {@code threads} threads named {@code dovetail-<name>}: for many small transfers,
     * each mostly a network round trip, where the number in flight sets the rate, not the cores.
     */
    public TransferPool(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a transfer pool needs at least one thread, not " + threads);
        }
        this.name = name;
        this.threads = threads;
    }

    /** Applies {@code work} to every item in parallel; results in the order of the items. */
    public <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (items.size() <= 1) {
            return items.stream().map(work).toList();
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(executor().submit(() -> work.apply(item)));
        }
        List<R> results = new ArrayList<>(items.size());
        try {
            for (Future<R> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while transferring objects (" + name + ")", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof DovetailException d) {
                throw d;
            }
            throw new StoreException("Transfer failed (" + name + "): " + e.getCause(), e.getCause());
        }
        return results;
    }

    private synchronized ExecutorService executor() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "dovetail-" + name);
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
