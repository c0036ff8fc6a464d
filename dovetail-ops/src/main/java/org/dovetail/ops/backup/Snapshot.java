package org.dovetail.ops.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.config.Config;
import org.dovetail.connection.ServerVersion;

/**
 * One consistent snapshot read by N worker sessions. With one worker: one
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} (no {@code RELOAD} needed). With more:
 * commits are blocked briefly ({@code BACKUP STAGE BLOCK_COMMIT} on MariaDB,
 * {@code FLUSH TABLES WITH READ LOCK} on MySQL) while every worker opens its snapshot, so all of
 * them read the same point in time; the lock attempt times out ({@code lock_wait_timeout}) and is
 * retried rather than stalling the server. An account without {@code RELOAD} falls back to one
 * worker, with a note.
 */
final class Snapshot implements AutoCloseable {
    static final String BACKUP_STAGE = "backup_stage";
    static final String FTWRL = "ftwrl";
    static final String SINGLE = "single_transaction";
    /** Seconds one attempt at the commit lock may wait. */
    static final int LOCK_WAIT_SECONDS = 10;
    static final int ATTEMPTS = 3;

    final List<Connection> workers;
    final String method;
    final long commitBlockMs;
    final int attempts;
    final Manifest.Binlog binlog;
    final List<String> notes;

    private Snapshot(List<Connection> workers, String method, long commitBlockMs, int attempts, Manifest.Binlog binlog, List<String> notes) {
        this.workers = workers;
        this.method = method;
        this.commitBlockMs = commitBlockMs;
        this.attempts = attempts;
        this.binlog = binlog;
        this.notes = notes;
    }

    /** A plain session for backup work: UTC, utf8mb4, repeatable read, no statement time limit. */
    static Connection session(Config config) throws SQLException {
        Connection c = org.dovetail.connection.Connection.openSession(config);
        try (Statement s = c.createStatement()) {
            s.execute("SET NAMES utf8mb4");
            s.execute("SET SESSION time_zone = '+00:00'");
            s.execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("SET SESSION net_write_timeout = 3600");
            s.execute("SET SESSION net_read_timeout = 3600");
        }
        return c;
    }

    /** Opens {@code threads} worker sessions on one snapshot. */
    static Snapshot open(Config config, ServerVersion server, int threads) throws SQLException {
        List<String> notes = new ArrayList<>();
        if (threads > 1) {
            try {
                return parallel(config, server, threads, notes);
            } catch (SQLException e) {
                if (e.getErrorCode() != 1227 && e.getErrorCode() != 1044 && e.getErrorCode() != 1045) {
                    throw e;
                }
                notes.add("the account may not block commits (it lacks RELOAD): one snapshot transaction instead of " + threads
                        + " (--threads 1)");
            }
        }
        Connection c = session(config);
        try {
            start(c);
            return new Snapshot(List.of(c), SINGLE, 0, 1, binlog(c, server, null), notes);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private static Snapshot parallel(Config config, ServerVersion server, int threads, List<String> notes) throws SQLException {
        List<Connection> workers = new ArrayList<>();
        try (Connection coordinator = session(config)) {
            try (Statement s = coordinator.createStatement()) {
                s.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
            }
            for (int i = 0; i < threads; i++) {
                workers.add(session(config));
            }
            String method = server.isMariaDb() ? BACKUP_STAGE : FTWRL;
            for (int attempt = 1; ; attempt++) {
                long blocked;
                Manifest.Binlog position;
                try {
                    lock(coordinator, server);
                } catch (SQLException e) {
                    unlock(coordinator, server);
                    if (e.getErrorCode() == 1205 && attempt < ATTEMPTS) {
                        notes.add("attempt " + attempt + " to block commits timed out after " + LOCK_WAIT_SECONDS + " s; retried");
                        continue;
                    }
                    throw e;
                }
                long start = System.nanoTime();
                try {
                    for (Connection w : workers) {
                        start(w);
                    }
                    position = binlog(workers.get(0), server, coordinator);
                } finally {
                    unlock(coordinator, server);
                    blocked = (System.nanoTime() - start) / 1_000_000;
                }
                return new Snapshot(workers, method, blocked, attempt, position, notes);
            }
        } catch (SQLException | RuntimeException e) {
            for (Connection w : workers) {
                try {
                    w.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static void lock(Connection c, ServerVersion server) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (server.isMariaDb()) {
                s.execute("BACKUP STAGE START");
                s.execute("BACKUP STAGE BLOCK_COMMIT");
            } else {
                s.execute("FLUSH TABLES WITH READ LOCK");
            }
        }
    }

    private static void unlock(Connection c, ServerVersion server) {
        try (Statement s = c.createStatement()) {
            s.execute(server.isMariaDb() ? "BACKUP STAGE END" : "UNLOCK TABLES");
        } catch (SQLException ignored) {
            // nothing was held
        }
    }

    private static void start(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    /**
     * The binlog position of the snapshot: on MariaDB the snapshot's own
     * ({@code binlog_snapshot_file/position}); on MySQL {@code SHOW MASTER STATUS} under the lock.
     * Null when binary logging is off or the account may not read it.
     */
    private static Manifest.Binlog binlog(Connection worker, ServerVersion server, Connection coordinator) {
        try {
            if (server.isMariaDb()) {
                String file = null;
                Long pos = null;
                try (Statement s = worker.createStatement(); ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                    while (rs.next()) {
                        if (rs.getString(1).equalsIgnoreCase("binlog_snapshot_file")) {
                            file = rs.getString(2);
                        } else if (rs.getString(1).equalsIgnoreCase("binlog_snapshot_position")) {
                            pos = Long.parseLong(rs.getString(2));
                        }
                    }
                }
                String gtid = null;
                try (Statement s = worker.createStatement(); ResultSet rs = s.executeQuery("SELECT @@gtid_binlog_pos, @@log_bin")) {
                    if (rs.next()) {
                        gtid = rs.getString(1);
                        if (rs.getInt(2) == 0) {
                            return null;
                        }
                    }
                }
                return file == null || file.isEmpty() ? null : new Manifest.Binlog(file, pos, gtid == null || gtid.isEmpty() ? null : gtid);
            }
            Connection c = coordinator != null ? coordinator : worker;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                if (!rs.next()) {
                    return null;
                }
                String gtid = rs.getMetaData().getColumnCount() >= 5 ? rs.getString(5) : null;
                return new Manifest.Binlog(rs.getString(1), rs.getLong(2), gtid == null || gtid.isEmpty() ? null : gtid);
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** Ends every worker's transaction and closes the sessions. */
    @Override
    public void close() {
        for (Connection w : workers) {
            try (Statement s = w.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // the session is gone; so is its snapshot
            }
            try {
                w.close();
            } catch (SQLException ignored) {
                // already closed
            }
        }
    }
}
