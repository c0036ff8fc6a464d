package org.dovetail.populate;

/**
 * Why a populate was asked to stop, and the message an interrupted job's error row gets: the
 * texts DataJoint-Python writes for the same events, so monitoring that searches for them finds
 * Java's jobs too.
 */
public enum StopReason {
    /** The user interrupted (Ctrl-C, SIGINT): {@code KeyboardInterrupt}. */
    INTERRUPT("KeyboardInterrupt"),
    /** The process was asked to terminate (SIGTERM): {@code SystemExit: SIGTERM received}. */
    TERMINATE("SystemExit: SIGTERM received");

    private final String message;

    StopReason(String message) {
        this.message = message;
    }

    /** The {@code error_message} of a job this stop interrupted. */
    public String message() {
        return message;
    }
}
