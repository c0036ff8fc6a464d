package org.dovetail.populate;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.connection.Connection;
import org.dovetail.hash.KeyHash;
import org.dovetail.internal.populate.DeepEquality;
import org.dovetail.internal.populate.ErrorText;
import org.dovetail.internal.populate.MakeScope;
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
        long start = System.nanoTime();
        boolean withJobs = reserve || reserved;
        String tableName = target.tableName();
        String keyHash = withJobs ? KeyHash.keyHash(key) : null;
        if (reserve) {
            if (!jobs().reserve(tableName, key, keyHash)) {
                return skipped(key, JobOutcome.TAKEN, start);
            }
            tell(() -> listener.reserved(key));
        }
        Connection connection = dovetail.connection();
        boolean tripartite = populator.tripartite() != null;
        try {
            if (!tripartite) {
                connection.startTransaction();
            }
            if (target.restrict(key).exists()) {
                if (connection.inTransaction()) {
                    connection.cancelTransaction();
                }
                if (withJobs) {
                    jobs().delete(tableName, keyHash);
                }
                return skipped(key, JobOutcome.ALREADY_DONE, start);
            }
            makeInScope(connection, key);
            connection.commitTransaction();
        } catch (Throwable error) {
            return failed(connection, key, keyHash, error, start);
        }
        if (withJobs) {
            try {
                jobs().delete(tableName, keyHash);
            } catch (DovetailException e) {
                LOG.warn("{}: made {} but could not delete its reservation: {}", target.fullName(), key, e.getMessage());
            }
        }
        JobResult result = new JobResult(key, JobOutcome.MADE, since(start), null, null);
        tell(() -> listener.made(result));
        return result;
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
