package org.dovetail.populate;

import java.util.Map;

/**
 * DataJoint's tripartite make ({@code make_fetch}, {@code make_compute}, {@code make_insert}),
 * for computations too long to hold a transaction: the inputs are fetched and the result
 * computed outside any transaction; then, in one transaction, the inputs are fetched again and
 * the result inserted only if they are unchanged. Changed inputs fail the job with DataJoint's
 * message {@code Referential integrity failed! The `make_fetch` data has changed}; a result
 * computed from stale inputs is never inserted.
 *
 * <pre>{@code
 * TripartiteMake<List<Map<String, Object>>, Double> meanRate = new TripartiteMake<>() {
 *     public List<Map<String, Object>> fetch(Map<String, Object> key, MakeContext ctx) {
 *         return ctx.table("Spike").restrict(key).fetch("t");
 *     }
 *     public Double compute(Map<String, Object> key, List<Map<String, Object>> spikes) {
 *         return spikes.size() / 60.0;
 *     }
 *     public void insert(Map<String, Object> key, Double rate, MakeContext ctx) {
 *         Map<String, Object> row = new LinkedHashMap<>(key);
 *         row.put("rate", rate);
 *         ctx.insert1(row);
 *     }
 * };
 * }</pre>
 *
 * @param <F> what {@link #fetch} returns; compared by value (maps, lists, arrays, records and
 *        values with {@code equals}), so fetch the data the result depends on
 * @param <R> what {@link #compute} returns and {@link #insert} stores
 */
public interface TripartiteMake<F, R> {
    /** Fetches the inputs of one key; called twice, the second time inside the insert's transaction. */
    F fetch(Map<String, Object> key, MakeContext ctx) throws Exception;

    /** Computes the result from the fetched inputs, outside any transaction; should not touch the database. */
    R compute(Map<String, Object> key, F fetched) throws Exception;

    /** Inserts the result into the target and its parts, inside the transaction. */
    void insert(Map<String, Object> key, R result, MakeContext ctx) throws Exception;
}
