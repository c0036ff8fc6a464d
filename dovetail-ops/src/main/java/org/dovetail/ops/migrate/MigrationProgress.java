package org.dovetail.ops.migrate;

/**
 * Where a migration reports its long phases (hashing a column's objects, rewriting its
 * references): the command line draws a progress bar on a terminal; the default reports nowhere.
 */
public interface MigrationProgress {
    /** Reports nothing. */
    MigrationProgress NONE = new MigrationProgress() {
        @Override
        public void start(String phase, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void end() {
        }
    };

    /** A phase begins, e.g. {@code "objects of `a`.`blob`"}, with its number of units. */
    void start(String phase, long total);

    /** Units done so far in the current phase. */
    void advance(long done);

    /** The current phase is over. */
    void end();
}
