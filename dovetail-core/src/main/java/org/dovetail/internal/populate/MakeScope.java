package org.dovetail.internal.populate;

import org.dovetail.connection.Connection;

/**
 * Which auto-populated table the current thread is making, and on which connection: inside a
 * make, inserts into that table through that connection are allowed (DataJoint's
 * {@code _allow_insert}, set for the duration of one make call). Per thread, so parallel workers
 * each allow only their own target.
 */
public final class MakeScope implements AutoCloseable {
    private static final ThreadLocal<MakeScope> CURRENT = new ThreadLocal<>();

    private final Connection connection;
    private final String fullName;
    private final MakeScope outer;

    private MakeScope(Connection connection, String fullName, MakeScope outer) {
        this.connection = connection;
        this.fullName = fullName;
        this.outer = outer;
    }

    /** Allows inserts into {@code fullName} through {@code connection} on this thread until closed. */
    public static MakeScope enter(Connection connection, String fullName) {
        MakeScope scope = new MakeScope(connection, fullName, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** True inside a make of {@code fullName} on this thread, through the make's own connection. */
    public static boolean allowsInsert(Connection connection, String fullName) {
        for (MakeScope s = CURRENT.get(); s != null; s = s.outer) {
            if (s.connection == connection && s.fullName.equals(fullName)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
