package org.dovetail.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dovetail.TableName;
import org.dovetail.TransactionException;
import org.dovetail.connection.Connection;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.declare.DeclarationContext;
import org.dovetail.internal.declare.DefinitionCompiler;
import org.dovetail.internal.declare.TableNames;

/**
 * The {@code ~external_<store>} table of one schema: one row per object its tables may refer to.
 * Declared exactly as DataJoint-Python declares it, on first use.
 */
public final class TrackingTable {
    /** Name prefix of tracking tables. */
    public static final String PREFIX = "~external_";
    private static final String DEFINITION = """
            # external storage tracking
            hash  : uuid    #  hash of contents (blob), of filename + contents (attach), or relative filepath (filepath)
            ---
            size      :bigint unsigned     # size of object in bytes
            attachment_name=null : varchar(255)  # the filename of an attachment
            filepath=null : varchar(1000)  # relative filepath or attachment filename
            contents_hash=null : uuid      # used for the filepath datatype
            timestamp=CURRENT_TIMESTAMP  :timestamp   # automatic timestamp
            """;
    private static final String COLUMNS = "hash, size, attachment_name, filepath, contents_hash, timestamp";

    private final Connection connection;
    private final String schema;
    private final String store;

    public TrackingTable(Connection connection, String schema, String store) {
        this.connection = connection;
        this.schema = schema;
        this.store = store;
    }

    /** DataJoint's exact {@code CREATE TABLE IF NOT EXISTS} statement for the tracking table. */
    public static String createTableSql(String schema, String store) {
        String fullName = TableNames.fullName(schema, PREFIX + store);
        return DefinitionCompiler.compile(fullName, DEFINITION, DeclarationContext.EMPTY).createTableSql(fullName, null);
    }

    public String schema() {
        return schema;
    }

    public String store() {
        return store;
    }

    /** {@code `schema`.`~external_store`} */
    public String fullName() {
        return TableNames.fullName(schema, PREFIX + store);
    }

    /**
     * Creates the table if it does not exist. DDL would silently commit an open transaction, so
     * inside one a missing table is an error (declare it before the transaction starts).
     */
    public void declare() {
        boolean exists = connection.queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_name = ?", Long.class, schema, PREFIX + store).orElse(0L) > 0;
        if (exists) {
            return;
        }
        if (connection.inTransaction()) {
            throw new TransactionException(fullName() + " does not exist and cannot be created inside a transaction"
                    + " (DDL would commit it); use the store once before the transaction");
        }
        connection.execute(createTableSql(schema, store));
    }

    /**
     * Records blobs and attachments with one batch of statements; an existing row only gets its
     * timestamp refreshed.
     *
     * @return for each object, whether its row is new
     */
    public boolean[] record(List<StagedObject> objects) {
        String sql = "INSERT INTO " + fullName() + " (hash, size, attachment_name) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE timestamp = CURRENT_TIMESTAMP";
        int[] counts = connection.withJdbc(jdbc -> {
            try (PreparedStatement ps = jdbc.prepareStatement(sql)) {
                for (StagedObject o : objects) {
                    ps.setBytes(1, UuidBytes.toBytes(o.hash()));
                    ps.setLong(2, o.size());
                    ps.setString(3, o.attachmentName());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
        boolean[] created = new boolean[objects.size()];
        for (int i = 0; i < created.length; i++) {
            // 1 = inserted; 2 = updated; unknown counts (SUCCESS_NO_INFO) are treated as new, the safe side
            created[i] = counts.length != objects.size() || counts[i] != 2;
        }
        return created;
    }

    /** The hashes among these that have a row, one query per thousand. */
    public Set<UUID> existing(List<UUID> hashes) {
        Set<UUID> found = new HashSet<>();
        for (int from = 0; from < hashes.size(); from += 1000) {
            List<UUID> chunk = hashes.subList(from, Math.min(hashes.size(), from + 1000));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            connection.query("SELECT hash FROM " + fullName() + " WHERE hash IN (" + marks + ")",
                    r -> found.add(UuidBytes.fromBytes(r.getBytes(1))), chunk.stream().map(UuidBytes::toBytes).toArray());
        }
        return found;
    }

    /** Records filepath objects with one batch of statements (the caller has checked that none has a row). */
    public void recordFilepaths(List<StagedFilepath> files) {
        if (files.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + fullName() + " (hash, size, filepath, contents_hash) VALUES (?, ?, ?, ?)";
        connection.withJdbc(jdbc -> {
            try (PreparedStatement ps = jdbc.prepareStatement(sql)) {
                for (StagedFilepath f : files) {
                    ps.setBytes(1, UuidBytes.toBytes(f.hash()));
                    ps.setLong(2, f.size());
                    ps.setString(3, f.relativePath());
                    ps.setBytes(4, f.contentsHash() == null ? null : UuidBytes.toBytes(f.contentsHash()));
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    /** Replaces the size and contents hash of a filepath row that nothing refers to any more. */
    public void replaceFilepath(UUID hash, long size, UUID contentsHash) {
        connection.execute("UPDATE " + fullName() + " SET size = ?, contents_hash = ?, timestamp = CURRENT_TIMESTAMP WHERE hash = ?",
                size, contentsHash == null ? null : UuidBytes.toBytes(contentsHash), UuidBytes.toBytes(hash));
    }

    public Optional<TrackingRow> row(UUID hash) {
        List<TrackingRow> rows = connection.query("SELECT " + COLUMNS + " FROM " + fullName() + " WHERE hash = ?",
                TrackingTable::map, UuidBytes.toBytes(hash));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The rows of these hashes that exist, by hash; one query per thousand. */
    public Map<UUID, TrackingRow> rows(Collection<UUID> hashes) {
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(hashes));
        Map<UUID, TrackingRow> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += 1000) {
            List<UUID> chunk = distinct.subList(from, Math.min(distinct.size(), from + 1000));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            connection.query("SELECT " + COLUMNS + " FROM " + fullName() + " WHERE hash IN (" + marks + ")", TrackingTable::map,
                    chunk.stream().map(UuidBytes::toBytes).toArray()).forEach(row -> found.put(row.hash(), row));
        }
        return found;
    }

    /** Every row, ordered by hash. */
    public List<TrackingRow> rows() {
        return connection.query("SELECT " + COLUMNS + " FROM " + fullName() + " ORDER BY hash", TrackingTable::map);
    }

    /** The columns (in any schema) with a foreign key to this table. */
    public List<Reference> references() {
        return connection.query("SELECT table_schema, table_name, column_name FROM information_schema.key_column_usage"
                + " WHERE referenced_table_schema = ? AND referenced_table_name = ? ORDER BY table_schema, table_name, column_name",
                r -> new Reference(r.getString(1), r.getString(2), r.getString(3)), schema, PREFIX + store);
    }

    /** True if any referencing column holds this hash. */
    public boolean isReferenced(UUID hash) {
        byte[] bytes = UuidBytes.toBytes(hash);
        for (Reference ref : references()) {
            String sql = "SELECT 1 FROM " + TableNames.fullName(ref.schema(), ref.table())
                    + " WHERE " + TableName.quote(ref.column()) + " = ? LIMIT 1";
            if (!connection.query(sql, r -> 1, bytes).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Rows that no referencing column holds and that are at least {@code minAge} old. */
    public List<TrackingRow> unused(Duration minAge) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + fullName() + " t WHERE t.timestamp <= NOW() - INTERVAL ? SECOND");
        for (Reference ref : references()) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM ").append(TableNames.fullName(ref.schema(), ref.table()))
                    .append(" r WHERE r.").append(TableName.quote(ref.column())).append(" = t.hash)");
        }
        sql.append(" ORDER BY t.hash");
        return connection.query(sql.toString(), TrackingTable::map, minAge.toSeconds());
    }

    /** Deletes one row; returns false if it was gone already. */
    public boolean delete(UUID hash) {
        return connection.execute("DELETE FROM " + fullName() + " WHERE hash = ?", UuidBytes.toBytes(hash)) > 0;
    }

    private static TrackingRow map(ResultSet r) throws SQLException {
        byte[] contents = r.getBytes(5);
        Timestamp ts = r.getTimestamp(6);
        return new TrackingRow(UuidBytes.fromBytes(r.getBytes(1)), r.getLong(2), r.getString(3), r.getString(4),
                contents == null ? null : UuidBytes.fromBytes(contents), ts == null ? null : ts.toLocalDateTime());
    }
}
