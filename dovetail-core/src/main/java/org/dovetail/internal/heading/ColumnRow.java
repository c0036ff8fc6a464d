package org.dovetail.internal.heading;

/** One row of {@code SHOW FULL COLUMNS}, the columns DataJoint uses. */
record ColumnRow(String field, String type, String nullable, String key, String defaultValue, String extra, String comment) {
}
