package org.dovetail.populate;

import java.util.Map;

/**
 * Told about every key a populate attempts, e.g. to log one line per job or to keep statistics.
 * With several workers the methods are called from the workers' threads, concurrently: an
 * implementation must be thread-safe. Exceptions it throws are logged and ignored.
 */
public interface JobListener {
    /**
     * The job of {@code key} was reserved in {@code ~jobs} and its make is about to run (only with
     * reserved jobs). A key found done after its reservation is only reported {@link #skipped}.
     */
    default void reserved(Map<String, Object> key) {
    }

    /** Make succeeded and was committed. */
    default void made(JobResult result) {
    }

    /** Make failed or was interrupted; the result carries the message. */
    default void failed(JobResult result) {
    }

    /** Nothing was made: the key was done already or taken by another worker. */
    default void skipped(JobResult result) {
    }
}
