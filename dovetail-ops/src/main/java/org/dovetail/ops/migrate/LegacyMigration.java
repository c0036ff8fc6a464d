package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.ops.Operation;
import org.dovetail.ops.OperationPlan.Header;

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
 *
 * <p>Run, relocate and finalize are applies of the shared {@link Operation}: one at a time per
 * schema (the {@code dovetail.migrate.<schema>} lock; a second run fails with {@code LOCKED}),
 * each recorded in the audit log.
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
        String refused = plan.otherSessions().isEmpty() || ignoreSessions ? null : "Other sessions are using schema `" + schema
                + "`: " + plan.otherSessions() + ". Stop DataJoint 0.11 clients before migrating (or pass --ignore-sessions if they"
                + " are harmless).";
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.set("plan", MigrationJson.of(plan));
        details.put("accept_missing", acceptMissing).put("ignore_sessions", ignoreSessions);
        String action = "legacy-external run " + schema + (acceptMissing ? " --accept-missing" : "") + (ignoreSessions ? " --ignore-sessions" : "");
        MigrationStep step = new MigrationStep(Header.of(MigrationStep.OPERATION, schema, action), details, plan.done(), refused);
        MigrationRunner runner = new MigrationRunner(conn, stores, checkpoint, progress);
        return Operation.<MigrationStep, RunSummary>of(conn, s -> new RunSummary(List.of(runner.run(plan, acceptMissing)), List.of(), false))
                .apply(step).runs().get(0);
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
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("schema", schema).put("delete_legacy_objects", deleteOld);
        String action = "legacy-external relocate " + schema + (deleteOld ? " --delete-legacy-objects" : "");
        MigrationStep step = new MigrationStep(Header.of(MigrationStep.OPERATION, schema, action), details, false, null);
        return Operation.<MigrationStep, RunSummary>of(conn,
                        s -> new RunSummary(List.of(), List.of(new Relocation(dovetail).relocate(schema, deleteOld)), true))
                .apply(step).relocations().get(0);
    }

    /** Follows every migrated reference to its object. Read-only. */
    public MigrationCheck verify(String schema) {
        return new MigrationVerifier(conn).verify(schema);
    }

    /**
     * What {@code finalize} would do: verifies the schema and lists the foreign keys to
     * {@code ~external}. Read-only.
     */
    public FinalizePlan finalizePlan(String schema) {
        Header header = Header.of(MigrationStep.OPERATION, schema, "legacy-external finalize " + schema);
        if (!LegacyCatalog.tableExists(conn, schema, "~external")) {
            return new FinalizePlan(header, schema, false, null, List.of());
        }
        MigrationCheck check = verify(schema);
        return new FinalizePlan(header.withFingerprint(finalizeFingerprint(schema)), schema, true, check,
                LegacyCatalog.referencesToLegacyTable(conn, schema));
    }

    /**
     * Drops the legacy {@code ~external} table as planned: refused unless verification passed and
     * nothing refers to it, or when a legacy column or a reference appeared since the plan.
     */
    public FinalizeReport finalizeSchema(FinalizePlan plan) {
        return Operation.<FinalizePlan, FinalizeReport>of(conn, this::drop).checkingFingerprint(p -> finalizeFingerprint(p.schema()))
                .apply(plan);
    }

    /**
     * Drops the legacy {@code ~external} table, only if verification passes and nothing refers
     * to it. Returns false (and changes nothing) when there is no legacy table left.
     */
    public boolean finalizeSchema(String schema) {
        return finalizeSchema(finalizePlan(schema)).dropped();
    }

    private FinalizeReport drop(FinalizePlan plan) {
        if (!plan.legacyTable()) {
            return new FinalizeReport(plan.schema(), false);
        }
        conn.execute("DROP TABLE " + TableName.of(plan.schema(), "~external").quoted());
        return new FinalizeReport(plan.schema(), true);
    }

    /** What finalize's safety rests on and a concurrent change could alter: the legacy columns and the references to ~external. */
    private String finalizeFingerprint(String schema) {
        return LegacyCatalog.legacyColumns(conn, schema).stream().map(LegacyColumn::label).toList() + " "
                + LegacyCatalog.referencesToLegacyTable(conn, schema);
    }
}
