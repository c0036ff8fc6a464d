package org.dovetail.ops.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.TableName;
import org.dovetail.blob.Blob;
import org.dovetail.connection.Connection;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.store.ExternalStore;
import org.dovetail.store.TrackingRow;

/** Checks a migrated schema: each reference resolves to an object of the recorded size and hash that decodes. */
final class MigrationVerifier {
    private static final int LISTED = 1000;
    private final Connection conn;

    MigrationVerifier(Connection conn) {
        this.conn = conn;
    }

    MigrationCheck verify(String schema) {
        MigrationLedger ledger = new MigrationLedger(conn, schema);
        List<String> problems = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        for (LegacyColumn c : LegacyCatalog.legacyColumns(conn, schema)) {
            remaining.add(c.label() + " is still of legacy type " + c.legacyStore());
        }
        long references = 0;
        for (LegacyColumn c : ledger.remembered()) {
            if (LegacyCatalog.columnExists(conn, schema, c.table(), MigrationSql.temp(c))) {
                remaining.add(c.label() + " has an unfinished temporary column " + MigrationSql.temp(c));
                continue;
            }
            String store = conn.queryValue("SELECT store FROM " + ledger.columns() + " WHERE table_name = ? AND column_name = ?",
                    String.class, c.table(), c.column()).orElseThrow();
            List<UUID> hashes = conn.query("SELECT DISTINCT " + TableName.quote(c.column()) + " FROM "
                    + TableName.of(schema, c.table()).quoted() + " WHERE " + TableName.quote(c.column()) + " IS NOT NULL",
                    r -> UuidBytes.fromBytes(r.getBytes(1)));
            references += conn.queryValue("SELECT COUNT(" + TableName.quote(c.column()) + ") FROM "
                    + TableName.of(schema, c.table()).quoted(), Long.class).orElse(0L);
            try (ExternalStore external = ExternalStore.open(conn, store)) {
                for (UUID hash : hashes) {
                    check(external, schema, c, hash).ifPresent(p -> {
                        if (problems.size() < LISTED) {
                            problems.add(p);
                        }
                    });
                }
            }
        }
        return new MigrationCheck(schema, references, problems, remaining);
    }

    private static java.util.Optional<String> check(ExternalStore store, String schema, LegacyColumn c, UUID hash) {
        String where = c.label() + " value " + hash;
        TrackingRow row = store.trackingRow(schema, hash).orElse(null);
        if (row == null) {
            return java.util.Optional.of(where + ": no row in " + store.trackingTable(schema).quoted());
        }
        byte[] blob;
        try {
            blob = store.getBlob(schema, hash);
        } catch (DovetailException e) {
            return java.util.Optional.of(where + ": " + e.getMessage());
        }
        if (blob.length != row.size()) {
            return java.util.Optional.of(where + ": object has " + blob.length + " bytes, " + row.size() + " recorded");
        }
        if (row.contentsHash() != null && !row.contentsHash().equals(ContentHash.uuidFromBuffer(blob, ""))) {
            return java.util.Optional.of(where + ": contents do not match the recorded contents hash");
        }
        try {
            Blob.decode(blob);
        } catch (DovetailException e) {
            return java.util.Optional.of(where + ": does not decode: " + e.getMessage());
        }
        return java.util.Optional.empty();
    }
}
