package org.dovetail.ops.migrate;

import java.util.Optional;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.ops.OperationLock;

/**
 * The migration's own record, in hidden tables of the schema: each column's phase and how
 * each object was handled. A killed run resumes from it; a finished run finds nothing to do.
 */
final class MigrationLedger {
    static final String COLUMNS = "~legacy_migration";
    static final String OBJECTS = "~legacy_migration_object";

    private final Connection conn;
    private final String schema;
    private OperationLock lock;

    MigrationLedger(Connection conn, String schema) {
        this.conn = conn;
        this.schema = schema;
    }

    String columns() {
        return TableName.of(schema, COLUMNS).quoted();
    }

    String objects() {
        return TableName.of(schema, OBJECTS).quoted();
    }

    void create() {
        conn.execute("CREATE TABLE IF NOT EXISTS " + columns() + " (\n"
                + "`table_name` varchar(64) NOT NULL,\n"
                + "`column_name` varchar(64) NOT NULL,\n"
                + "`legacy_store` varchar(64) NOT NULL,\n"
                + "`store` varchar(64) NOT NULL,\n"
                + "`nullable` tinyint NOT NULL,\n"
                + "`previous_column` varchar(64) DEFAULT NULL,\n"
                + "`user_comment` varchar(1024) NOT NULL,\n"
                + "`phase` enum('planned','objects','references','swapped') NOT NULL,\n"
                + "`updated` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
                + "PRIMARY KEY (`table_name`, `column_name`)\n"
                + ") ENGINE=InnoDB COMMENT='dovetail: migration of legacy external columns'");
        conn.execute("CREATE TABLE IF NOT EXISTS " + objects() + " (\n"
                + "`legacy_hash` char(51) NOT NULL,\n"
                + "`store` varchar(64) NOT NULL,\n"
                + "`state` enum('hashed','missing','relocated') NOT NULL,\n"
                + "`size` bigint unsigned NOT NULL,\n"
                + "`contents_hash` binary(16) DEFAULT NULL,\n"
                + "PRIMARY KEY (`legacy_hash`)\n"
                + ") ENGINE=InnoDB COMMENT='dovetail: objects of the legacy external migration'");
    }

    boolean exists() {
        return LegacyCatalog.tableExists(conn, schema, COLUMNS);
    }

    /** Records a column when the run first meets it: its original position, nullability and comment. */
    void remember(LegacyColumn column, String store) {
        conn.execute("INSERT IGNORE INTO " + columns() + " (table_name, column_name, legacy_store, store, nullable, previous_column,"
                + " user_comment, phase) VALUES (?, ?, ?, ?, ?, ?, ?, 'planned')", column.table(), column.column(),
                column.legacyStore(), store, column.nullable() ? 1 : 0, column.previousColumn(), column.comment());
    }

    void advance(String table, String column, String phase) {
        conn.execute("UPDATE " + columns() + " SET phase = ? WHERE table_name = ? AND column_name = ?", phase, table, column);
    }

    Optional<String> phase(String table, String column) {
        if (!exists()) {
            return Optional.empty();
        }
        return conn.queryValue("SELECT phase FROM " + columns() + " WHERE table_name = ? AND column_name = ?", String.class,
                table, column);
    }

    /** Columns remembered by an earlier run, as they were before it changed them. */
    java.util.List<LegacyColumn> remembered() {
        if (!exists()) {
            return java.util.List.of();
        }
        return conn.query("SELECT table_name, column_name, legacy_store, user_comment, nullable, previous_column FROM "
                + columns() + " ORDER BY table_name, column_name", r -> new LegacyColumn(schema, r.getString(1), r.getString(2),
                r.getString(3), r.getString(4), r.getInt(5) == 1, r.getString(6), null));
    }

    /**
     * Takes the schema's migration lock ({@link OperationLock} of {@code migrate} on the schema),
     * or fails with {@code LOCKED} naming the session that holds it. Re-entrant: the run that
     * {@link LegacyMigration} applies holds it already.
     */
    void lock() {
        lock = OperationLock.acquire(conn, MigrationStep.OPERATION, schema);
    }

    void unlock() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
