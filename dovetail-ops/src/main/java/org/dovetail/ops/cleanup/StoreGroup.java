package org.dovetail.ops.cleanup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dovetail.TableName;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.store.ExternalStore;

/**
 * Every tracking table on the server that names objects of one physical location: the
 * {@code ~external_<name>} tables of every schema, for every configured store name whose
 * location is the same (protocol, endpoint, bucket and key prefix, or the real path of a
 * folder) — not only the tables of one schema or one store name — and the columns that refer to
 * each. This is the safety set of a cleanup: whatever it names is never touched.
 *
 * @param location     the physical location, as {@link ExternalStore#physicalLocation} writes it
 * @param storeNames   the configured store names with that location
 * @param tables       the tracking tables, by schema then name
 * @param unconfigured tracking tables of store names the configuration does not define (their location is unknown)
 */
record StoreGroup(String location, List<String> storeNames, List<Tracking> tables, List<String> unconfigured) {

    /**
     * One tracking table and the columns that refer to it.
     *
     * @param schema     its schema
     * @param store      the store name in its name
     * @param subfolding that store's subfolding (where its blobs are)
     * @param references the referencing columns, {@code `db`.`tbl`.`col`}, from {@code information_schema}
     */
    record Tracking(String schema, String store, List<Integer> subfolding, List<Reference> references) {
        TableName table() {
            return ExternalStore.trackingTable(schema, store);
        }
    }

    /** A column with a foreign key to a tracking table's {@code hash}. */
    record Reference(String schema, String table, String column) {
        String tableSql() {
            return TableName.of(schema, table).quoted();
        }

        @Override
        public String toString() {
            return tableSql() + "." + TableName.quote(column);
        }
    }

    /** Reads the group of {@code storeName} from the catalog (what this account can see). */
    static StoreGroup read(Connection conn, String storeName) {
        Map<String, StoreSpec> stores = conn.config().stores();
        String location = ExternalStore.physicalLocation(conn.config().store(storeName));
        Map<String, StoreSpec> same = new LinkedHashMap<>();
        stores.values().stream().filter(s -> ExternalStore.physicalLocation(s).equals(location)).forEach(s -> same.put(s.name(), s));
        List<Tracking> tables = new ArrayList<>();
        List<String> unconfigured = new ArrayList<>();
        List<String[]> found = conn.query("SELECT table_schema, table_name FROM information_schema.tables WHERE table_name LIKE '~external\\_%'"
                + " ORDER BY table_schema, table_name", r -> new String[] {r.getString(1), r.getString(2)});
        for (String[] t : found) {
            String store = t[1].substring("~external_".length());
            StoreSpec spec = same.get(store);
            if (spec != null) {
                tables.add(new Tracking(t[0], store, spec.subfolding(), references(conn, t[0], t[1])));
            } else if (!stores.containsKey(store)) {
                unconfigured.add(TableName.of(t[0], t[1]).quoted());
            }
        }
        return new StoreGroup(location, List.copyOf(same.keySet()), tables, unconfigured);
    }

    private static List<Reference> references(Connection conn, String schema, String table) {
        return conn.query("SELECT table_schema, table_name, column_name FROM information_schema.key_column_usage"
                        + " WHERE referenced_table_schema = ? AND referenced_table_name = ? AND referenced_column_name = 'hash'"
                        + " ORDER BY table_schema, table_name, column_name",
                r -> new Reference(r.getString(1), r.getString(2), r.getString(3)), schema, table);
    }

    /** The schemas with a tracking table in the group. */
    List<String> schemas() {
        return List.copyOf(new TreeSet<>(tables.stream().map(Tracking::schema).toList()));
    }

    /** The tracking tables of one schema. */
    List<Tracking> tablesOf(String schema) {
        return tables.stream().filter(t -> t.schema().equals(schema)).toList();
    }

    /**
     * A digest of what the group is made of: the location, the tracking tables and their
     * referencing columns. A plan made from another group (a schema or a referencing column came
     * or went) is stale.
     */
    String fingerprint() {
        StringBuilder text = new StringBuilder(location).append('\n');
        for (Tracking t : tables) {
            text.append(t.table()).append(' ').append(t.references()).append('\n');
        }
        return UuidBytes.toHex(ContentHash.uuidFromBuffer(new byte[0], text.toString()));
    }

    /**
     * SQL that is true when no referencing column of the table holds {@code alias.hash}: one
     * {@code NOT EXISTS} per column, so that a NULL in a nullable column is simply no reference
     * (DataJoint's {@code hash NOT IN (SELECT col ...)} is NULL for every hash then, and finds nothing).
     */
    static String unreferenced(Tracking t, String alias) {
        if (t.references().isEmpty()) {
            return "TRUE";
        }
        List<String> parts = new ArrayList<>();
        for (Reference r : t.references()) {
            parts.add("NOT EXISTS (SELECT 1 FROM " + r.tableSql() + " WHERE " + TableName.quote(r.column()) + " = " + alias + ".hash)");
        }
        return String.join(" AND ", parts);
    }
}
