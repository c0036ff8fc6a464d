package org.dovetail.schema;

/**
 * Options of {@link Table#insert}, named after DataJoint's keyword arguments.
 *
 * <pre>{@code
 * subject.insert(rows, InsertOption.SKIP_DUPLICATES, InsertOption.IGNORE_EXTRA_FIELDS);
 * }</pre>
 */
public enum InsertOption {
    /** Rows whose primary key or unique index matches an existing row are skipped; the existing row stays. */
    SKIP_DUPLICATES,
    /** Rows whose primary key or unique index matches an existing row replace it ({@code REPLACE INTO}). */
    REPLACE,
    /** Fields that are not attributes of the table are dropped instead of being an error. */
    IGNORE_EXTRA_FIELDS,
    /** Allow inserting into an Imported or Computed table outside its populate. */
    ALLOW_DIRECT_INSERT
}
