package org.dovetail.ops;

/**
 * Where an operation reports its long phases (reading objects, copying tables, rewriting
 * references): the command line draws a progress bar on a terminal and nothing elsewhere (cron,
 * pipes, tests); {@link #NONE} reports nowhere. Every method does nothing unless overridden.
 *
 * <pre>{@code
 * progress.start("objects of `lab`.`scan`", objects.size());
 * for (int i = 0; i < objects.size(); i++) {
 *     copy(objects.get(i));
 *     progress.advance(i + 1);
 * }
 * progress.end();
 * }</pre>
 */
public interface OperationProgress {
    /** Reports nothing. */
    OperationProgress NONE = new OperationProgress() { };

    /** A phase begins, e.g. {@code "objects of `a`.`blob`"}, with its number of units. */
    default void start(String phase, long total) {
    }

    /** Units done so far in the current phase. */
    default void advance(long done) {
    }

    /** The current phase is over. */
    default void end() {
    }
}
