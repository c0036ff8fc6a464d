package org.dovetail.populate;

import java.util.Map;

/**
 * The make of an Imported or Computed table, DataJoint's regular {@code make(self, key)}: fetch
 * what the key needs, compute, insert the rows of the target (and its parts) through the
 * context. It runs inside one transaction ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT})
 * that is committed when it returns and rolled back when it throws.
 *
 * <pre>{@code
 * Make spikeCount = (key, ctx) -> {
 *     long n = ctx.table("Spike").restrict(key).count();
 *     Map<String, Object> row = new LinkedHashMap<>(key);
 *     row.put("n_spikes", n);
 *     ctx.insert1(row);
 * };
 * }</pre>
 *
 * <p>Use the context's tables ({@link MakeContext#table}, {@link MakeContext#target}): with
 * several workers each make runs on its worker's own connection and transaction.
 */
@FunctionalInterface
public interface Make {
    /**
     * Makes the rows of one key.
     *
     * @param key the key from the key source, a fresh mutable copy in the key source's order
     * @param ctx the worker's connection, the target and its parts
     * @throws Exception to fail the job: the transaction is rolled back and, with reserved jobs,
     *         an error row records the message and the stack
     */
    void make(Map<String, Object> key, MakeContext ctx) throws Exception;
}
