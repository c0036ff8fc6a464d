package org.dovetail.populate;

/**
 * DataJoint's {@code progress()}: how many keys of the (restricted) key source the target does
 * not hold yet, of how many. Reservations and errors in {@code ~jobs} count as remaining, as in
 * DataJoint.
 *
 * @param remaining keys not yet in the target
 * @param total keys in the key source
 */
public record Progress(long remaining, long total) {
    /** Keys already in the target. */
    public long done() {
        return total - remaining;
    }
}
