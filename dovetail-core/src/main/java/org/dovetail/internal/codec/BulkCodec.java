package org.dovetail.internal.codec;

import java.util.List;

/**
 * A codec whose values are converted a whole column at a time, because each value is an object in
 * an external store. Fetch and insert both take two steps:
 *
 * <ul>
 * <li>fetch: {@link #fromDatabase} returns an intermediate value for each row (the stored hash),
 *     and {@link #complete} turns the intermediate values of all rows into final values at once,
 *     after the result set is closed — e.g. downloading their objects in parallel;</li>
 * <li>insert: {@link #stage} converts all rows' values before any transaction opens — packing,
 *     hashing and uploading in parallel — and {@link #track}, inside the insert's transaction,
 *     records the staged objects in one batch.</li>
 * </ul>
 *
 * <pre>{@code
 * List<BulkCodec.Staged> staged = codec.stage(values);      // uploads, no transaction yet
 * connection.transaction(() -> {
 *     codec.track(staged);                                  // tracking rows in one batch
 *     // INSERT ... VALUES with staged.get(i).parameter() for row i
 * });
 * }</pre>
 */
public interface BulkCodec extends AttributeCodec {

    /** The final values for the intermediate ones, in the same order; nulls stay null. */
    List<Object> complete(List<Object> fetched);

    /**
     * Insert's first step, run before the transaction: converts the values of many rows (nulls
     * stay null), doing every transfer in parallel and touching no table row. A value given
     * several times (the same object) is converted once, and its rows share one result.
     *
     * @return for each value, in order, what the column gets and what {@link #track} records
     * @throws org.dovetail.InvalidValueException naming the attribute if a value does not fit
     */
    List<Staged> stage(List<Object> values);

    /**
     * Insert's second step, run inside the insert's transaction: records what {@link #stage}
     * left to track (the tracking rows of the staged objects), with one batch of statements.
     * Nulls and results with nothing to track are skipped.
     */
    void track(List<Staged> staged);

    /**
     * One value after {@link #stage}.
     *
     * @param parameter the JDBC parameter for the column (the 16 bytes of the object's hash)
     * @param pending   what {@link #track} of the same codec records, or null for nothing; opaque to callers
     */
    record Staged(Object parameter, Object pending) {
    }
}
