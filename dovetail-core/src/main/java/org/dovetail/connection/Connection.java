package org.dovetail.connection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.dovetail.ConnectionException;
import org.dovetail.DovetailException;
import org.dovetail.LostConnectionException;
import org.dovetail.PasswordExpiredException;
import org.dovetail.TransactionException;
import org.dovetail.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DataJoint connection: one JDBC session with DataJoint's session settings, DataJoint's
 * transactions, and reconnection when the server drops the session outside a transaction. A
 * {@link org.dovetail.Dovetail} holds one ({@code dj.connection()}) for plain SQL next to the
 * DataJoint operations; {@link #open} gives a bare session without stores or adapters, for tools
 * that need only SQL (the access commands).
 *
 * <pre>{@code
 * Connection conn = dj.connection();
 * long n = conn.query("SELECT COUNT(*) FROM `lab`.`subject`", r -> r.getLong(1)).get(0);
 * conn.transaction(() -> conn.execute("INSERT INTO `lab`.`subject` (subject_id) VALUES (?)", 7));
 * }</pre>
 *
 * <p>Not thread-safe: one connection per thread or worker, as in DataJoint.
 */
public final class Connection implements AutoCloseable {
    /** The {@code sql_mode} DataJoint sets on every session. */
    public static final String SQL_MODE =
            "NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY";
    static final String NESTED = "Nested connections are not supported. A transaction is already open on this connection.";
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final Connector connector;
    private final Config config;
    private java.sql.Connection jdbc;
    private ServerVersion serverVersion;
    private long connectionId;
    private boolean inTransaction;
    /** How many {@link #holdSession()} calls are open. */
    private int holds;
    /** The statement groups prepared on the server in this session, text to name, least recently used first. */
    private final Map<String, String> groups = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            if (size() <= 32) {
                return false;
            }
            evicted.add(eldest.getValue()); // deallocated before the next one is prepared
            return true;
        }
    };
    private final ArrayDeque<String> evicted = new ArrayDeque<>();
    private final Set<String> unpreparable = new HashSet<>();
    /** Group texts sent once in this session, not prepared yet: a text is prepared when it comes again (the last 64). */
    private final Set<String> seenOnce = Collections.newSetFromMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 64;
        }
    });
    private long groupNumber;
    /** The statements {@link #kept} holds, the least recently used dropped (and closed) past 16. */
    private final Map<String, PreparedStatement> kept = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= 16) {
                return false;
            }
            try {
                eldest.getValue().close();
            } catch (SQLException e) {
                LOG.debug("closing a kept statement failed: {}", e.getMessage());
            }
            return true;
        }
    };
    private boolean closed;
    /** The statements {@link #executeLater} holds back; sent before any other statement, or by a group that takes them. */
    private final DeferredWrites deferred = new DeferredWrites();

    private Connection(Connector connector, Config config) {
        this.connector = connector;
        this.config = config;
        connect();
    }

    /** Connects as the configuration says (host, port, user, password, TLS, init function). */
    public static Connection open(Config config) {
        return new Connection(Connector.of(config), config);
    }

    /**
     * Connects through an embedder's DataSource (e.g. a pool). TLS and credentials are the
     * DataSource's business; the configuration still supplies reconnect and the init function.
     */
    public static Connection open(DataSource dataSource, Config config) {
        return new Connection(Connector.of(dataSource), config);
    }

    /**
     * Opens a plain JDBC session as the configuration says (TLS rules included) but without
     * DataJoint's session setup, for the few statements that must run before it can be set up,
     * such as changing an expired password. The caller closes it.
     */
    public static java.sql.Connection openSession(Config config) {
        Connector connector = Connector.of(config);
        try {
            return connector.open();
        } catch (SQLException e) {
            throw new ConnectionException("Cannot connect to " + connector.describe() + ": " + SqlErrors.serverMessage(e), e);
        }
    }

    public Config config() {
        return config;
    }

    public ServerVersion serverVersion() {
        return serverVersion;
    }

    /** {@code connection_id()} of the current session (refreshed after a reconnect). */
    public long connectionId() {
        return connectionId;
    }

    /** True while a transaction is open; false once the connection is lost or closed. */
    public boolean inTransaction() {
        return inTransaction && !closed;
    }

    /**
     * Runs a statement that returns no rows (DML or DDL); returns the update count.
     * Values are bound as parameters, never spliced into the SQL.
     */
    public int execute(String sql, Object... params) {
        return run(sql, jdbc -> {
            try (PreparedStatement ps = prepare(jdbc, sql, params)) {
                return ps.executeUpdate();
            }
        });
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return run(sql, jdbc -> {
            try (PreparedStatement ps = prepare(jdbc, sql, params); ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        });
    }

    /** The first column of the first row, or empty when there is no row. */
    public <T> Optional<T> queryValue(String sql, Class<T> type, Object... params) {
        List<T> rows = query(sql, r -> r.getObject(1, type), params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /**
     * Runs work that needs the raw JDBC session (batches, streaming, metadata). The session is
     * valid only inside the callback; a lost connection is handled as for {@link #execute}.
     */
    public <T> T withJdbc(JdbcWork<T> work) {
        return run("(jdbc callback)", work);
    }

    /** As {@link #withJdbc(JdbcWork)}, naming the statement the work runs in error messages. */
    public <T> T withJdbc(String sql, JdbcWork<T> work) {
        return run(sql, work);
    }

    /**
     * A new group of statements to run in order in one round trip where the server allows it
     * (see {@link StatementGroup}).
     */
    public StatementGroup group() {
        return new StatementGroup(this);
    }

    /** As {@link #withJdbc(String, JdbcWork)}, but never sent again on a new session when the connection is lost. */
    <T> T withJdbcOnce(String sql, JdbcWork<T> work) {
        return run(sql, work, false);
    }

    /**
     * A prepared statement for {@code sql} on the current session, kept for the next call with the
     * same text (statement groups repeat the same long text with new values); closed with the
     * session. The caller must not close it.
     */
    PreparedStatement kept(java.sql.Connection session, String sql) throws SQLException {
        PreparedStatement ps = kept.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = session.prepareStatement(sql);
            kept.put(sql, ps);
        }
        return ps;
    }

    /**
     * Marks the session as holding state a new session would not have, such as a named lock
     * ({@code GET_LOCK}): until as many {@link #releaseSession()} calls, a lost connection is
     * reported with a {@link LostConnectionException} instead of being replaced silently by a
     * new session (which the next statements then use), so that nothing carries on as if the
     * state were still there. Calls nest.
     */
    public void holdSession() {
        holds++;
    }

    /** Ends one {@link #holdSession()}. */
    public void releaseSession() {
        if (holds > 0) {
            holds--;
        }
    }

    /**
     * The name of a server-side prepared statement ({@code PREPARE name FROM text}) for
     * {@code text}, prepared on its second use in the current session so the server parses a
     * repeated statement group once; null the first time, and when the server would not prepare
     * it (the text is then sent as it is), so a text that never comes again (a make's insert of a
     * different number of rows) costs no {@code PREPARE}. At most 32 are kept; the least recently
     * used is deallocated.
     */
    String preparedGroup(java.sql.Connection session, String text) throws SQLException {
        String name = groups.get(text);
        if (name != null) {
            return name;
        }
        if (unpreparable.contains(text) || seenOnce.add(text)) {
            return null;
        }
        seenOnce.remove(text);
        try (Statement s = session.createStatement()) {
            for (String old = evicted.poll(); old != null; old = evicted.poll()) {
                s.execute("DEALLOCATE PREPARE " + old);
            }
        }
        name = "dovetail_group_" + (++groupNumber);
        try (PreparedStatement ps = session.prepareStatement("PREPARE " + name + " FROM ?")) {
            ps.setString(1, text);
            ps.execute();
        } catch (SQLException e) {
            if (SqlErrors.isConnectionLost(e)) {
                throw e;
            }
            LOG.debug("the server does not prepare a statement group ({}); sending its text", SqlErrors.serverMessage(e));
            unpreparable.add(text);
            return null;
        }
        groups.put(text, name);
        return name;
    }

    /**
     * Turns holding writes back on or off: while on, inside a transaction, {@link #executeLater}
     * keeps its statement and sends it with the connection's next statement (any query, execute,
     * commit or group) instead of in a round trip of its own. Populate turns it on for each make, so
     * that the make's inserts go to the server in the request that ends the job. Turning it off
     * keeps what is held; {@link #flush()} sends it.
     */
    public void deferWrites(boolean on) {
        deferred.turn(on);
    }

    /**
     * Holds a statement back (see {@link #deferWrites}) and returns true, or returns false and
     * holds nothing when writes are not deferred or no transaction is open: the caller then runs
     * it. A server error of a held statement surfaces from the statement that sends it, turned by
     * {@code onError} into the error the statement would have raised alone. Past 16 statements, or
     * 20,000 parameters, or 8 MB of values, what is held is sent first.
     */
    public boolean executeLater(String sql, Object[] params, UnaryOperator<DovetailException> onError) {
        if (!deferred.isOn() || !inTransaction()) {
            return false;
        }
        if (deferred.fullFor(params)) {
            flush();
        }
        deferred.add(sql, params, onError);
        return true;
    }

    /** Sends the statements held back by {@link #executeLater} now, in one request where the server allows it. */
    public void flush() {
        if (!deferred.isEmpty()) {
            group().executeDeferred().run();
        }
    }

    /** The statements held back, handed over (to a group that sends them) and no longer held. */
    List<DeferredWrites.Statement> takeDeferred() {
        return deferred.take();
    }

    /** Records a transaction started or ended by statements run outside the methods above. */
    void markTransaction(boolean open) {
        inTransaction = open;
    }

    /** Starts a transaction ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT}); nesting is an error. */
    public void startTransaction() {
        if (inTransaction()) {
            throw new TransactionException(NESTED);
        }
        execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        inTransaction = true;
        LOG.debug("transaction started");
    }

    public void commitTransaction() {
        requireTransaction("commit");
        flush(); // a held-back write that fails leaves the transaction open, as it would have alone
        try {
            execute("COMMIT");
        } finally {
            inTransaction = false;
        }
    }

    public void cancelTransaction() {
        requireTransaction("cancel");
        deferred.drop(); // rolled back with the transaction: never sent
        try {
            execute("ROLLBACK");
        } finally {
            inTransaction = false;
        }
    }

    /**
     * Runs {@code body} in a transaction: commits when it returns, rolls back and rethrows when it
     * throws.
     */
    public <T> T transaction(TransactionBody<T> body) {
        startTransaction();
        T result;
        try {
            result = body.run();
            flush();
        } catch (RuntimeException | Error e) {
            rollbackAfterFailure(e);
            throw e;
        } catch (Exception e) {
            rollbackAfterFailure(e);
            throw new TransactionException("Transaction failed and was rolled back: " + e.getMessage(), e);
        }
        commitTransaction();
        return result;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inTransaction = false;
        deferred.drop();
        kept.clear(); // closed with the session
        try {
            jdbc.close();
        } catch (SQLException e) {
            LOG.debug("closing the connection failed: {}", e.getMessage());
        }
    }

    /** Work on the raw JDBC session. */
    @FunctionalInterface
    public interface JdbcWork<T> {
        T run(java.sql.Connection jdbc) throws SQLException;
    }

    /** The body of a transaction. */
    @FunctionalInterface
    public interface TransactionBody<T> {
        T run() throws Exception;
    }

    private <T> T run(String sql, JdbcWork<T> work) {
        return run(sql, work, true);
    }

    /** Runs {@code work}; after a lost connection outside a transaction, again on a new session only when {@code again}. */
    private <T> T run(String sql, JdbcWork<T> work, boolean again) {
        if (closed) {
            throw new ConnectionException("The connection to " + connector.describe() + " is closed");
        }
        if (!deferred.isEmpty()) {
            flush(); // what was held back goes first, so the server sees the statements in the order they were given
        }
        try {
            return work.run(jdbc);
        } catch (SQLException e) {
            if (!SqlErrors.isConnectionLost(e)) {
                throw SqlErrors.translate(e, sql);
            }
            if (!again) {
                inTransaction = false;
                deferred.drop();
                reconnectQuietly();
                throw new LostConnectionException("Connection was lost while statements ending in a COMMIT ran: whether the"
                        + " COMMIT took effect is unknown. " + SqlErrors.serverMessage(e), e);
            }
            return afterLostConnection(sql, work, e);
        }
    }

    private <T> T afterLostConnection(String sql, JdbcWork<T> work, SQLException lost) {
        if (holds > 0 && !inTransaction) {
            reconnectQuietly();
            throw new LostConnectionException("Connection was lost while its session held a lock (or other session state)"
                    + " that a new session does not have: " + SqlErrors.serverMessage(lost), lost);
        }
        if (inTransaction) {
            inTransaction = false;
            deferred.drop();
            reconnectQuietly();
            throw new LostConnectionException("Connection was lost during a transaction; it was rolled back by the server."
                    + " Nothing of the transaction was committed.", lost);
        }
        if (!config.reconnect()) {
            throw new LostConnectionException("Server connection lost (database.reconnect is false): "
                    + SqlErrors.serverMessage(lost), lost);
        }
        LOG.info("connection to {} lost ({}); reconnecting", connector.describe(), SqlErrors.serverMessage(lost));
        connect();
        try {
            return work.run(jdbc);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, sql);
        }
    }

    private void reconnectQuietly() {
        if (!config.reconnect()) {
            return;
        }
        try {
            connect();
        } catch (DovetailException e) {
            LOG.debug("reconnect after a lost transaction failed: {}", e.getMessage());
        }
    }

    private void connect() {
        java.sql.Connection fresh;
        try {
            fresh = connector.open();
        } catch (SQLException e) {
            throw new ConnectionException("Cannot connect to " + connector.describe() + ": " + SqlErrors.serverMessage(e), e);
        }
        try {
            fresh.setAutoCommit(true);
            try (Statement s = fresh.createStatement()) {
                s.execute("SET SESSION sql_mode = '" + SQL_MODE + "'");
                if (config.initFunction().isPresent()) {
                    s.execute(config.initFunction().get());
                }
                try (ResultSet rs = s.executeQuery("SELECT connection_id(), @@version, @@version_comment")) {
                    rs.next();
                    connectionId = rs.getLong(1);
                    serverVersion = ServerVersion.parse(rs.getString(2), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            closeQuietly(fresh);
            if (e.getErrorCode() == 1820 || e.getErrorCode() == 1862) {
                throw new PasswordExpiredException("The password of " + connector.describe()
                        + " has expired: set a new one first (dovetail access set-password)", e);
            }
            throw new ConnectionException("Connected to " + connector.describe() + " but could not set up the session: "
                    + SqlErrors.serverMessage(e), e);
        }
        java.sql.Connection old = jdbc;
        jdbc = fresh;
        kept.clear(); // the old session's statements close with it
        groups.clear();
        evicted.clear();
        seenOnce.clear();
        closeQuietly(old);
    }

    private void rollbackAfterFailure(Throwable cause) {
        if (!inTransaction) {
            return; // lost with the connection: the server has rolled back already
        }
        try {
            cancelTransaction();
        } catch (DovetailException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private void requireTransaction(String verb) {
        if (!inTransaction()) {
            throw new TransactionException("Cannot " + verb + " a transaction: none is open on this connection");
        }
    }

    private static PreparedStatement prepare(java.sql.Connection jdbc, String sql, Object[] params) throws SQLException {
        PreparedStatement ps = jdbc.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static void closeQuietly(java.sql.Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a replaced connection failed: {}", e.getMessage());
        }
    }
}
