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
import org.dovetail.QueryException;
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
            end.alone(out::add);
        }
        return out.get(0);
    }

    /**
     * Makes the keys {@code next} gives, one after another, until it gives null, passing each
     * result to {@code sink}. A job's row delete, the next key's reservation and the job's commit
     * go to the server in one request with the next key's snapshot and done check: the job's rows,
     * the end of its reservation and the next reservation commit together, so a job costs one
     * round trip and one commit besides its make's own statements (DataJoint's protocol: six and
     * three). A key taken from {@code next} is released unmade (its reservation deleted, nothing
     * reported) when {@code proceed} turns false before its make.
     */
    void runAll(Supplier<Map<String, Object>> next, Consumer<JobResult> sink, boolean reserve, BooleanSupplier proceed) {
        Consumer<JobResult> out = result -> {
            if (result != null) {
                sink.accept(result);
            }
        };
        Finish pending = null;
        while (true) {
            Map<String, Object> key;
            try {
                key = next.get();
            } catch (RuntimeException e) { // the job before is made: it ends (commits) before the error goes up
                if (pending != null) {
                    pending.alone(out);
                }
                throw e;
            }
            if (key == null) {
                break;
            }
            pending = attempt(key, reserve, false, pending, out, proceed);
        }
        if (pending != null) {
            pending.alone(out);
        }
    }

    /**
     * One key up to its make, in one request: the job before's row delete, this key's
     * reservation, the job before's commit (committing all three), this key's snapshot and done
     * check; then make. Without a job before, the reservation is autocommit, as DataJoint's.
     * Returns what remains to send for this key (its row delete and commit), or null when its
     * result is out already.
     */
    private Finish attempt(Map<String, Object> key, boolean reserve, boolean reserved, Finish previous, Consumer<JobResult> out,
            BooleanSupplier proceed) {
        long start = System.nanoTime();
        boolean withJobs = reserve || reserved;
        String tableName = target.tableName();
        String keyHash = withJobs ? KeyHash.keyHash(key) : null;
        Connection connection = connection();
        StatementGroup group = connection.group();
        int writes = group.executeDeferred().size(); // the job before's inserts, held back since its make
        int delete = previous != null && previous.addDelete(group) ? group.size() - 1 : -1;
        int reservation = -1;
        if (reserve) {
            reservation = group.size();
            jobs().reserveUnlessTaken(group, tableName, key, keyHash);
        }
        int commit = previous != null && previous.addCommit(group) ? group.size() - 1 : -1;
        addDoneCheck(group, key);
        List<Object> values;
        try {
            values = group.run();
        } catch (DovetailException e) {
            int failedAt = group.completed();
            if (previous != null && failedAt == reservation && commit >= 0 && isLockConflict(e)) {
                // another worker ended this key in the same moment and reserves the key of the job before: each
                // reservation waited for the other's delete. Nothing of the job before is wrong, and it still holds
                // its reservation (the rollback restored its row): it is done again, its end sent by itself.
                if (connection.inTransaction()) {
                    rollBack(connection, e);
                }
                LOG.debug("{}: the reservation of {} met another worker's end of it ({}); {} is made again", target.fullName(), key,
                        e.getMessage(), previous.key);
                previous.again(out);
                return proceed.getAsBoolean() ? attempt(key, reserve, reserved, null, out, proceed) : null;
            }
            // the job before failed: its transaction is rolled back (a deadlock may have done so already,
            // with the reservation made inside it) and nothing of this key took effect
            if (previous != null && (failedAt < writes || failedAt == delete || failedAt == commit || failedAt == reservation && commit >= 0)) {
                out.accept(previous.failed(e));
                return proceed.getAsBoolean() ? attempt(key, reserve, reserved, null, out, proceed) : null;
            }
            if (previous != null) {
                out.accept(previous.ok());
            }
            if (failedAt == reservation) {
                throw e; // as JobTable.reserve throws it: nothing was reserved
            }
            if (reserve && !isTrue(group.valueAt(reservation).orElse(null))) { // taken, and then the snapshot or the check failed
                Finish taken = new Finish(key, null, start, Finish.Kind.TAKEN);
                out.accept(skipped(key, JobOutcome.TAKEN, start));
                taken.failed(e);
                return null;
            }
            out.accept(failed(connection, key, keyHash, e, start));
            return null;
        }
        if (previous != null) {
            out.accept(previous.ok());
        }
        if (reserve && !isTrue(values.get(0))) {
            out.accept(skipped(key, JobOutcome.TAKEN, start));
            return connection.inTransaction() ? new Finish(key, null, start, Finish.Kind.TAKEN) : null;
        }
        return makeUnlessDone(key, keyHash, start, isTrue(values.get(values.size() - 1)), reserve, out, proceed);
    }

    /** Adds the make's snapshot (a regular make's transaction) and the check that the target lacks the key. */
    private void addDoneCheck(StatementGroup group, Map<String, Object> key) {
        if (populator.tripartite() == null) {
            group.startTransaction();
        }
        Query made = target.restrict(key).proj();
        group.query("SELECT EXISTS(" + made.sql() + ")", made.sqlParameters().toArray());
    }

    private static void rollBack(Connection connection, Throwable cause) {
        try {
            connection.cancelTransaction();
        } catch (DovetailException e) {
            cause.addSuppressed(e);
        }
    }

    /** After the done check: the key's make, or its end when it is done already or the run is stopping. */
    private Finish makeUnlessDone(Map<String, Object> key, String keyHash, long start, boolean done, boolean reserve,
            Consumer<JobResult> out, BooleanSupplier proceed) {
        Connection connection = connection();
        boolean stopping = !done && !proceed.getAsBoolean();
        if (reserve && !done && !stopping) { // a key found done is only reported skipped
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
        // the make's inserts wait for the request that ends the job (or for the make's next statement)
        connection.deferWrites(true);
        try {
            makeInScope(connection, key);
        } catch (Throwable error) {
            connection.deferWrites(false);
            out.accept(failed(connection, key, keyHash, error, start));
            return null;
        }
        connection.deferWrites(false);
        return new Finish(key, keyHash, start, Finish.Kind.MADE);
    }

    private Connection connection() {
        return dovetail.connection();
    }

    /**
     * The end of a job whose make is over, that was found done, whose key was taken, or that is
     * released unmade: the make's inserts (held back by the connection since the make), the delete
     * of its {@code ~jobs} row, then the commit of its transaction (a found-done, taken or released
     * job's transaction wrote nothing else).
     */
    private final class Finish {
        enum Kind { MADE, DONE, TAKEN, RELEASED }

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

        /** Adds the delete of the job's row, if it has one; returns whether it did. */
        boolean addDelete(StatementGroup group) {
            if (keyHash == null) {
                return false;
            }
            jobs().deleteIn(group, target.tableName(), keyHash);
            return true;
        }

        /** Adds the commit, if a transaction is open; returns whether it did. */
        boolean addCommit(StatementGroup group) {
            if (!connection().inTransaction()) {
                return false;
            }
            group.commit();
            return true;
        }

        /** Sends what remains (the make's inserts held back, the delete, the commit) by itself. */
        void alone(Consumer<JobResult> out) {
            StatementGroup group = connection().group().executeDeferred();
            addDelete(group);
            addCommit(group);
            try {
                group.run();
                out.accept(ok());
            } catch (DovetailException e) {
                out.accept(failed(e));
            }
        }

        /** The result once its steps took effect; null for a taken or released key (reported already, or never). */
        JobResult ok() {
            return switch (kind) {
                case MADE -> {
                    JobResult result = new JobResult(key, JobOutcome.MADE, since(start), null, null);
                    tell(() -> listener.made(result));
                    yield result;
                }
                case DONE -> skipped(key, JobOutcome.ALREADY_DONE, start);
                case TAKEN, RELEASED -> null;
            };
        }

        /**
         * After its transaction was rolled back for no fault of its own: a made or found-done job is
         * done again from its reservation (snapshot, done check, make) and ended by itself; a
         * released one has its reservation deleted again.
         */
        void again(Consumer<JobResult> out) {
            switch (kind) {
                case MADE, DONE -> out.accept(run(key, false, true));
                case RELEASED -> alone(out);
                case TAKEN -> { }
            }
        }

        /** The result when a step failed: a made or found-done job is rolled back and gets its error row. */
        JobResult failed(DovetailException error) {
            if (kind == Kind.TAKEN || kind == Kind.RELEASED) {
                LOG.warn("{}: could not end the transaction of {}, which was not made: {}", target.fullName(), key, error.getMessage());
                if (connection().inTransaction()) {
                    rollBack(connection(), error);
                }
                return null;
            }
            return Worker.this.failed(connection(), key, keyHash, error, start);
        }
    }

    /** A deadlock or a lock wait timeout: the statement met another transaction's locks, not a fault of its own. */
    private static boolean isLockConflict(DovetailException e) {
        return e instanceof QueryException q && (q.errorCode() == 1213 || q.errorCode() == 1205);
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
            rollBack(connection, error); // DataJoint ignores a lost connection here too
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
