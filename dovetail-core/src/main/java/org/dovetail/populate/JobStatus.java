package org.dovetail.populate;

import java.util.Locale;
import org.dovetail.InvalidValueException;

/**
 * The three states a row of {@code ~jobs} can be in; a key with no row is available. These are
 * the only values of the table's {@code status} enum, shared with DataJoint-Python.
 */
public enum JobStatus {
    /** A worker holds the key and is making it. */
    RESERVED,
    /** The last make of the key failed; the row holds the message and the stack. */
    ERROR,
    /** Someone marked the key to be skipped. */
    IGNORE;

    private final String sqlValue = name().toLowerCase(Locale.ROOT);

    /** The value stored in the {@code status} column: {@code reserved}, {@code error}, {@code ignore}. */
    public String sqlValue() {
        return sqlValue;
    }

    /** The status of a stored {@code status} value. */
    public static JobStatus of(String sqlValue) {
        for (JobStatus status : values()) {
            if (status.sqlValue().equals(sqlValue)) {
                return status;
            }
        }
        throw new InvalidValueException("Unknown ~jobs status '" + sqlValue + "'");
    }
}
