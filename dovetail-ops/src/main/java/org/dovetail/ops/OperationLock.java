package org.dovetail.ops;

import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.LostConnectionException;
import org.dovetail.connection.Connection;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side lock that keeps two runs of one operation on one scope apart: a named
 * {@code GET_LOCK} held by a session, so it covers every client of the server, and the server
 * releases it when the session ends, also when the process holding it is killed. Acquiring never
 * waits: a second run fails at once with {@link ErrorCode#LOCKED} (exit code 3), naming the
 * connection that holds the lock.
 *
 * <pre>{@code
 * try (OperationLock lock = OperationLock.acquire(dj.connection(), "migrate", "lab")) {
 *     ...                                   // no other migrate run on lab until close
 * }
 * }</pre>
 *
 * <p>The lock belongs to the session of the connection it was acquired on. While it is held the
 * connection does not reconnect silently ({@link Connection#holdSession()}): a statement after
 * the server dropped the session fails with a lost connection, and {@link #held()} turns false.
 * The same session may acquire the same lock again
 * (the server counts); each acquisition is released by its own {@link #close()}.
 */
public final class OperationLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperationLock.class);
    /** The longest lock name the server accepts (MySQL; MariaDB accepts more). */
    private static final int MAX_NAME = 64;
    /** An operation's name is short, so that a hashed scope always fits: {@code dovetail.} + name + {@code .} + 32 hex digits. */
    private static final int MAX_OPERATION = MAX_NAME - "dovetail.".length() - 1 - 32;

    private final Connection conn;
    private final String name;
    private boolean released;

    private OperationLock(Connection conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    /**
     * Takes the lock of {@code operation} on {@code scope}, without waiting.
     *
     * @throws DovetailException with {@link ErrorCode#LOCKED} when another session holds it
     */
    public static OperationLock acquire(Connection conn, String operation, String scope) {
        String name = name(operation, scope);
        Long got = conn.queryValue("SELECT GET_LOCK(?, 0)", Long.class, name).orElse(null);
        if (got == null || got != 1L) {
            Long holder = conn.queryValue("SELECT IS_USED_LOCK(?)", Long.class, name).orElse(null);
            throw new DovetailException(ErrorCode.LOCKED, "Another " + operation + " run on " + scope + " holds the lock " + name
                    + " (connection id " + holder + "); nothing was done: wait for it to finish, or stop it");
        }
        conn.holdSession(); // a lost session has lost the lock: no silent reconnect while it is held
        return new OperationLock(conn, name);
    }

    /**
     * The lock's name: {@code dovetail.<operation>.<scope>}, or, when that is longer than the
     * server allows, {@code dovetail.<operation>.} followed by the hex MD5 of the scope.
     */
    public static String name(String operation, String scope) {
        if (operation.isEmpty() || operation.length() > MAX_OPERATION || operation.contains(".")) {
            throw new IllegalArgumentException("An operation's name has 1 to " + MAX_OPERATION + " characters and no dot: " + operation);
        }
        String name = "dovetail." + operation + "." + scope;
        return name.length() <= MAX_NAME ? name
                : "dovetail." + operation + "." + UuidBytes.toHex(ContentHash.uuidFromBuffer(new byte[0], scope));
    }

    /** The name the lock is held under on the server. */
    public String name() {
        return name;
    }

    /** True while this connection's current session holds the lock (false after a reconnect or {@link #close()}). */
    public boolean held() {
        if (released) {
            return false;
        }
        try {
            return conn.queryValue("SELECT IS_USED_LOCK(?) = CONNECTION_ID()", Long.class, name).orElse(0L) == 1L;
        } catch (LostConnectionException e) {
            return false; // the session, and with it the lock, is gone
        }
    }

    /** Releases the lock (once; later calls do nothing). A session that is gone has released it already. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        conn.releaseSession();
        try {
            conn.queryValue("SELECT RELEASE_LOCK(?)", Long.class, name);
        } catch (DovetailException e) {
            LOG.debug("releasing {}: {}", name, e.getMessage());
        }
    }
}
