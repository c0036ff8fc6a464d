package org.dovetail.populate;

/** Thrown inside a job when a stop aborts it; never leaves the populate. */
final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StopReason reason;

    Stopped(StopReason reason) {
        super(reason.message(), null, false, true);
        this.reason = reason;
    }

    StopReason reason() {
        return reason;
    }
}
