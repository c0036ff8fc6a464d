package org.dovetail.schema;

/**
 * Options of {@link Table#delete}, named after DataJoint's keyword arguments.
 *
 * <pre>{@code
 * website.restrict(key).delete(plan -> true, DeleteOption.FORCE_MASTERS);
 * }</pre>
 */
public enum DeleteOption {
    /** Allow deleting rows of part tables without their masters' rows (and deleting from a part directly). */
    FORCE_PARTS,
    /** When part rows are reached, delete their masters' rows too (with all their parts). */
    FORCE_MASTERS
}
