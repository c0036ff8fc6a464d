/**
 * Schemas: create or open one, declare tables in it (all or nothing, with {@code ~log} entries as
 * DataJoint writes them), list its tables, read headings and definitions.
 * Start at {@link org.dovetail.schema.Schema}.
 */
package org.dovetail.schema;
