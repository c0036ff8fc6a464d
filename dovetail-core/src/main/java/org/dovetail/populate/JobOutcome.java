package org.dovetail.populate;

/** How the attempt at one key ended. */
public enum JobOutcome {
    /** Make ran and its transaction was committed. */
    MADE,
    /** The target already held the key (found inside the make's snapshot); its reservation was released. */
    ALREADY_DONE,
    /** Another worker holds the key, or a row marks it as failed or ignored: nothing was done. */
    TAKEN,
    /** Make failed; its transaction was rolled back (and, with reserved jobs, an error row written). */
    FAILED,
    /** A stop aborted the make; rolled back, and with reserved jobs an error row with the stop's message. */
    INTERRUPTED
}
