package org.dovetail.populate;

import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dovetail.DovetailException;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.hash.KeyHash;
import org.dovetail.schema.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's heartbeat: one thread with a connection of its own that records each job's attempt
 * in the {@link JobSidecar} table and, every interval, marks the running ones alive. The second
 * connection is the point: a make runs in a transaction, which would hide (or hold back) any
 * write made on the worker's own connection until it commits.
 *
 * <pre>{@code
 * try (Heartbeat heartbeat = Heartbeat.start(config, Duration.ofSeconds(30))) {
 *     Heartbeat.Job job = heartbeat.begin("lab", "__spike_count", keyHash, dj.connection().connectionId());
 *     try {
 *         make(key);
 *         job.succeeded();
 *     } catch (RuntimeException e) {
 *         job.failed();
 *         throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>Safe for several worker threads at once (their writes queue on the one heartbeat thread).
 * The record is a help, not a condition: if the sidecar cannot be written (no CREATE privilege
 * in the schema, a lost server), a warning is logged and the jobs run as they would without it.
 */
public final class Heartbeat implements AutoCloseable {
    /** The interval workers use unless told otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Connection conn;
    private final ScheduledExecutorService thread;
    private final String worker;
    private final String host;
    private final long pid;
    private final Duration interval;
    /** Running jobs per schema; only touched on the heartbeat thread. */
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final Set<String> unavailable = new HashSet<>();

    private Heartbeat(Connection conn, Duration interval) {
        this.conn = conn;
        this.interval = interval;
        this.host = JobTable.host();
        this.pid = ProcessHandle.current().pid();
        this.worker = host + ":" + pid + ":" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dovetail-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Opens a connection of its own with {@code config} and beats every {@code interval}. */
    public static Heartbeat start(Config config, Duration interval) {
        return start(Connection.open(config), interval);
    }

    /**
     * Beats every {@code interval} on {@code connection}, which it owns from now on (it closes it)
     * and which must not be the connection the makes run on.
     */
    public static Heartbeat start(Connection connection, Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The heartbeat interval must be positive: " + interval);
        }
        return new Heartbeat(Objects.requireNonNull(connection, "connection"), interval);
    }

    /** This worker's id in the sidecar: {@code host:pid:random}, one per heartbeat. */
    public String worker() {
        return worker;
    }

    /** How often running jobs are marked alive. */
    public Duration interval() {
        return interval;
    }

    /**
     * Records that this worker starts a job it reserved in {@code ~jobs}: the row is written (an
     * attempt more, status {@code running}, heartbeat now) before this returns.
     *
     * @param schema       the schema of the target table
     * @param tableName    the target's bare table name, as in {@code ~jobs}
     * @param keyHash      the job's key hash, as in {@code ~jobs}
     * @param connectionId the {@code connection_id} of the reserving connection, as in {@code ~jobs}
     */
    public Job begin(String schema, String tableName, String keyHash, long connectionId) {
        Job job = new Job(schema, tableName, keyHash);
        boolean recorded = onThread(() -> {
            if (!ready(schema)) {
                return false;
            }
            conn.execute("INSERT INTO " + JobSidecar.table(schema).quoted()
                    + " (table_name, key_hash, status, attempts, failures, worker, host, pid, connection_id, started, heartbeat)"
                    + " VALUES (?, ?, 'running', 1, 0, ?, ?, ?, ?, NOW(3), NOW(3))"
                    + " ON DUPLICATE KEY UPDATE status = 'running', attempts = attempts + 1, worker = VALUES(worker),"
                    + " host = VALUES(host), pid = VALUES(pid), connection_id = VALUES(connection_id), started = NOW(3),"
                    + " heartbeat = NOW(3), finished = NULL, duration = NULL",
                    tableName, keyHash, worker, host, pid, connectionId);
            running.computeIfAbsent(schema, s -> new AtomicInteger()).incrementAndGet();
            return true;
        }, "record the start of a job of " + schema + "." + tableName);
        job.recorded = recorded;
        return job;
    }

    /**
     * A listener for {@link PopulateOptions#withListener} that records every job a populate of
     * {@code target} reserves (so only with reserved jobs) and how it ended, then tells {@code next}.
     *
     * <pre>{@code
     * try (Heartbeat heartbeat = Heartbeat.start(config, Heartbeat.DEFAULT_INTERVAL)) {
     *     populator.populate(PopulateOptions.defaults().withReserveJobs(true)
     *             .withListener(heartbeat.listener(populator.target(), new JobListener() { })));
     * }
     * }</pre>
     */
    public JobListener listener(Table target, JobListener next) {
        Objects.requireNonNull(next, "next");
        String schema = target.database();
        String tableName = target.tableName();
        Map<String, Job> jobs = new ConcurrentHashMap<>();
        return new JobListener() {
            @Override
            public void reserved(Map<String, Object> key) {
                String hash = KeyHash.keyHash(key);
                jobs.put(hash, begin(schema, tableName, hash, 0));
                next.reserved(key);
            }

            @Override
            public void made(JobResult result) {
                end(result, JobSidecar.Status.SUCCESS);
                next.made(result);
            }

            @Override
            public void failed(JobResult result) {
                end(result, result.outcome() == JobOutcome.INTERRUPTED ? JobSidecar.Status.ABORTED : JobSidecar.Status.ERROR);
                next.failed(result);
            }

            @Override
            public void skipped(JobResult result) {
                end(result, JobSidecar.Status.SKIPPED);
                next.skipped(result);
            }

            private void end(JobResult result, JobSidecar.Status status) {
                Job job = jobs.remove(KeyHash.keyHash(result.key()));
                if (job != null) {
                    job.end(status);
                }
            }
        };
    }

    /** Stops beating and closes the connection. Jobs still running keep their last heartbeat. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        conn.close();
    }

    /** Beats once now, on the heartbeat thread, and waits (for tests that must not wait for the interval). */
    void beatNow() {
        onThread(() -> {
            beat();
            return true;
        }, "beat");
    }

    /** Every interval: one statement per schema with running jobs of this worker. */
    private void beat() {
        for (Map.Entry<String, AtomicInteger> e : running.entrySet()) {
            if (e.getValue().get() <= 0) {
                continue;
            }
            try {
                conn.execute("UPDATE " + JobSidecar.table(e.getKey()).quoted() + " SET heartbeat = NOW(3) WHERE worker = ? AND status = 'running'",
                        worker);
            } catch (DovetailException failure) {
                LOG.warn("The heartbeat of worker {} in {} failed (it retries): {}", worker, e.getKey(), failure.getMessage());
            }
        }
    }

    private boolean ready(String schema) {
        if (declared.contains(schema)) {
            return true;
        }
        if (unavailable.contains(schema)) {
            return false;
        }
        try {
            JobSidecar.declare(conn, schema);
            declared.add(schema);
            return true;
        } catch (DovetailException e) {
            unavailable.add(schema);
            LOG.warn("Jobs in {} run without heartbeats: cannot create {}: {}", schema, JobSidecar.table(schema), e.getMessage());
            return false;
        }
    }

    /** Runs {@code work} on the heartbeat thread and waits; a failure is logged, never thrown. */
    private boolean onThread(Callable<Boolean> work, String what) {
        try {
            return thread.submit(work).get();
        } catch (ExecutionException e) {
            LOG.warn("Could not {} in the job sidecar: {}", what, e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RejectedExecutionException e) {
            LOG.warn("Could not {}: the heartbeat is closed", what);
            return false;
        }
    }

    /** One attempt at a job: end it exactly once with the way it ended. */
    public final class Job {
        private final String schema;
        private final String tableName;
        private final String keyHash;
        private boolean recorded;
        private boolean ended;

        private Job(String schema, String tableName, String keyHash) {
            this.schema = schema;
            this.tableName = tableName;
            this.keyHash = keyHash;
        }

        /** The make committed. */
        public void succeeded() {
            end(JobSidecar.Status.SUCCESS);
        }

        /** The make failed (its error row is in {@code ~jobs}). */
        public void failed() {
            end(JobSidecar.Status.ERROR);
        }

        /** The worker was stopped during the make. */
        public void aborted() {
            end(JobSidecar.Status.ABORTED);
        }

        /** The key was done already: nothing was made, and the attempt is not counted. */
        public void skipped() {
            end(JobSidecar.Status.SKIPPED);
        }

        /** Ends the attempt with {@code status} (not {@code RUNNING}); a second call does nothing. */
        public synchronized void end(JobSidecar.Status status) {
            if (ended || status == JobSidecar.Status.RUNNING) {
                return;
            }
            ended = true;
            if (!recorded) {
                return;
            }
            int failure = status == JobSidecar.Status.ERROR || status == JobSidecar.Status.ABORTED ? 1 : 0;
            int attempt = status == JobSidecar.Status.SKIPPED ? 0 : 1; // nothing was made: not an attempt
            onThread(() -> {
                running.get(schema).decrementAndGet();
                conn.execute("UPDATE " + JobSidecar.table(schema).quoted() + " SET status = ?, finished = NOW(3),"
                        + " duration = TIMESTAMPDIFF(MICROSECOND, started, NOW(3)) / 1e6, failures = failures + ?, attempts = attempts - 1 + ?"
                        + " WHERE table_name = ? AND key_hash = ? AND worker = ? AND status = 'running'",
                        status.sqlValue(), failure, attempt, tableName, keyHash, worker);
                return true;
            }, "record the end of a job of " + schema + "." + tableName);
        }
    }
}
