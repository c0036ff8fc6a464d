package org.dovetail.schema;

/**
 * A table of a plan and how many of its rows the plan touches.
 *
 * @param table the full name {@code `db`.`tbl`}
 * @param rows  the rows to delete (or, in a drop plan, the rows the table holds)
 */
public record TableRows(String table, long rows) {
}
