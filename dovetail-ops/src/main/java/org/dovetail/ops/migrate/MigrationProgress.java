package org.dovetail.ops.migrate;

import org.dovetail.ops.OperationProgress;

/**
 * Where a migration reports its long phases (hashing a column's objects, rewriting its
 * references): an {@link OperationProgress}; the command line draws a progress bar on a
 * terminal; the default reports nowhere.
 */
public interface MigrationProgress extends OperationProgress {
    /** Reports nothing. */
    MigrationProgress NONE = new MigrationProgress() { };
}
