/**
 * Schemas: create or open one, declare tables in it (from definitions, annotated classes or
 * pipeline files; all or nothing, with {@code ~log} entries as DataJoint writes them, missing
 * privileges named first), list its tables in dependency order, read headings and definitions,
 * alter secondary attributes, and open any table without a class ({@link org.dovetail.schema.FreeTable}).
 * Start at {@link org.dovetail.schema.Schema}.
 */
package org.dovetail.schema;
