package org.dovetail.ops.migrate;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.TableName;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.declare.TableNames;
import org.dovetail.hash.UuidBytes;
import org.dovetail.store.ObjectStore;
import org.dovetail.store.ObjectStores;
import org.dovetail.store.TrackingTable;
import org.dovetail.store.TransferPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a migration column by column: objects (each read and hashed, recorded in the ledger,
 * then the new tracking rows in one statement), references (temporary column filled set-based),
 * swap (one ALTER). A column with missing objects is left as it was unless they are accepted.
 * Each phase is idempotent and recorded in the ledger, so a run killed anywhere resumes; the
 * schema lock keeps runs apart.
 */
final class MigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    private static final int BATCH = 1000;
    /**
     * Objects read at once. A legacy object is small, so reading one is mostly a round trip to the
     * store: over a network link (tens of ms to a bucket) the number in flight sets the rate.
     */
    private static final int READS_IN_FLIGHT = 32;

    /** Called after each phase of each column; tests use it to stop a run where they choose. */
    interface Checkpoint {
        void reached(LegacyColumn column, String phase);
    }

    private final Connection conn;
    private final StoreMap stores;
    private final Checkpoint checkpoint;
    private final MigrationProgress progress;

    MigrationRunner(Connection conn, StoreMap stores, Checkpoint checkpoint, MigrationProgress progress) {
        this.conn = conn;
        this.stores = stores;
        this.checkpoint = checkpoint;
        this.progress = progress;
    }

    /** Runs {@code plan}; each store is opened once for all its columns. */
    RunReport run(MigrationPlan plan, boolean acceptMissing) {
        MigrationLedger ledger = new MigrationLedger(conn, plan.schema());
        ledger.create();
        ledger.lock();
        Map<String, ObjectStore> opened = new HashMap<>();
        try (TransferPool pool = new TransferPool("migrate", READS_IN_FLIGHT)) {
            List<RunReport.ColumnResult> results = new ArrayList<>();
            for (ColumnPlan column : plan.columns()) {
                results.add(migrate(ledger, column, acceptMissing, spec -> new LegacyObjects(
                        opened.computeIfAbsent(spec.name(), name -> ObjectStores.open(spec)), column.column().schema(), pool)));
            }
            return new RunReport(plan.schema(), results);
        } finally {
            opened.values().forEach(ObjectStore::close);
            ledger.unlock();
        }
    }

    private RunReport.ColumnResult migrate(MigrationLedger ledger, ColumnPlan plan, boolean acceptMissing,
                                           Function<StoreSpec, LegacyObjects> objectsOf) {
        LegacyColumn c = plan.column();
        if (plan.phase().equals("swapped")) {
            return result(plan, RunReport.Outcome.ALREADY_MIGRATED, 0, 0, 0, null);
        }
        if (!plan.untracked().isEmpty()) {
            return result(plan, RunReport.Outcome.NOT_MIGRATED, 0, 0, 0, plan.untracked().size()
                    + " value(s) are not legacy hashes of this store or have no row in ~external, e.g. " + plan.untracked().get(0));
        }
        StoreSpec spec = conn.config().store(plan.store());
        Hashed hashed = new Hashed(0, 0, null);
        long started = System.nanoTime();
        if (plan.phase().equals("planned")) {
            LegacyObjects objects = objectsOf.apply(spec);
            hashed = hashObjects(ledger, c, objects);
            LOG.debug("{}: {} objects read and hashed in {} ms", c.label(), hashed.present() + hashed.missing(),
                    (System.nanoTime() - started) / 1_000_000);
            if (hashed.missing() > 0 && !acceptMissing) {
                // Nothing of the column has changed: the ledger only remembers what was read, so a later run reads just the missing.
                return result(plan, RunReport.Outcome.NOT_MIGRATED, hashed.present(), hashed.missing(), 0, hashed.missing()
                        + " object(s) are missing from store `" + plan.store() + "`, e.g. " + hashed.firstMissing() + " ("
                        + objects.address(hashed.firstMissing()) + "); restore them, or run with --accept-missing to migrate"
                        + " their references anyway");
            }
            ledger.remember(c, plan.store());
            new TrackingTable(conn, c.schema(), spec.name()).declare();
            conn.execute(MigrationSql.insertTracking(c, spec.name()));
            LOG.debug("{}: tracking rows written after {} ms", c.label(), (System.nanoTime() - started) / 1_000_000);
            ledger.advance(c.table(), c.column(), "objects");
            checkpoint.reached(c, "objects");
        } else {
            ledger.remember(c, plan.store());
        }
        long updated = 0;
        if (!plan.phase().equals("references")) {
            updated = rewriteReferences(c, spec.name());
            ledger.advance(c.table(), c.column(), "references");
            checkpoint.reached(c, "references");
        } else {
            updated = rewriteReferences(c, spec.name()); // finish what a killed run left
        }
        LOG.debug("{}: references rewritten after {} ms", c.label(), (System.nanoTime() - started) / 1_000_000);
        conn.execute(MigrationSql.swap(c, spec.name()));
        LOG.debug("{}: swapped after {} ms", c.label(), (System.nanoTime() - started) / 1_000_000);
        ledger.advance(c.table(), c.column(), "swapped");
        checkpoint.reached(c, "swapped");
        LOG.info("migrated {}.{} to blob@{}", c.schema(), c.label(), spec.name());
        return result(plan, RunReport.Outcome.MIGRATED, hashed.present(), hashed.missing(), updated, null);
    }

    /** What reading a column's objects found: how many were there, how many not, and the first that was not. */
    private record Hashed(long present, long missing, String firstMissing) {}

    /**
     * Reads and hashes the column's objects that no earlier run has hashed (those found missing
     * before are tried again), recording each in the ledger, a batch per transaction.
     */
    private Hashed hashObjects(MigrationLedger ledger, LegacyColumn c, LegacyObjects objects) {
        String table = TableNames.fullName(c.schema(), c.table());
        String col = TableName.quote(c.column());
        List<String> todo = conn.query("SELECT DISTINCT t." + col + " FROM " + table + " t LEFT JOIN " + ledger.objects()
                + " o ON o.legacy_hash = t." + col + " WHERE t." + col + " IS NOT NULL AND (o.legacy_hash IS NULL OR o.state = 'missing')"
                + " ORDER BY 1", r -> r.getString(1));
        long present = 0;
        long missing = 0;
        String firstMissing = null;
        progress.start("objects of " + c.label(), todo.size());
        for (int from = 0; from < todo.size(); from += BATCH) {
            List<String> batch = todo.subList(from, Math.min(todo.size(), from + BATCH));
            List<LegacyObjects.Found> found = objects.hash(batch);
            Map<String, Long> sizes = legacySizes(c.schema(), batch);
            conn.transaction(() -> record(ledger, objects.storeName(), found, sizes));
            for (LegacyObjects.Found f : found) {
                if (f.present()) {
                    present++;
                } else {
                    missing++;
                    firstMissing = firstMissing == null ? f.legacyHash() : firstMissing;
                }
            }
            progress.advance(from + batch.size());
        }
        progress.end();
        return new Hashed(present, missing, firstMissing);
    }

    /** Writes a batch's ledger rows with one batched statement. */
    private int record(MigrationLedger ledger, String store, List<LegacyObjects.Found> found, Map<String, Long> sizes) {
        String objects = "INSERT INTO " + ledger.objects() + " (legacy_hash, store, state, size, contents_hash) VALUES (?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE state = VALUES(state), size = VALUES(size), contents_hash = VALUES(contents_hash)";
        return conn.withJdbc(jdbc -> {
            try (PreparedStatement ledgerRows = jdbc.prepareStatement(objects)) {
                for (LegacyObjects.Found f : found) {
                    ledgerRows.setString(1, f.legacyHash());
                    ledgerRows.setString(2, store);
                    ledgerRows.setString(3, f.present() ? "hashed" : "missing");
                    ledgerRows.setLong(4, sizes.getOrDefault(f.legacyHash(), Math.max(0, f.size())));
                    ledgerRows.setBytes(5, f.contentsHash() == null ? null : UuidBytes.toBytes(f.contentsHash()));
                    ledgerRows.addBatch();
                }
                ledgerRows.executeBatch();
                return found.size();
            }
        });
    }

    private Map<String, Long> legacySizes(String schema, List<String> hashes) {
        if (!LegacyCatalog.tableExists(conn, schema, "~external")) {
            return Map.of();
        }
        String marks = hashes.stream().map(h -> "?").collect(Collectors.joining(","));
        Map<String, Long> sizes = new HashMap<>();
        conn.query("SELECT hash, size FROM " + TableNames.fullName(schema, "~external") + " WHERE hash IN (" + marks + ")",
                r -> sizes.put(r.getString(1), r.getLong(2)), hashes.toArray());
        return sizes;
    }

    /** Adds the temporary column if needed and fills it, a chunk per statement; returns rows updated. */
    private long rewriteReferences(LegacyColumn c, String store) {
        if (!LegacyCatalog.columnExists(conn, c.schema(), c.table(), MigrationSql.temp(c))) {
            conn.execute(MigrationSql.addTemp(c, store));
        }
        long updated = 0;
        int n;
        progress.start("references of " + c.label(), conn.queryValue(MigrationSql.countUnfilled(c), Long.class).orElse(0L));
        do {
            n = conn.execute(MigrationSql.fillTemp(c));
            updated += n;
            progress.advance(updated);
        } while (n > 0);
        progress.end();
        long left = conn.queryValue(MigrationSql.countUnfilled(c), Long.class).orElse(0L);
        if (left > 0) {
            throw new DovetailException(ErrorCode.INCOMPLETE, left + " references of " + c.schema() + "." + c.label() + " were not rewritten");
        }
        return updated;
    }

    private static RunReport.ColumnResult result(ColumnPlan plan, RunReport.Outcome outcome, long hashed, long missing,
                                                  long updated, String reason) {
        return new RunReport.ColumnResult(plan.column().table(), plan.column().column(), plan.store(), outcome, hashed, missing,
                updated, reason);
    }

}
