package org.dovetail.ops.migrate;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.declare.TableNames;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.store.ObjectStore;
import org.dovetail.store.ObjectStores;
import org.dovetail.store.TrackingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a migration column by column: objects (hash, new tracking rows), references
 * (temporary column filled set-based), swap (one ALTER). Each phase is idempotent and recorded
 * in the ledger, so a run killed anywhere resumes; the schema lock keeps runs apart.
 */
final class MigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    private static final int BATCH = 1000;

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

    RunReport run(MigrationPlan plan, boolean acceptMissing) {
        MigrationLedger ledger = new MigrationLedger(conn, plan.schema());
        ledger.create();
        ledger.lock();
        try {
            List<RunReport.ColumnResult> results = new ArrayList<>();
            for (ColumnPlan column : plan.columns()) {
                results.add(migrate(ledger, column, acceptMissing));
            }
            return new RunReport(plan.schema(), results);
        } finally {
            ledger.unlock();
        }
    }

    private RunReport.ColumnResult migrate(MigrationLedger ledger, ColumnPlan plan, boolean acceptMissing) {
        LegacyColumn c = plan.column();
        if (plan.phase().equals("swapped")) {
            return result(plan, RunReport.Outcome.ALREADY_MIGRATED, 0, 0, 0, null);
        }
        if (!plan.untracked().isEmpty()) {
            return result(plan, RunReport.Outcome.NOT_MIGRATED, 0, 0, 0, plan.untracked().size()
                    + " value(s) are not legacy hashes of this store or have no row in ~external, e.g. " + plan.untracked().get(0));
        }
        if (plan.missingCount() > 0 && !acceptMissing) {
            return result(plan, RunReport.Outcome.NOT_MIGRATED, 0, plan.missingCount(), 0, plan.missingCount()
                    + " object(s) are missing from store `" + plan.store() + "`, e.g. " + plan.missing().get(0)
                    + "; restore them, or run with --accept-missing to migrate their references anyway");
        }
        ledger.remember(c, plan.store());
        StoreSpec spec = conn.config().store(plan.store());
        new TrackingTable(conn, c.schema(), spec.name()).declare();
        long[] hashed = {0, 0};
        long started = System.nanoTime();
        if (plan.phase().equals("planned")) {
            hashed = hashObjects(ledger, c, spec);
            LOG.debug("{}: objects hashed and tracked in {} ms", c.label(), (System.nanoTime() - started) / 1_000_000);
            ledger.advance(c.table(), c.column(), "objects");
            checkpoint.reached(c, "objects");
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
        return result(plan, RunReport.Outcome.MIGRATED, hashed[0], hashed[1], updated, null);
    }

    /** Hashes the column's objects not hashed yet and writes their tracking rows, a batch per transaction. */
    private long[] hashObjects(MigrationLedger ledger, LegacyColumn c, StoreSpec spec) {
        String table = TableNames.fullName(c.schema(), c.table());
        String col = MigrationSql.q(c.column());
        List<String> todo = conn.query("SELECT DISTINCT t." + col + " FROM " + table + " t LEFT JOIN " + ledger.objects()
                + " o ON o.legacy_hash = t." + col + " WHERE t." + col + " IS NOT NULL AND o.legacy_hash IS NULL ORDER BY 1",
                r -> r.getString(1));
        long hashed = 0;
        long missing = 0;
        try (ObjectStore objects = ObjectStores.open(spec); LegacyObjects legacy = new LegacyObjects(objects, c.schema())) {
            progress.start("objects of " + c.label(), todo.size());
            for (int from = 0; from < todo.size(); from += BATCH) {
                List<String> batch = todo.subList(from, Math.min(todo.size(), from + BATCH));
                List<LegacyObjects.Found> found = legacy.hash(batch);
                java.util.Map<String, Long> sizes = legacySizes(c.schema(), batch);
                conn.transaction(() -> record(ledger, c, spec, found, sizes));
                for (LegacyObjects.Found f : found) {
                    if (f.present()) {
                        hashed++;
                    } else {
                        missing++;
                    }
                }
                progress.advance(from + batch.size());
            }
            progress.end();
        }
        return new long[] {hashed, missing};
    }

    /** Writes a batch's tracking rows and ledger rows with two batched statements. */
    private int record(MigrationLedger ledger, LegacyColumn c, StoreSpec spec, List<LegacyObjects.Found> found,
                       java.util.Map<String, Long> sizes) {
        String tracking = "INSERT INTO " + TableNames.fullName(c.schema(), TrackingTable.PREFIX + spec.name())
                + " (hash, size, filepath, contents_hash) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE hash = hash";
        String objects = "INSERT INTO " + ledger.objects() + " (legacy_hash, store, state, size, contents_hash) VALUES (?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE state = VALUES(state)";
        return conn.withJdbc(jdbc -> {
            try (PreparedStatement rows = jdbc.prepareStatement(tracking); PreparedStatement ledgerRows = jdbc.prepareStatement(objects)) {
                for (LegacyObjects.Found f : found) {
                    long size = sizes.getOrDefault(f.legacyHash(), Math.max(0, f.size()));
                    String relative = c.schema() + "/" + f.legacyHash();
                    byte[] contents = f.contentsHash() == null ? null : UuidBytes.toBytes(f.contentsHash());
                    rows.setBytes(1, UuidBytes.toBytes(ContentHash.uuidFromBuffer(new byte[0], relative)));
                    rows.setLong(2, size);
                    rows.setString(3, relative);
                    rows.setBytes(4, contents);
                    rows.addBatch();
                    ledgerRows.setString(1, f.legacyHash());
                    ledgerRows.setString(2, spec.name());
                    ledgerRows.setString(3, f.present() ? "hashed" : "missing");
                    ledgerRows.setLong(4, size);
                    ledgerRows.setBytes(5, contents);
                    ledgerRows.addBatch();
                }
                rows.executeBatch();
                ledgerRows.executeBatch();
                return found.size();
            }
        });
    }

    private java.util.Map<String, Long> legacySizes(String schema, List<String> hashes) {
        if (!LegacyCatalog.tableExists(conn, schema, "~external")) {
            return java.util.Map.of();
        }
        String marks = hashes.stream().map(h -> "?").collect(Collectors.joining(","));
        java.util.Map<String, Long> sizes = new java.util.HashMap<>();
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
