package org.dovetail.ops.backup;

/**
 * Points inside a run where the tests synchronise (a latch, a line for the parent of a child
 * process): nothing happens there unless a test installs hooks.
 */
interface Hooks {
    Hooks NONE = new Hooks() { };

    /** A worker began reading a unit of {@code schema.table}, inside the snapshot. */
    default void unitStarted(String schema, String table) {
    }

    /** The snapshot is closed and the first object is about to be copied. */
    default void objectsStarted() {
    }

    /** A restore began loading rows of {@code schema.table}. */
    default void restoreUnitStarted(String schema, String table) {
    }
}
