package org.dovetail.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.IntegrityException;
import org.dovetail.connection.Connection;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.store.TrackingTable;

/**
 * Finds and removes tracking rows (and optionally their objects) that no table refers to.
 *
 * <p>Each row is removed in its own short transaction that locks the row, re-checks that it is
 * still unused and still older than the age gate, deletes it and then its object, and only then
 * commits. An insert of the same object meanwhile waits for that lock and then re-checks the
 * object ({@link ExternalStore#track}), so no row is ever left without its object.
 */
public final class UnusedObjects {
    private final ExternalStore store;
    private final Connection connection;

    public UnusedObjects(ExternalStore store) {
        this.store = store;
        this.connection = store.connection();
    }

    /** The unused rows of a schema that are at least {@code minAge} old. Read-only. */
    public UnusedPlan plan(String schema, Duration minAge) {
        return new UnusedPlan(schema, store.spec().name(), minAge, store.tracking(schema).unused(minAge));
    }

    /**
     * Carries out a plan: deletes each row that is still unused and old enough, and, when
     * {@code deleteObjects}, its object (a row whose object cannot be deleted is kept).
     */
    public CleanupReport apply(UnusedPlan plan, boolean deleteObjects) {
        TrackingTable table = store.tracking(plan.schema());
        int rows = 0;
        int objects = 0;
        List<UUID> skipped = new ArrayList<>();
        List<CleanupReport.Failure> failures = new ArrayList<>();
        for (TrackingRow planned : plan.rows()) {
            String path = planned.objectPath(plan.schema(), store.spec().subfolding());
            connection.startTransaction();
            try {
                if (!stillUnused(table, planned, plan.minAge())) {
                    connection.cancelTransaction();
                    skipped.add(planned.hash());
                    continue;
                }
                table.delete(planned.hash());
                if (deleteObjects) {
                    store.objects().delete(path);
                    objects++;
                }
                connection.commitTransaction();
                rows++;
            } catch (IntegrityException e) {
                // Referenced by a row committed after this transaction's snapshot: the foreign key said no.
                if (connection.inTransaction()) {
                    connection.cancelTransaction();
                }
                skipped.add(planned.hash());
            } catch (DovetailException e) {
                if (connection.inTransaction()) {
                    connection.cancelTransaction();
                }
                failures.add(new CleanupReport.Failure(planned.hash(), store.objects().address(path), e.getMessage()));
            }
        }
        return new CleanupReport(plan, rows, objects, skipped, failures);
    }

    /** Locks the row and checks it is unchanged since planning, old enough and unreferenced. */
    private boolean stillUnused(TrackingTable table, TrackingRow planned, Duration minAge) {
        List<Integer> old = connection.query("SELECT 1 FROM " + table.fullName()
                        + " WHERE hash = ? AND timestamp <= NOW() - INTERVAL ? SECOND FOR UPDATE",
                r -> 1, UuidBytes.toBytes(planned.hash()), minAge.toSeconds());
        return !old.isEmpty() && !table.isReferenced(planned.hash());
    }
}
