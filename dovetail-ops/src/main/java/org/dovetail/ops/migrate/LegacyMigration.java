package org.dovetail.ops.migrate;

import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;

/**
 * Migrates DataJoint 0.11 legacy external storage ({@code external}, {@code external-<name>}
 * columns and the shared {@code ~external} table) to the 0.12+ format that DataJoint-Python 0.14
 * reads: {@code blob@<store>} columns and {@code ~external_<store>} tables whose rows point at the
 * legacy objects where they are.
 *
 * <pre>{@code
 * LegacyMigration migration = new LegacyMigration(dovetail, StoreMap.parse(List.of("external=main")));
 * MigrationPlan plan = migration.plan("lab");          // read-only
 * RunReport run = migration.run("lab", false);         // resumable; a second run is a no-op
 * MigrationCheck check = migration.verify("lab");      // every reference resolves and decodes
 * migration.finalizeSchema("lab");                     // drops ~external once nothing needs it
 * }</pre>
 */
public final class LegacyMigration {
    private final Dovetail dovetail;
    private final Connection conn;
    private final StoreMap stores;
    private final MigrationRunner.Checkpoint checkpoint;
    private final MigrationProgress progress;

    /** The migration of legacy stores as {@code stores} maps them to configured ones, on {@code dovetail}'s connection. */
    public LegacyMigration(Dovetail dovetail, StoreMap stores) {
        this(dovetail, stores, (column, phase) -> { }, MigrationProgress.NONE);
    }

    LegacyMigration(Dovetail dovetail, StoreMap stores, MigrationRunner.Checkpoint checkpoint) {
        this(dovetail, stores, checkpoint, MigrationProgress.NONE);
    }

    private LegacyMigration(Dovetail dovetail, StoreMap stores, MigrationRunner.Checkpoint checkpoint, MigrationProgress progress) {
        this.dovetail = dovetail;
        this.conn = dovetail.connection();
        this.stores = stores;
        this.checkpoint = checkpoint;
        this.progress = progress;
    }

    /** The same migration, reporting its long phases to {@code progress}. */
    public LegacyMigration withProgress(MigrationProgress progress) {
        return new LegacyMigration(dovetail, stores, checkpoint, progress);
    }

    /** What a run would do: per column rows, objects, bytes, NULLs, missing objects, statements. Changes nothing. */
    public MigrationPlan plan(String schema) {
        return new MigrationPlanner(conn, stores).plan(schema);
    }

    /**
     * Migrates every column that can be migrated. Refuses while other sessions use the schema
     * (unless {@code ignoreSessions}); columns whose objects are missing are left alone and
     * reported unless {@code acceptMissing}.
     */
    public RunReport run(String schema, boolean acceptMissing, boolean ignoreSessions) {
        MigrationPlan plan = new MigrationPlanner(conn, stores).planWithoutListing(schema);
        if (!plan.otherSessions().isEmpty() && !ignoreSessions) {
            throw new DovetailException(ErrorCode.REFUSED, "Other sessions are using schema `" + schema + "`: " + plan.otherSessions()
                    + ". Stop DataJoint 0.11 clients before migrating (or pass --ignore-sessions if they are harmless).");
        }
        return new MigrationRunner(conn, stores, checkpoint, progress).run(plan, acceptMissing);
    }

    /** {@link #run(String, boolean, boolean)} refusing while other sessions use the schema. */
    public RunReport run(String schema, boolean acceptMissing) {
        return run(schema, acceptMissing, false);
    }

    /**
     * Copies the migrated blobs of a migrated schema to the current layout and switches their
     * references to ordinary blob hashes (the legacy objects stay unless {@code deleteOld}).
     * Repeatable; the schema lock keeps it apart from a running migration.
     */
    public RelocateReport relocate(String schema, boolean deleteOld) {
        MigrationLedger ledger = new MigrationLedger(conn, schema);
        ledger.lock();
        try {
            return new Relocation(dovetail).relocate(schema, deleteOld);
        } finally {
            ledger.unlock();
        }
    }

    /** Follows every migrated reference to its object. Read-only. */
    public MigrationCheck verify(String schema) {
        return new MigrationVerifier(conn).verify(schema);
    }

    /**
     * Drops the legacy {@code ~external} table, only if verification passes and nothing refers
     * to it. Returns false (and changes nothing) when there is no legacy table left.
     */
    public boolean finalizeSchema(String schema) {
        if (!LegacyCatalog.tableExists(conn, schema, "~external")) {
            return false;
        }
        MigrationCheck check = verify(schema);
        if (!check.passed()) {
            throw new DovetailException(ErrorCode.REFUSED, "Schema `" + schema + "` is not ready to finalize: " + check.remaining().size()
                    + " column(s) not migrated, " + check.problems().size() + " problem(s); run `verify` for the list");
        }
        var references = LegacyCatalog.referencesToLegacyTable(conn, schema);
        if (!references.isEmpty()) {
            throw new DovetailException(ErrorCode.REFUSED, "`" + schema + "`.`~external` is still referenced by " + references);
        }
        conn.execute("DROP TABLE " + TableName.of(schema, "~external").quoted());
        return true;
    }
}
