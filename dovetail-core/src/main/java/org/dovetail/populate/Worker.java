package org.dovetail.populate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.ErrorCode;
import org.dovetail.connection.Connection;
import org.dovetail.connection.StatementGroup;
import org.dovetail.hash.KeyHash;
import org.dovetail.internal.populate.DeepEquality;
import org.dovetail.internal.populate.ErrorText;
import org.dovetail.internal.populate.MakeScope;
import org.dovetail.query.Query;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: a connection, the target on it, its {@code ~jobs}, and DataJoint's
 * {@code _populate1} for one key at a time. Confined to one thread.
 */
final class Worker {
    static final String CHANGED_INPUTS = "Referential integrity failed! The `make_fetch` data has changed";
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final Populator populator;
    private final Dovetail dovetail;
    private final Table target;
    private final JobListener listener;
    private final Map<String, Table> tables = new HashMap<>();
    private Schema schema;
    private JobTable jobs;

    Worker(Populator populator, Dovetail dovetail, Table target, JobListener listener) {
        this.populator = populator;
        this.dovetail = dovetail;
        this.target = target;
        this.listener = listener;
    }

    Dovetail dovetail() {
        return dovetail;
    }

    Table target() {
        return target;
    }

    Schema schema() {
        if (schema == null) {
            schema = dovetail.schema(target.database());
        }
        return schema;
    }

    Table table(String className) {
        return tables.computeIfAbsent(className, c -> schema().table(c));
    }

    JobTable jobs() {
        if (jobs == null) {
            jobs = JobTable.of(schema());
        }
        return jobs;
    }

    boolean abortRequested() {
        return populator.abortRequested();
    }

    /**
     * DataJoint's {@code _populate1}: reserve (when {@code reserve}), check that the target lacks
     * the key (inside the make's snapshot for a regular make), make, commit, complete. With
     * {@code reserved}, the caller has reserved the key already and the job row is completed or
     * replaced by an error here.
     */
    JobResult run(Map<String, Object> key, boolean reserve, boolean reserved) {
        List<JobResult> out = new ArrayList<>(1);
        Finish end = attempt(key, reserve, reserved, null, out::add, () -> true);
        if (end != null) {
            StatementGroup group = connection().group();
            int steps = end.addTo(group);
            try {
                group.run();
                out.add(end.result(steps, null));
            } catch (DovetailException e) {
                out.add(end.result(group.completed(), e));
            }
        }
        return out.get(0);
    }

    /**
     * Makes the keys {@code next} gives, one after another, until it gives null, passing each
     * result to {@code out}. A job's commit and the delete of its row go to the server in one
     * request with the next key's reservation, snapshot and done check, so a job costs one round
     * trip besides its make's own statements. A key taken from {@code next} is released unmade
     * (its reservation deleted, nothing reported) when {@code proceed} turns false before its make.
     */
    void runAll(Supplier<Map<String, Object>> next, Consumer<JobResult> sink, boolean reserve, BooleanSupplier proceed) {
        Consumer<JobResult> out = result -> {
            if (result != null) {
                sink.accept(result);
            }
        };
        Finish pending = null;
        while (true) {
            Map<String, Object> key = next.get();
            if (key == null) {
                break;
            }
            pending = attempt(key, reserve, false, pending, out, proceed);
        }
        if (pending != null) {
            StatementGroup group = connection().group();
            int steps = pending.addTo(group);
            try {
                group.run();
                out.accept(pending.result(steps, null));
            } catch (DovetailException e) {
                out.accept(pending.result(group.completed(), e));
            }
        }
    }

    /**
     * One key up to its make: {@code previous}'s end (the job before, made or found done) first,
     * then reserve, snapshot and done check, all in one request; then make. Returns what remains
     * to send for this key (its commit or rollback and its row's delete), or null when its
     * result is out already.
     */
    private Finish attempt(Map<String, Object> key, boolean reserve, boolean reserved, Finish previous, Consumer<JobResult> out,
            BooleanSupplier proceed) {
        long start = System.nanoTime();
        boolean withJobs = reserve || reserved;
        String tableName = target.tableName();
        String keyHash = withJobs ? KeyHash.keyHash(key) : null;
        Connection connection = connection();
        boolean tripartite = populator.tripartite() != null;
        StatementGroup group = connection.group();
        int finishing = previous == null ? 0 : previous.addTo(group);
        if (reserve) {
            jobs().reserveIn(group, tableName, key, keyHash);
        }
        if (!tripartite) {
            group.startTransaction();
        }
        Query made = target.restrict(key).proj();
        group.query("SELECT EXISTS(" + made.sql() + ")", made.sqlParameters().toArray());
        boolean done;
        try {
            List<Object> values = group.run();
            if (previous != null) {
                out.accept(previous.result(finishing, null));
            }
            done = isTrue(values.get(values.size() - 1));
        } catch (DovetailException e) {
            int begun = group.completed() - finishing;
            if (begun < 0) { // the job before did not finish; nothing of this one was sent
                out.accept(previous.result(group.completed(), e));
                return proceed.getAsBoolean() ? attempt(key, reserve, reserved, null, out, proceed) : null;
            }
            if (previous != null) {
                out.accept(previous.result(finishing, null));
            }
            if (reserve && begun == 0) {
                if (e instanceof DuplicateException) {
                    out.accept(skipped(key, JobOutcome.TAKEN, start));
                    return null;
                }
                throw e; // as JobTable.reserve throws it: nothing was reserved
            }
            out.accept(failed(connection, key, keyHash, e, start));
            return null;
        }
        boolean stopping = !done && !proceed.getAsBoolean();
        if (reserve && !stopping) {
            tell(() -> listener.reserved(key));
        }
        if (done || stopping) { // stopping: the key is released unmade, as if it had not been taken
            Finish end = new Finish(key, keyHash, start, done ? Finish.Kind.DONE : Finish.Kind.RELEASED);
            if (connection.inTransaction() || keyHash != null) {
                return end;
            }
            if (done) {
                out.accept(skipped(key, JobOutcome.ALREADY_DONE, start));
            }
            return null;
        }
        try {
            makeInScope(connection, key);
        } catch (Throwable error) {
            out.accept(failed(connection, key, keyHash, error, start));
            return null;
        }
        return new Finish(key, keyHash, start, Finish.Kind.MADE);
    }

    private Connection connection() {
        return dovetail.connection();
    }

    /**
     * The end of a job whose make is over (commit), that was found done or is released unmade
     * (roll back), then the delete of its {@code ~jobs} row when it has one.
     */
    private final class Finish {
        enum Kind { MADE, DONE, RELEASED }

        private final Map<String, Object> key;
        private final String keyHash;
        private final long start;
        private final Kind kind;

        Finish(Map<String, Object> key, String keyHash, long start, Kind kind) {
            this.key = key;
            this.keyHash = keyHash;
            this.start = start;
            this.kind = kind;
        }

        /** Adds the steps to {@code group}; returns how many. */
        int addTo(StatementGroup group) {
            int steps = 0;
            if (kind == Kind.MADE) {
                group.commit();
                steps++;
            } else if (connection().inTransaction()) {
                group.rollback();
                steps++;
            }
            if (keyHash != null) {
                jobs().deleteIn(group, target.tableName(), keyHash);
                steps++;
            }
            return steps;
        }

        /**
         * The job's result once {@code completed} of its steps took effect, {@code error} stopping
         * the rest; null for a released key, which has none.
         */
        JobResult result(int completed, DovetailException error) {
            if (kind == Kind.RELEASED) {
                if (error != null) {
                    LOG.warn("{}: could not release the reservation of {}, which was not made: {}", target.fullName(), key,
                            error.getMessage());
                }
                return null;
            }
            if (error != null && (kind != Kind.MADE || completed == 0)) {
                return failed(connection(), key, keyHash, error, start);
            }
            if (error != null) {
                LOG.warn("{}: made {} but could not delete its reservation: {}", target.fullName(), key, error.getMessage());
            }
            if (kind == Kind.DONE) {
                return skipped(key, JobOutcome.ALREADY_DONE, start);
            }
            JobResult result = new JobResult(key, JobOutcome.MADE, since(start), null, null);
            tell(() -> listener.made(result));
            return result;
        }
    }

    private static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.longValue() != 0;
    }

    @SuppressWarnings("try") // the scope is held for the make, not used in it
    private void makeInScope(Connection connection, Map<String, Object> key) throws Exception {
        populator.enterMake();
        try (MakeScope scope = MakeScope.enter(connection, target.fullName())) {
            checkAbort();
            MakeContext ctx = new MakeContext(this, new LinkedHashMap<>(key));
            if (populator.make() != null) {
                populator.make().make(new LinkedHashMap<>(key), ctx);
            } else {
                tripartite(populator.tripartite(), connection, key, ctx);
            }
            checkAbort();
        } finally {
            populator.leaveMake();
        }
    }

    private static <F, R> void tripartite(TripartiteMake<F, R> make, Connection connection, Map<String, Object> key, MakeContext ctx)
            throws Exception {
        F fetched = make.fetch(new LinkedHashMap<>(key), ctx);
        R result = make.compute(new LinkedHashMap<>(key), fetched);
        connection.startTransaction();
        F again = make.fetch(new LinkedHashMap<>(key), ctx);
        if (!DeepEquality.same(fetched, again)) {
            throw new ChangedInputsException(CHANGED_INPUTS);
        }
        make.insert(new LinkedHashMap<>(key), result, ctx);
    }

    private void checkAbort() {
        StopReason reason = populator.abortReason();
        if (reason != null) {
            throw new Stopped(reason);
        }
    }

    /** Rolls back, and with a key hash (reserved jobs) replaces the job row by an error row. */
    private JobResult failed(Connection connection, Map<String, Object> key, String keyHash, Throwable error, long start) {
        Thread.interrupted(); // an abort may have interrupted make; the statements below must run
        if (connection.inTransaction()) {
            try {
                connection.cancelTransaction();
            } catch (DovetailException e) {
                error.addSuppressed(e); // DataJoint ignores a lost connection here too
            }
        }
        // whatever make throws once an abort was requested (InterruptedException, ...) is the abort
        StopReason stop = error instanceof Stopped stopped ? stopped.reason() : populator.abortReason();
        boolean interrupted = stop != null;
        String message = interrupted ? stop.message()
                : error instanceof ChangedInputsException ? "DataJointError: " + error.getMessage()
                : ErrorText.message(error);
        if (keyHash != null) {
            try {
                jobs().error(target.tableName(), key, keyHash, message, ErrorText.stack(error));
            } catch (DovetailException e) {
                error.addSuppressed(e);
                LOG.warn("{}: could not record the error of {} in ~jobs: {}", target.fullName(), key, e.getMessage());
            }
        }
        if (error instanceof VirtualMachineError vmError) {
            throw vmError;
        }
        JobResult result = new JobResult(key, interrupted ? JobOutcome.INTERRUPTED : JobOutcome.FAILED, since(start), message,
                interrupted ? null : error);
        LOG.debug("Error making {} -> {} - {}", key, target.fullName(), message);
        tell(() -> listener.failed(result));
        return result;
    }

    private JobResult skipped(Map<String, Object> key, JobOutcome outcome, long start) {
        JobResult result = new JobResult(key, outcome, since(start), null, null);
        tell(() -> listener.skipped(result));
        return result;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("a job listener failed: {}", e.toString());
        }
    }

    /** A tripartite make's inputs changed between its fetches (DataJoint's DataJointError of the same text). */
    static final class ChangedInputsException extends DovetailException {
        private static final long serialVersionUID = 1L;

        ChangedInputsException(String message) {
            super(ErrorCode.MAKE_FAILED, message);
        }
    }
}
