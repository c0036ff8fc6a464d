package org.dovetail.populate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidOperationException;
import org.dovetail.TransactionException;
import org.dovetail.hash.KeyHash;
import org.dovetail.query.AndList;
import org.dovetail.query.Query;
import org.dovetail.query.Top;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;

/**
 * Fills an Imported or Computed table as DataJoint's {@code populate()} does: every key of the
 * key source that the target lacks is made, one transaction per key, optionally reserving each
 * key in the schema's {@code ~jobs} so that any number of Java and Python workers share the work.
 *
 * <pre>{@code
 * Table spikeCount = dovetail.schema("lab").table("SpikeCount");
 * Populator populator = Populator.of(spikeCount, (key, ctx) -> {
 *     Map<String, Object> row = new LinkedHashMap<>(key);
 *     row.put("n", ctx.table("Spike").restrict(key).count());
 *     ctx.insert1(row);
 * });
 * Progress before = populator.progress();
 * PopulateReport report = populator.populate(PopulateOptions.defaults().withReserveJobs(true).withSuppressErrors(true));
 * }</pre>
 *
 * <p>The key source is DataJoint's: the join of the target's primary parents, each projected to
 * its primary key (renamed foreign keys renamed), unless {@link #withKeySource} sets another.
 * {@link #requestStop} may be called from any thread (a signal handler, a shutdown hook); everything
 * else runs on the target's connection and, like it, belongs to one thread.
 */
public final class Populator {
    private final Table target;
    private final Make make;
    private final TripartiteMake<?, ?> tripartite;
    private final Query givenKeySource;
    private final Set<Thread> making = new HashSet<>();
    private Query keySource;
    private Worker own;
    private volatile StopReason stopReason;
    private volatile StopReason abortReason;

    private Populator(Table target, Make make, TripartiteMake<?, ?> tripartite, Query keySource) {
        Tier tier = target.tier().orElse(null);
        if (tier != Tier.IMPORTED && tier != Tier.COMPUTED) {
            throw new InvalidOperationException(target.fullName() + " is not an Imported or Computed table: only those are populated");
        }
        this.target = target;
        this.make = make;
        this.tripartite = tripartite;
        this.givenKeySource = keySource;
    }

    /** A populator of {@code target} with a regular make, run in one transaction per key. */
    public static Populator of(Table target, Make make) {
        return new Populator(target, Objects.requireNonNull(make), null, null);
    }

    /** A populator of {@code target} with a tripartite make: fetch and compute outside the transaction, insert inside. */
    public static Populator of(Table target, TripartiteMake<?, ?> make) {
        return new Populator(target, null, Objects.requireNonNull(make), null);
    }

    /**
     * This populator with another key source (DataJoint's {@code key_source} override). Its
     * primary-key attributes must all be attributes of the target.
     */
    public Populator withKeySource(Query source) {
        Objects.requireNonNull(source);
        for (String name : source.primaryKey()) {
            if (!target.heading().names().contains(name)) {
                throw new InvalidOperationException("The populate target lacks attribute " + name + " from the primary key of key_source");
            }
        }
        return new Populator(target, make, tripartite, source);
    }

    /** The table being populated. */
    public Table target() {
        return target;
    }

    /**
     * DataJoint's default key source of {@code target}: the join of its primary parents' primary
     * keys, what a populator of it uses unless given another ({@link #withKeySource}).
     */
    public static Query defaultKeySource(Table target) {
        return KeySources.of(target);
    }

    /** The key source: the one given, or DataJoint's default from the target's primary parents. */
    public Query keySource() {
        if (keySource == null) {
            keySource = givenKeySource != null ? givenKeySource : KeySources.of(target);
        }
        return keySource;
    }

    /**
     * DataJoint's {@code progress()}: of the key source's keys (restricted by every
     * {@code restrictions}), how many the target lacks. Two counts; {@code ~jobs} is not read.
     */
    public Progress progress(Object... restrictions) {
        Query todo = todo(List.of(restrictions));
        long total = todo.count();
        return new Progress(todo.minus(target).count(), total);
    }

    /**
     * The keys a populate with {@code options} would attempt, in order, computed as DataJoint
     * does: the restricted key source minus the target, at most {@code limit} of them (by key);
     * with reserved jobs, without keys whose hash has a {@code ~jobs} row (reserved, error or
     * ignore) for this table; ordered; at most {@code maxCalls}.
     */
    public List<Map<String, Object>> keysToDo(PopulateOptions options) {
        Query remaining = todo(options.restrictions()).minus(target);
        if (options.limit().isPresent()) {
            remaining = remaining.top(Top.limit(options.limit().getAsLong()));
        }
        List<Map<String, Object>> keys = new ArrayList<>();
        for (Map<String, Object> key : remaining.fetchKeys()) {
            keys.add(new LinkedHashMap<>(key));
        }
        if (options.reserveJobs()) {
            Set<String> blocked = own().jobs().blockedKeyHashes(target.tableName());
            keys.removeIf(k -> blocked.contains(KeyHash.keyHash(k)));
        }
        switch (options.order()) {
            case REVERSE -> Collections.reverse(keys);
            case RANDOM -> Collections.shuffle(keys);
            default -> { }
        }
        if (options.maxCalls().isPresent() && options.maxCalls().getAsLong() < keys.size()) {
            keys = new ArrayList<>(keys.subList(0, (int) options.maxCalls().getAsLong()));
        }
        return keys;
    }

    /**
     * Of {@code keys} (of the key source, in its heading order, as {@link #keysToDo} gives them),
     * those still to do now, in their order: the target lacks them and {@code ~jobs} has no row
     * for them (reserved, error or ignore). Two queries, for a loop that holds a list of keys for
     * a while beside other workers ({@code dovetail worker} checks its list so, a few keys at a
     * time, before it reserves them): a key another worker made or holds is dropped without a write.
     */
    public List<Map<String, Object>> keysStillToDo(List<Map<String, Object>> keys) {
        if (keys.isEmpty()) {
            return new ArrayList<>();
        }
        Set<String> open = new HashSet<>();
        for (Map<String, Object> key : keySource().proj().restrict(new ArrayList<>(keys)).minus(target).fetchKeys()) {
            open.add(KeyHash.keyHash(key));
        }
        Set<String> held = own().jobs().keyHashesIn(target.tableName(), open);
        List<Map<String, Object>> still = new ArrayList<>();
        for (Map<String, Object> key : keys) {
            String hash = KeyHash.keyHash(key);
            if (open.contains(hash) && !held.contains(hash)) {
                still.add(key);
            }
        }
        return still;
    }

    /** Populates with DataJoint's defaults, restricted by every {@code restrictions}. */
    public PopulateReport populate(Object... restrictions) {
        return populate(PopulateOptions.defaults().withRestrictions(restrictions));
    }

    /**
     * DataJoint's {@code populate()}: makes every key of {@link #keysToDo} on
     * {@code processes} workers, each key as {@link #populate1} does. Without
     * {@code suppressErrors} the first failure stops the run (the other workers finish their
     * current key) and is thrown; with it, failures are in the report. A {@link #requestStop}
     * ends the run early with the report.
     *
     * @throws MakeException for the first failure, unless errors are suppressed
     * @throws TransactionException when called inside a transaction
     */
    public PopulateReport populate(PopulateOptions options) {
        if (target.connection().inTransaction()) {
            throw new TransactionException("Populate cannot be called during a transaction.");
        }
        long start = System.nanoTime();
        List<Map<String, Object>> keys = keysToDo(options);
        int workers = options.processes() == 0 ? Runtime.getRuntime().availableProcessors() : options.processes();
        workers = Math.min(workers, keys.size());
        Run run = new Run(keys, options);
        if (workers <= 1) {
            run.work(new Worker(this, target.dovetail(), target, options.listener()));
        } else {
            inParallel(run, workers, options);
        }
        JobResult failure = run.failure.get();
        if (failure != null && !options.suppressErrors()) {
            throw new MakeException(target.fullName(), failure.key(), "make of " + target.fullName() + " failed for " + failure.key()
                    + ": " + failure.message(), failure.error());
        }
        List<JobResult> results;
        synchronized (run.results) {
            results = List.copyOf(run.results);
        }
        return new PopulateReport(target.fullName(), keys.size(), results, Optional.ofNullable(stopReason),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Makes the keys {@code keys} gives with reserved jobs, one after another on the target's
     * connection, until it gives null or a stop is {@linkplain #requestStop requested}: each as
     * {@link #populate1} does, and pipelined as {@link #populate} runs them: a job's inserts, the
     * delete of its {@code ~jobs} row, the next key's reservation and the job's commit reach the
     * server in one request, one commit a job. Every result goes to {@code listener}, none is
     * kept, and a failed make is not thrown. For a loop that keeps its own list of keys, as
     * {@code dovetail worker} does; {@code keys} is asked for the next key once the one before
     * is made (its commit still to come).
     *
     * @param keys gives the next key (of the key source, in its heading order), or null to end
     * @throws DovetailException when the database fails outside a make (a reservation that cannot be written)
     */
    public void populateEach(Supplier<? extends Map<String, ?>> keys, JobListener listener) {
        requireAutocommit();
        Objects.requireNonNull(keys, "keys");
        Worker worker = new Worker(this, target.dovetail(), target, Objects.requireNonNull(listener, "listener"));
        worker.runAll(() -> {
            Map<String, ?> key = stopReason == null ? keys.get() : null;
            return key == null ? null : new LinkedHashMap<>(key);
        }, result -> { }, true, () -> stopReason == null);
    }

    /**
     * DataJoint's {@code _populate1} for one key, on the target's connection: with
     * {@code reserveJobs}, reserve it in {@code ~jobs} (a key someone holds is {@code TAKEN});
     * start the make's transaction and check that the target lacks the key ({@code ALREADY_DONE},
     * reservation released); make; commit; delete the reservation. A failure rolls back and, with
     * reserved jobs, writes the error row; it is returned, not thrown.
     *
     * @param key a key of the key source, in its heading order
     */
    public JobResult populate1(Map<String, ?> key, boolean reserveJobs) {
        requireAutocommit();
        return own().run(new LinkedHashMap<>(key), reserveJobs, false);
    }

    /**
     * As {@link #populate1} for a key the caller has already reserved with
     * {@link JobTable#reserve} (for workers that choose their keys themselves): its
     * {@code ~jobs} row is deleted when the key is made or found done, and replaced by an error
     * row when make fails.
     */
    public JobResult makeReserved(Map<String, ?> key) {
        requireAutocommit();
        return own().run(new LinkedHashMap<>(key), false, true);
    }

    /**
     * Asks a running populate to stop, from any thread: no further key is started. With
     * {@code abortRunning}, the jobs being made are aborted too: their threads are interrupted,
     * {@link MakeContext#abortRequested} turns true, and whatever make did is rolled back; with
     * reserved jobs their rows become error rows with {@link StopReason#message()} (as DataJoint
     * writes for Ctrl-C and SIGTERM), so no reservation is left behind. A make that ignores the
     * request is rolled back when it returns. The request stays: this populator starts no more keys.
     */
    public void requestStop(StopReason reason, boolean abortRunning) {
        Objects.requireNonNull(reason);
        synchronized (making) {
            if (stopReason == null) {
                stopReason = reason;
            }
            if (abortRunning && abortReason == null) {
                abortReason = reason;
                making.forEach(Thread::interrupt);
            }
        }
    }

    /** The stop requested, if any. */
    public Optional<StopReason> stopRequested() {
        return Optional.ofNullable(stopReason);
    }

    Make make() {
        return make;
    }

    TripartiteMake<?, ?> tripartite() {
        return tripartite;
    }

    boolean abortRequested() {
        return abortReason != null;
    }

    StopReason abortReason() {
        return abortReason;
    }

    void enterMake() {
        synchronized (making) {
            making.add(Thread.currentThread());
        }
    }

    void leaveMake() {
        synchronized (making) {
            making.remove(Thread.currentThread());
            if (abortReason != null) {
                Thread.interrupted(); // our own interrupt, delivered too late to matter
            }
        }
    }

    private Worker own() {
        if (own == null) {
            own = new Worker(this, target.dovetail(), target, new JobListener() { });
        }
        return own;
    }

    private Query todo(List<Object> restrictions) {
        if (target.isRestricted()) {
            throw new InvalidOperationException("Cannot call populate on a restricted table. Instead, pass conditions to populate() as arguments.");
        }
        Query source = keySource();
        if (!restrictions.isEmpty()) {
            source = source.restrict(new AndList(restrictions));
        }
        return source.proj();
    }

    private void requireAutocommit() {
        if (target.connection().inTransaction()) {
            throw new TransactionException("Populate cannot be called during a transaction.");
        }
    }

    private void inParallel(Run run, int workers, PopulateOptions options) {
        Supplier<Dovetail> connect = options.connections() != null ? options.connections()
                : () -> Dovetail.connect(target.dovetail().config());
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "dovetail-populate-" + target.tableName() + "-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> {
                    try (Dovetail connection = connect.get()) {
                        run.work(new Worker(this, connection, connection.table(target.fullName()), options.listener()));
                    }
                }));
            }
            DovetailException failure = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    run.abandon();
                    if (failure == null) {
                        failure = e.getCause() instanceof DovetailException d ? d
                                : new DovetailException(ErrorCode.MAKE_FAILED, "a populate worker of " + target.fullName() + " failed: "
                                        + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    requestStop(StopReason.INTERRUPT, true);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The keys of one populate, shared by its workers. */
    private final class Run {
        final List<Map<String, Object>> keys;
        final PopulateOptions options;
        final AtomicInteger next = new AtomicInteger();
        final List<JobResult> results = new ArrayList<>();
        final AtomicReference<JobResult> failure = new AtomicReference<>();
        volatile boolean abandoned;

        Run(List<Map<String, Object>> keys, PopulateOptions options) {
            this.keys = keys;
            this.options = options;
        }

        void abandon() {
            abandoned = true;
        }

        void work(Worker worker) {
            worker.runAll(this::nextKey, this::record, options.reserveJobs(), this::proceed);
        }

        boolean proceed() {
            return stopReason == null && !abandoned && (options.suppressErrors() || failure.get() == null);
        }

        Map<String, Object> nextKey() {
            if (!proceed()) {
                return null;
            }
            int i = next.getAndIncrement();
            return i < keys.size() ? keys.get(i) : null;
        }

        void record(JobResult result) {
            synchronized (results) {
                results.add(result);
            }
            if (result.outcome() == JobOutcome.FAILED) {
                failure.compareAndSet(null, result);
            }
        }
    }
}
