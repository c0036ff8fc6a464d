/**
 * Schemas and their tables. A {@link org.dovetail.schema.Schema} is created or opened through
 * {@link org.dovetail.Dovetail}; it declares tables (from definitions, annotated classes or
 * pipeline files; all or nothing, with {@code ~log} entries as DataJoint writes them, missing
 * privileges named first), lists them in dependency order, reads headings and definitions and
 * alters secondary attributes. {@link org.dovetail.schema.Schema#table} opens a table.
 *
 * <p>A {@link org.dovetail.schema.Table} is a {@link org.dovetail.query.Query} that can also be
 * written to: {@code insert}, {@code insert1} (with {@link org.dovetail.schema.InsertOption}s),
 * {@code update1}, {@code deleteQuick}, and the plans — {@link org.dovetail.schema.DeletePlan} (the
 * cascading delete across every schema reachable by foreign keys, with
 * {@link org.dovetail.schema.DeleteOption}s) and {@link org.dovetail.schema.DropPlan}. A plan
 * changes nothing until it is confirmed.
 *
 * <pre>{@code
 * Table subject = dovetail.schema("lab").table("Subject");
 * subject.insert1(Map.of("subject_id", 1, "species", "mouse"));
 * long n = subject.restrict(Map.of("subject_id", 1)).delete(plan -> plan.totalRows() < 100);
 * }</pre>
 */
package org.dovetail.schema;
