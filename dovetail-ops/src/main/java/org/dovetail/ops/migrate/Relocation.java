package org.dovetail.ops.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.TableName;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.store.ExternalStore;
import org.dovetail.store.StagedObject;

/**
 * Moves migrated blobs into the current layout: each object is copied to
 * {@code <schema>/<h0h1>/<h2h3>/<md5>} (its contents hash, the name DataJoint gives a blob it
 * writes), tracked as an ordinary blob, and the references switch to that hash in one set-based
 * statement per column. Afterwards the values are indistinguishable from ones written by
 * DataJoint 0.12+ (and deduplicate with them). Every step can be repeated: a killed run resumes.
 */
final class Relocation {
    private final Dovetail dovetail;
    private final Connection conn;

    Relocation(Dovetail dovetail) {
        this.dovetail = dovetail;
        this.conn = dovetail.connection();
    }

    RelocateReport relocate(String schema, boolean deleteOld) {
        MigrationLedger ledger = new MigrationLedger(conn, schema);
        if (!ledger.exists()) {
            throw new DovetailException(ErrorCode.REFUSED, "Schema `" + schema + "` has no migration ledger: run the migration first");
        }
        long copied = 0;
        long inPlace = 0;
        long references = 0;
        long oldRows = 0;
        long oldObjects = 0;
        long skipped = conn.queryValue("SELECT COUNT(*) FROM " + ledger.objects() + " WHERE state = 'missing'", Long.class).orElse(0L);
        for (String storeName : conn.query("SELECT DISTINCT store FROM " + ledger.objects() + " ORDER BY store", r -> r.getString(1))) {
            ExternalStore store = dovetail.store(storeName);
            StoreSpec spec = store.spec();
            List<Object[]> objects = conn.query("SELECT legacy_hash, size, contents_hash FROM " + ledger.objects()
                    + " WHERE store = ? AND state = 'hashed'", r -> new Object[] {r.getString(1), r.getLong(2), r.getBytes(3)}, storeName);
            List<StagedObject> staged = new ArrayList<>();
            for (Object[] o : objects) {
                UUID blobHash = UuidBytes.fromBytes((byte[]) o[2]);
                String target = store.blobPath(schema, blobHash);
                if (store.objects().stat(target).filter(info -> info.size() == (long) o[1]).isPresent()) {
                    inPlace++;
                } else {
                    store.objects().put(target, store.objects().read(schema + "/" + o[0]), Map.of());
                    copied++;
                }
                staged.add(new StagedObject(blobHash, (long) o[1], null, target, null, null, false));
            }
            store.trackAll(schema, staged);
            references += switchReferences(ledger, schema, spec);
            oldRows += dropOldRows(store, schema, objects);
            for (Object[] o : objects) {
                conn.execute("UPDATE " + ledger.objects() + " SET state = 'relocated' WHERE legacy_hash = ?", o[0]);
                if (deleteOld) {
                    store.objects().delete(schema + "/" + o[0]);
                    oldObjects++;
                }
            }
        }
        return new RelocateReport(schema, copied, inPlace, references, oldRows, oldObjects, skipped);
    }

    /** Each migrated column of the store: references to migrated rows become the blob hash. */
    private long switchReferences(MigrationLedger ledger, String schema, StoreSpec spec) {
        long switched = 0;
        String tracking = ExternalStore.trackingTable(schema, spec.name()).quoted();
        for (String[] column : conn.query("SELECT table_name, column_name FROM " + ledger.columns()
                + " WHERE store = ? AND phase = 'swapped'", r -> new String[] {r.getString(1), r.getString(2)}, spec.name())) {
            String col = TableName.quote(column[1]);
            switched += conn.execute("UPDATE " + TableName.of(schema, column[0]).quoted() + " t JOIN " + tracking + " e ON e.hash = t." + col
                    + " JOIN " + ledger.objects() + " o ON e.filepath = CONCAT(?, o.legacy_hash)"
                    + " SET t." + col + " = o.contents_hash WHERE o.state = 'hashed' AND e.attachment_name IS NULL", schema + "/");
        }
        return switched;
    }

    /** The migrated rows (MD5 of their legacy path) that nothing refers to any more. */
    private long dropOldRows(ExternalStore store, String schema, List<Object[]> objects) {
        long dropped = 0;
        for (Object[] o : objects) {
            UUID old = ContentHash.uuidFromBuffer(new byte[0], schema + "/" + o[0]);
            if (store.untrackIfUnused(schema, old)) {
                dropped++;
            }
        }
        return dropped;
    }
}
