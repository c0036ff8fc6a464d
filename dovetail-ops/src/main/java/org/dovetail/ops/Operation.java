package org.dovetail.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.Report;
import org.dovetail.connection.Connection;

/**
 * How every operation applies a plan, in one place: refuse a plan that says it would be refused,
 * run an empty plan's work without further ado, refuse an expired plan, take the
 * {@link OperationLock} of the plan's operation and scope, refuse a plan whose fingerprint no
 * longer matches the state (checked under the lock), record the start in the {@link AuditLog},
 * do the work, check that the lock is still held, record how it ended, release the lock. An operation supplies only its work (and,
 * if its plans can go stale, how to fingerprint the current state); its front door hands out
 * plans and calls {@link #apply}.
 *
 * <pre>{@code
 * Operation<Plan, ChangeReport> applier = Operation.<Plan, ChangeReport>of(conn, this::run)
 *         .checkingFingerprint(plan -> fingerprintNow());
 * ChangeReport report = applier.apply(plan);
 * }</pre>
 *
 * <p>Failures: a refusal is {@link ErrorCode#REFUSED}, a stale plan {@link ErrorCode#STALE_PLAN},
 * a lock held elsewhere {@link ErrorCode#LOCKED} (all exit code 3, and none changes anything or
 * writes a record); an exception from the work is recorded ({@code FAILED}, or {@code REFUSED}
 * for a refusal the work raised) and rethrown.
 *
 * @param <P> the operation's plans
 * @param <R> what applying one reports
 */
public final class Operation<P extends OperationPlan, R extends Report> {
    private final Connection conn;
    private final Function<? super P, ? extends R> work;
    private final Function<? super P, String> fingerprint;
    private final Function<? super R, ? extends JsonNode> recorded;
    private final Function<? super P, ? extends JsonNode> recordedPlan;
    /** The log to record in; null for the one the connection's configuration names, looked up when a plan is applied. */
    private final AuditLog audit;

    private Operation(Connection conn, Function<? super P, ? extends R> work, Function<? super P, String> fingerprint,
                      Function<? super R, ? extends JsonNode> recorded, Function<? super P, ? extends JsonNode> recordedPlan, AuditLog audit) {
        this.conn = conn;
        this.work = work;
        this.fingerprint = fingerprint;
        this.recorded = recorded;
        this.recordedPlan = recordedPlan;
        this.audit = audit;
    }

    /**
     * Applies plans with {@code work} on {@code conn}, which holds the lock and writes the audit
     * records (in the log the connection's configuration names).
     */
    public static <P extends OperationPlan, R extends Report> Operation<P, R> of(Connection conn, Function<? super P, ? extends R> work) {
        return new Operation<>(Objects.requireNonNull(conn), Objects.requireNonNull(work), null, Report::toJson, Report::toJson, null);
    }

    /**
     * The same, refusing a plan whose {@link OperationPlan.Header#fingerprint()} differs from
     * {@code current} (the digest of the state now, computed under the lock as the plan computed it).
     */
    public Operation<P, R> checkingFingerprint(Function<? super P, String> current) {
        return new Operation<>(conn, work, Objects.requireNonNull(current), recorded, recordedPlan, audit);
    }

    /** The same, recording reports in this form (e.g. without a secret the report shows once); default {@link Report#toJson()}. */
    public Operation<P, R> recordingReportAs(Function<? super R, ? extends JsonNode> form) {
        return new Operation<>(conn, work, fingerprint, Objects.requireNonNull(form), recordedPlan, audit);
    }

    /** The same, recording plans in this form (e.g. a summary of a plan too large for one row); default {@link Report#toJson()}. */
    public Operation<P, R> recordingPlanAs(Function<? super P, ? extends JsonNode> form) {
        return new Operation<>(conn, work, fingerprint, recorded, Objects.requireNonNull(form), audit);
    }

    /** The same, recording in {@code log} instead of the configured audit log. */
    public Operation<P, R> recordingIn(AuditLog log) {
        return new Operation<>(conn, work, fingerprint, recorded, recordedPlan, Objects.requireNonNull(log));
    }

    /**
     * Carries a plan out (see the class description for the steps) and returns the work's report.
     *
     * @throws DovetailException {@code REFUSED}, {@code STALE_PLAN} or {@code LOCKED} before
     *                           anything changed, or whatever the work raised
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public R apply(P plan) {
        OperationPlan.Header header = plan.header();
        Optional<String> refusal = plan.refusal();
        if (refusal.isPresent()) {
            throw new DovetailException(ErrorCode.REFUSED, refusal.get());
        }
        if (plan.isEmpty()) {
            return work.apply(plan);
        }
        if (header.expiredAt(Instant.now())) {
            throw stale(header, "it expired at " + header.expires());
        }
        try (OperationLock lock = OperationLock.acquire(conn, header.operation(), header.scope())) {
            if (fingerprint != null && header.fingerprint() != null && !header.fingerprint().equals(fingerprint.apply(plan))) {
                throw stale(header, "what it was made from has changed since " + header.created());
            }
            AuditLog.Started record = (audit != null ? audit : AuditLog.on(conn)).start(header, recordedPlan.apply(plan));
            R report;
            try {
                report = work.apply(plan);
                if (!lock.held()) { // the work went on after its session, and with it the lock, was lost
                    throw new DovetailException(ErrorCode.LOCK_LOST, "The " + header.operation() + " run on " + header.scope()
                            + " lost its lock " + lock.name() + " during the run (the server dropped its session): another run"
                            + " may have overlapped it; check what was done, then run it again");
                }
            } catch (RuntimeException e) {
                record.failed(e);
                throw e;
            }
            record.finished(report.outcome(), recorded.apply(report));
            return report;
        }
    }

    private static DovetailException stale(OperationPlan.Header header, String why) {
        return new DovetailException(ErrorCode.STALE_PLAN, "The plan for " + header.operation() + " " + header.action() + " is stale: "
                + why + "; nothing was done: plan again");
    }
}
