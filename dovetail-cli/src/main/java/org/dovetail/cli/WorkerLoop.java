package org.dovetail.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.dovetail.Dovetail;
import org.dovetail.TableName;
import org.dovetail.config.Config;
import org.dovetail.populate.Heartbeat;
import org.dovetail.populate.JobListener;
import org.dovetail.populate.JobOutcome;
import org.dovetail.populate.JobResult;
import org.dovetail.populate.JobSidecar;
import org.dovetail.populate.JobTable;
import org.dovetail.populate.PopulateOptions;
import org.dovetail.populate.Populator;
import org.dovetail.populate.StopReason;
import org.dovetail.schema.Table;

/**
 * The work of {@code dovetail worker}: threads that each open a connection and, table after
 * table, take the keys still to do (as populate computes them, shuffled so that workers spread)
 * and make them with reserved jobs, pipelined ({@link Populator#populateEach}: a job's end, the
 * next reservation and the commit in one request), each job's attempt recorded by the process's
 * {@link Heartbeat} as its make starts, and a line logged per job. A pass that found nothing to do ends the
 * worker ({@code --until-empty}) or waits, longer each time up to a bound ({@code --forever}).
 * {@link #stop} (SIGTERM) starts no further job; the running ones finish within the grace period
 * or are aborted, rolled back and recorded as DataJoint records them.
 */
final class WorkerLoop {
    private static final Duration FIRST_IDLE = Duration.ofSeconds(1);
    private static final PopulateOptions TO_DO = PopulateOptions.defaults().withReserveJobs(true).withOrder(PopulateOptions.Order.RANDOM);

    /** What the command line chose. */
    record Settings(List<String> tables, MakeOptions make, Map<String, String> environment, int threads, long maxJobs, boolean forever,
                    Duration heartbeat, Duration maxIdle, Duration grace) {
    }

    private final Config config;
    private final Settings settings;
    private final JobLines lines;
    private final AtomicLong budget;
    /** Jobs made, failed or aborted: what {@code --max-jobs} counts. */
    private final AtomicLong finished = new AtomicLong();
    private final List<Populator> populators = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicReference<String> stopped = new AtomicReference<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    /** The keys to do of each table, shared by the threads so that they split them instead of racing for each. */
    private final Map<String, KeyQueue> queues = new LinkedHashMap<>();
    /** Lists the keys of every table on a connection of its own, one listing at a time. */
    private final Object listing = new Object();

    WorkerLoop(Config config, Settings settings, PrintWriter err) {
        this.config = config;
        this.settings = settings;
        this.lines = new JobLines(err, "dovetail worker");
        this.budget = new AtomicLong(settings.maxJobs() > 0 ? settings.maxJobs() : Long.MAX_VALUE);
        settings.tables().forEach(t -> counts.put(t, new long[5]));
    }

    /** Runs the threads until the work is done, the budget is spent or {@link #stop} was called; the report. */
    WorkerReport run() throws InterruptedException {
        long start = System.nanoTime();
        // the keys are listed on a connection of their own: a thread asks for its next key while its job's
        // transaction is still open (the commit goes with the next reservation), which a listing must not read in
        try (Heartbeat heartbeat = Heartbeat.start(config, settings.heartbeat()); Dovetail lister = Dovetail.connect(config)) {
            for (String name : settings.tables()) {
                queues.put(name, new KeyQueue(settings.make().populator(lister.table(name), settings.environment()), listing));
            }
            settings.tables().stream().map(t -> TableName.parse(t).schema()).distinct().forEach(heartbeat::prepare);
            List<Thread> threads = new ArrayList<>();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            for (int i = 0; i < settings.threads(); i++) {
                Thread t = new Thread(() -> {
                    try {
                        work(heartbeat);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        stop(null, false); // the other threads finish their job, then end
                    }
                }, "dovetail-worker-" + (i + 1));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            stopped.compareAndSet(null, "empty");
            synchronized (counts) {
                return new WorkerReport(heartbeat.worker(), settings.make().describe(), settings.threads(), counts, stopped.get(),
                        Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    /**
     * Stops the worker: no further job starts; with {@code abort} the running jobs are aborted
     * (rolled back, recorded with the reason's message), else they finish.
     *
     * @param reason the stop's reason, or null for a failure of the worker itself
     */
    void stop(StopReason reason, boolean abort) {
        stopped.compareAndSet(null, reason == null ? "failure" : reason.message());
        stopping.countDown();
        for (Populator p : populators) {
            p.requestStop(reason == null ? StopReason.TERMINATE : reason, abort);
        }
    }

    /** The grace period after SIGTERM. */
    Duration grace() {
        return settings.grace();
    }

    private boolean stopRequested() {
        return stopping.getCount() == 0;
    }

    /** One thread: its own connection, a populator per table, passes until done. */
    private void work(Heartbeat heartbeat) {
        try (Dovetail dj = Dovetail.connect(config)) {
            List<Slot> slots = new ArrayList<>();
            for (String name : settings.tables()) {
                Table target = dj.table(name);
                Populator populator = settings.make().populator(target, settings.environment());
                populators.add(populator);
                if (stopRequested()) {
                    populator.requestStop(StopReason.TERMINATE, true);
                }
                JobTable.of(dj.schema(target.database())); // declares ~jobs first if it does not exist, as DataJoint does
                slots.add(new Slot(name, target, populator, queues.get(name)));
            }
            Duration idle = FIRST_IDLE;
            while (!stopRequested()) {
                boolean found = false;
                for (Slot slot : slots) {
                    found |= runSlot(slot, heartbeat);
                    if (stopRequested() || budget.get() <= 0) {
                        break;
                    }
                }
                if (budget.get() <= 0) {
                    // the budget is spent, or held by keys other threads are on (one found done gives its share back)
                    if (finished.get() >= settings.maxJobs()) {
                        stopped.compareAndSet(null, "max-jobs");
                    }
                    return;
                }
                if (found) {
                    idle = FIRST_IDLE;
                } else if (!settings.forever()) {
                    return;
                } else {
                    awaitStop(idle);
                    idle = idle.multipliedBy(2).compareTo(settings.maxIdle()) > 0 ? settings.maxIdle() : idle.multipliedBy(2);
                }
            }
        }
    }

    /**
     * Makes the table's keys from its shared list until the list is done, the budget spent or
     * the worker stopping, pipelined ({@link Populator#populateEach}): one request and one commit
     * a job. Each job begins its record when its make starts; true if a key was taken.
     */
    private boolean runSlot(Slot slot, Heartbeat heartbeat) {
        boolean[] found = new boolean[1];
        Supplier<Map<String, Object>> next = () -> {
            if (stopRequested()) {
                return null;
            }
            if (budget.getAndDecrement() <= 0) {
                budget.incrementAndGet();
                return null;
            }
            Map<String, Object> key = slot.queue.next();
            if (key == null) {
                budget.incrementAndGet();
                return null;
            }
            found[0] = true;
            return key;
        };
        JobListener counting = new JobListener() {
            @Override
            public void made(JobResult result) {
                finished.incrementAndGet();
                count(slot.name, WorkerReport.MADE);
                lines.print(slot.name, result);
            }

            @Override
            public void failed(JobResult result) {
                finished.incrementAndGet();
                count(slot.name, result.outcome() == JobOutcome.INTERRUPTED ? WorkerReport.ABORTED : WorkerReport.FAILED);
                lines.print(slot.name, result);
            }

            @Override
            public void skipped(JobResult result) { // taken by another worker, or made since it was listed: not a job of the budget
                budget.incrementAndGet();
                if (result.outcome() == JobOutcome.TAKEN) {
                    count(slot.name, WorkerReport.TAKEN);
                } else {
                    count(slot.name, WorkerReport.ALREADY_DONE);
                    lines.print(slot.name, result);
                }
            }
        };
        slot.populator.populateEach(next, heartbeat.listener(slot.target, counting));
        return found[0];
    }

    private void count(String table, int which) {
        synchronized (counts) {
            counts.get(table)[which]++;
        }
    }

    private void awaitStop(Duration idle) {
        try {
            stopping.await(idle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(StopReason.INTERRUPT, true);
        }
    }

    private record Slot(String name, Table target, Populator populator, KeyQueue queue) {
    }

    /**
     * One table's keys to do, handed out to the threads one by one; when they run out, the next
     * thread to ask lists them again (on the worker's listing connection) — an empty list means the table has
     * nothing to do now.
     */
    private static final class KeyQueue {
        /** Keys checked at once before they are handed out: small, so that a check is recent when its keys are reserved. */
        private static final int CHECKED_AT_ONCE = 64;
        private final Populator lister;
        private final Object listing;
        private List<Map<String, Object>> keys = List.of();
        private int next;
        private final ArrayDeque<Map<String, Object>> checked = new ArrayDeque<>();

        KeyQueue(Populator lister, Object listing) {
            this.lister = lister;
            this.listing = listing;
        }

        /**
         * The next key still to do: the list's keys are checked a few at a time (made by another
         * worker since the list was made, or held by one: dropped without a write), and the keys
         * are listed again when they ran out; null when there is nothing to do.
         */
        synchronized Map<String, Object> next() {
            while (checked.isEmpty()) {
                synchronized (listing) { // one connection lists and checks for every table
                    if (next >= keys.size()) {
                        keys = JobSidecar.byPriority(lister.target(), lister.keysToDo(TO_DO)); // shuffled, then the prioritized first
                        next = 0;
                        if (keys.isEmpty()) {
                            return null;
                        }
                    } else {
                        int end = Math.min(keys.size(), next + CHECKED_AT_ONCE);
                        checked.addAll(lister.keysStillToDo(keys.subList(next, end)));
                        next = end;
                    }
                }
            }
            return checked.poll();
        }
    }
}
