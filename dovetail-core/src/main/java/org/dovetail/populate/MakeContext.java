package org.dovetail.populate;

import java.util.Collections;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.schema.InsertOption;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;

/**
 * What a make works with: the worker's connection, the key, the target table (into which it may
 * insert, as only a make may) and the tables of its schema, all on the worker's own connection,
 * inside its transaction. One per make call.
 *
 * <pre>{@code
 * Make scan = (key, ctx) -> {
 *     ctx.insert1(Map.of("scan_id", key.get("scan_id"), "n_units", 2));
 *     ctx.part("Unit").insert(List.of(Map.of("scan_id", key.get("scan_id"), "unit", 1),
 *                                     Map.of("scan_id", key.get("scan_id"), "unit", 2)));
 * };
 * }</pre>
 */
public final class MakeContext {
    private final Worker worker;
    private final Map<String, Object> key;

    MakeContext(Worker worker, Map<String, Object> key) {
        this.worker = worker;
        this.key = Collections.unmodifiableMap(key);
    }

    /** The worker's entry object (its own connection). */
    public Dovetail dovetail() {
        return worker.dovetail();
    }

    /** The key being made (read-only; make receives its own mutable copy). */
    public Map<String, Object> key() {
        return key;
    }

    /** The table being populated, on the worker's connection: inserts into it are allowed here. */
    public Table target() {
        return worker.target();
    }

    /** The target's schema, on the worker's connection. */
    public Schema schema() {
        return worker.schema();
    }

    /** A table of the target's schema by class name ({@code Session}, {@code Scan.Unit}), on the worker's connection. */
    public Table table(String className) {
        return worker.table(className);
    }

    /** A part of the target by its part name ({@code Unit} for {@code Scan.Unit}). */
    public Table part(String partName) {
        return worker.table(worker.target().className() + "." + partName);
    }

    /**
     * Sends the make's inserts to the server now. Inside a make, inserts wait for the request
     * that ends the job, or for the make's next query or other statement, so a server error of an
     * insert (a duplicate key, a missing parent row) fails the job once make has returned. A make
     * that handles such an error itself calls {@code flush()} right after the insert, inside its
     * {@code try}: the error is raised there.
     */
    public void flush() {
        worker.dovetail().connection().flush();
    }

    /** Inserts one row into the target. */
    public void insert1(Object row, InsertOption... options) {
        worker.target().insert1(row, options);
    }

    /** Inserts rows into the target; see {@link Table#insert(Iterable, InsertOption...)}. */
    public long insert(Iterable<?> rows, InsertOption... options) {
        return worker.target().insert(rows, options);
    }

    /**
     * True once a stop that aborts running jobs was requested: a long make may return early (its
     * work is rolled back and the job recorded as interrupted, whatever it did).
     */
    public boolean abortRequested() {
        return worker.abortRequested();
    }
}
