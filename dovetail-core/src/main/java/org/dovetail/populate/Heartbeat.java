package org.dovetail.populate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * <p>The heartbeat thread writes whatever has queued up in one transaction (one log flush on the
 * server for the jobs of all threads): {@link #begin} waits for its batch, so that a worker
 * killed inside a make leaves a row naming it; the ends are only queued and cost the jobs
 * nothing. {@link #flush} waits until everything queued so far is written; {@link #close} writes
 * what is queued, then stops. Safe for several worker threads at once.
 * The record is a help, not a condition: if the sidecar cannot be written (no CREATE privilege in
 * the schema, a lost server), a warning is logged and the jobs run as they would without it.
 */
public final class Heartbeat implements AutoCloseable {
    /** The interval workers use unless told otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    /** A job's start in the sidecar (its table's name formatted in): a new row, or an attempt more. */
    private static final String START_SQL = "INSERT INTO %s"
            + " (table_name, key_hash, status, attempts, failures, worker, host, pid, connection_id, started, heartbeat)"
            + " VALUES (?, ?, 'running', 1, 0, ?, ?, ?, ?, NOW(3), NOW(3))"
            + " ON DUPLICATE KEY UPDATE status = 'running', attempts = attempts + 1, worker = VALUES(worker),"
            + " host = VALUES(host), pid = VALUES(pid), connection_id = VALUES(connection_id), started = NOW(3),"
            + " heartbeat = NOW(3), finished = NULL, duration = NULL";

    private final Connection conn;
    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final String worker;
    private final String host;
    private final long pid;
    private final Duration interval;
    private volatile boolean closing;
    /** Running jobs per schema; only touched on the heartbeat thread. */
    private final Map<String, Integer> running = new HashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final Set<String> unavailable = new HashSet<>();

    private Heartbeat(Connection conn, Duration interval) {
        this.conn = conn;
        this.interval = interval;
        this.host = JobTable.host();
        this.pid = ProcessHandle.current().pid();
        this.worker = host + ":" + pid + ":" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.thread = new Thread(this::loop, "dovetail-heartbeat");
        thread.setDaemon(true);
        thread.start();
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
     * Records that this worker starts a job it reserved in {@code ~jobs}: an attempt more, status
     * {@code running}, heartbeat now. The row is written (in a batch with whatever else is queued)
     * before this returns, so a worker killed inside the make leaves a row naming it.
     *
     * @param schema       the schema of the target table
     * @param tableName    the target's bare table name, as in {@code ~jobs}
     * @param keyHash      the job's key hash, as in {@code ~jobs}
     * @param connectionId the {@code connection_id} of the reserving connection, as in {@code ~jobs} (0 if unknown)
     */
    public Job begin(String schema, String tableName, String keyHash, long connectionId) {
        Job job = beginLater(schema, tableName, keyHash, connectionId);
        flush(); // a worker killed inside the make must leave a row that says whose job it was
        return job;
    }

    /**
     * As {@link #begin}, but queued: the row is written with the heartbeat's next batch, within
     * the time of one write on its connection, while the make already runs. The job costs no wait
     * for it; a worker killed before the batch was written leaves its reservation without a row,
     * released then as a DataJoint-Python reservation is: by age ({@code dovetail jobs
     * release-stale --python-older-than}).
     */
    public Job beginLater(String schema, String tableName, String keyHash, long connectionId) {
        Job job = new Job(schema, tableName, keyHash);
        enqueue(new Write(schema, () -> {
            conn.execute(START_SQL.formatted(JobSidecar.table(schema).quoted()), tableName, keyHash, worker, host, pid, connectionId);
            running.merge(schema, 1, Integer::sum);
        }));
        return job;
    }

    /**
     * A listener that records the jobs of a populate of {@code target} with reserved jobs: a job
     * begins ({@link #beginLater}, so that no job waits for its record) when its key is reserved
     * for a make and ends with its outcome; every call is then passed to {@code next}. Safe for
     * several worker threads: each thread's job ends only by that thread's calls.
     */
    public JobListener listener(Table target, JobListener next) {
        Objects.requireNonNull(next, "next");
        String schema = target.database();
        String tableName = target.tableName();
        long connectionId = target.connection().connectionId(); // the reserving connection (a parent's, with processes > 1)
        Map<String, Job> jobs = new ConcurrentHashMap<>();
        return new JobListener() {
            @Override
            public void reserved(Map<String, Object> key) {
                String hash = KeyHash.keyHash(key);
                jobs.put(onThisThread(hash), beginLater(schema, tableName, hash, connectionId));
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

            /**
             * A job's entry: its key hash on the calling worker thread. Another thread of the same
             * run may hold the same key for a moment (it listed the key before this one made it,
             * and is told taken or done); its end must not end this thread's job.
             */
            private String onThisThread(String hash) {
                return Thread.currentThread().getId() + ":" + hash;
            }

            private void end(JobResult result, JobSidecar.Status status) {
                Job job = jobs.remove(onThisThread(KeyHash.keyHash(result.key())));
                if (job != null) {
                    job.end(status);
                }
            }
        };
    }

    /**
     * Creates the sidecar in {@code schema} unless it exists (DDL, on the heartbeat's connection);
     * false if it cannot be, and jobs there run without heartbeats.
     */
    public boolean prepare(String schema) {
        boolean[] ready = new boolean[1];
        CountDownLatch done = new CountDownLatch(1);
        enqueue(() -> {
            ready[0] = ready(schema);
            done.countDown();
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ready[0];
    }

    /** Waits until every record queued so far is written (or given up on, with a warning). */
    public void flush() {
        CountDownLatch written = new CountDownLatch(1);
        enqueue(written::countDown);
        try {
            written.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, stops beating and closes the connection. Jobs still running keep their last heartbeat. */
    @Override
    public void close() {
        closing = true;
        queue.add(() -> { }); // wakes the thread
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The heartbeat of worker {} did not finish writing in 30 s: its last records are lost", worker);
            thread.interrupt();
        }
        conn.close();
    }

    /** Beats once now and waits (for tests that must not wait for the interval). */
    void beatNow() {
        CountDownLatch beaten = new CountDownLatch(1);
        enqueue(() -> {
            beat();
            beaten.countDown();
        });
        try {
            beaten.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(Runnable work) {
        if (closing) {
            LOG.warn("The heartbeat of worker {} is closed: a job record is lost", worker);
            return;
        }
        queue.add(work);
    }

    /** The heartbeat thread: write what queues up, in batches; beat when the interval is up; drain on close. */
    private void loop() {
        long nextBeat = System.nanoTime() + interval.toNanos();
        try {
            while (!closing || !queue.isEmpty()) {
                Runnable first = queue.poll(Math.max(0, nextBeat - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first != null) {
                    List<Runnable> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch);
                    write(batch);
                }
                if (System.nanoTime() >= nextBeat) {
                    beat();
                    nextBeat = System.nanoTime() + interval.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The records of a batch in one transaction (sidecars created first, outside it); other work as it comes. */
    private void write(List<Runnable> batch) {
        Set<String> schemas = new LinkedHashSet<>();
        batch.stream().filter(Write.class::isInstance).map(w -> ((Write) w).schema).forEach(schemas::add);
        schemas.removeIf(s -> !ready(s));
        List<Runnable> records = new ArrayList<>();
        for (Runnable work : batch) {
            if (work instanceof Write w) {
                if (schemas.contains(w.schema)) {
                    records.add(w.sql);
                }
            } else {
                runRecords(records);
                records.clear();
                work.run();
            }
        }
        runRecords(records);
    }

    private void runRecords(List<Runnable> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            conn.transaction(() -> {
                records.forEach(Runnable::run);
                return null;
            });
        } catch (DovetailException e) {
            LOG.warn("Worker {} could not record {} job events in the job sidecar: {}", worker, records.size(), e.getMessage());
        }
    }

    /** One statement per schema with running jobs of this worker. */
    private void beat() {
        for (Map.Entry<String, Integer> e : running.entrySet()) {
            if (e.getValue() <= 0) {
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

    /** A statement on one schema's sidecar, written in a batch. */
    private record Write(String schema, Runnable sql) implements Runnable {
        @Override
        public void run() {
            sql.run();
        }
    }

    /** One attempt at a job: end it exactly once with the way it ended. */
    public final class Job {
        private final String schema;
        private final String tableName;
        private final String keyHash;
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

        /** Ends the attempt with {@code status} (not {@code RUNNING}); a second call does nothing. Queued, as {@link #begin}. */
        public synchronized void end(JobSidecar.Status status) {
            if (ended || status == JobSidecar.Status.RUNNING) {
                return;
            }
            ended = true;
            int failure = status == JobSidecar.Status.ERROR || status == JobSidecar.Status.ABORTED ? 1 : 0;
            int attempt = status == JobSidecar.Status.SKIPPED ? 0 : 1; // nothing was made: not an attempt
            enqueue(new Write(schema, () -> {
                running.merge(schema, -1, Integer::sum);
                conn.execute("UPDATE " + JobSidecar.table(schema).quoted() + " SET status = ?, finished = NOW(3),"
                        + " duration = TIMESTAMPDIFF(MICROSECOND, started, NOW(3)) / 1e6, failures = failures + ?, attempts = attempts - 1 + ?"
                        + " WHERE table_name = ? AND key_hash = ? AND worker = ? AND status = 'running'",
                        status.sqlValue(), failure, attempt, tableName, keyHash, worker);
            }));
        }
    }
}
