package org.dovetail.ops.access;

/**
 * How {@code add-user} and {@code reset-password} choose an account's password.
 *
 * <pre>{@code
 * access.addUser("bob", Role.GUEST, InitialPassword.RANDOM_EXPIRED);   // the command's default
 * }</pre>
 */
public enum InitialPassword {
    /** A random password, shown once, that the user must change at first login (the default). */
    RANDOM_EXPIRED,
    /** A random password, shown once, that stays valid (for users of DataJoint-Python's own set_password). */
    RANDOM,
    /** Spyglass's convention: the well-known password {@code temppass}, not expired. Only on request. */
    SPYGLASS_TEMPPASS;

    /** The password Spyglass gives every new account. */
    public static final String TEMPPASS = "temppass";

    boolean expires() {
        return this == RANDOM_EXPIRED;
    }
}
