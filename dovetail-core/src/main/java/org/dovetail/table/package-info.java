/**
 * Tables: a {@link org.dovetail.table.Table} is a {@link org.dovetail.query.Query} that can also be
 * written to.
 *
 * <p>Insert ({@code insert}, {@code insert1}, with {@link org.dovetail.table.InsertOption}s),
 * {@code update1}, {@code deleteQuick}, and the plans: {@link org.dovetail.table.DeletePlan} (the
 * cascading delete across every schema reachable by foreign keys, with
 * {@link org.dovetail.table.DeleteOption}s) and {@link org.dovetail.table.DropPlan}. A plan changes
 * nothing until it is confirmed.
 *
 * <pre>{@code
 * Table subject = Table.of(schema, "Subject");
 * subject.insert1(Map.of("subject_id", 1, "species", "mouse"));
 * long n = subject.restrict(Map.of("subject_id", 1)).delete(plan -> plan.totalRows() < 100);
 * }</pre>
 */
package org.dovetail.table;
