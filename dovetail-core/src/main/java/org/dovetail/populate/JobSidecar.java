package org.dovetail.populate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.hash.KeyHash;
import org.dovetail.schema.Table;

/**
 * Dovetail's own record of the jobs of one schema, beside DataJoint's {@code ~jobs}: the table
 * {@value #TABLE}, one row per job ({@code table_name}, {@code key_hash}, the identity
 * {@code ~jobs} uses), with the worker that ran its last attempt, that attempt's heartbeat,
 * start, end and duration, how many attempts and failures the job has had, and a priority.
 *
 * <p>{@code ~jobs} keeps exactly DataJoint-Python's shape (it is never altered), so everything
 * only Java workers know lives here. A DataJoint client ignores the table: its name starts with
 * {@code ~} (hidden), and not with {@code ~~}, which DataJoint 2.x uses for its job queues. All
 * times are the server's ({@code NOW(3)}), so clocks of worker hosts never matter.
 *
 * <p>A {@code running} row whose {@code heartbeat} is old belongs to a worker that died (killed,
 * out of memory, node lost): the reservation in {@code ~jobs} with the same key hash,
 * {@code host} and {@code pid} is what {@code dovetail jobs release-stale} frees.
 * Workers write the rows through a {@link Heartbeat}; readers query the table with plain SQL.
 *
 * <pre>{@code
 * JobSidecar.declare(conn, "lab");
 * conn.query("SELECT table_name, status, attempts FROM " + JobSidecar.table("lab"), r -> r.getString(1));
 * }</pre>
 */
public final class JobSidecar {
    /** The table's name in each schema. */
    public static final String TABLE = "~dovetail_jobs";

    /** The statuses of a row: the last attempt's. */
    public enum Status {
        /** A worker is making the key; its heartbeat says whether it is alive. */
        RUNNING,
        /** The make committed. */
        SUCCESS,
        /** The make failed; {@code ~jobs} holds the error row. */
        ERROR,
        /** The worker was stopped during the make (SIGTERM, interrupt) and recorded the abort in {@code ~jobs}. */
        ABORTED,
        /** The key was found done when the worker came to it: nothing was made. */
        SKIPPED,
        /** An administrator released the reservation of a dead worker. */
        RELEASED,
        /** The job was given a priority ({@link #prioritize}) and has had no attempt yet. */
        QUEUED;

        /** The value stored in the table. */
        public String sqlValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS %s (
              `table_name` varchar(255) NOT NULL COMMENT 'bare name of the target table, as in ~jobs',
              `key_hash` char(32) NOT NULL COMMENT 'key_hash of the key_source key, as in ~jobs',
              `status` %s,
              `priority` smallint NOT NULL DEFAULT 5 COMMENT 'lower is sooner (dovetail jobs prioritize)',
              `attempts` int unsigned NOT NULL DEFAULT 0 COMMENT 'attempts started',
              `failures` int unsigned NOT NULL DEFAULT 0 COMMENT 'attempts that ended in an error or an abort',
              `worker` varchar(255) NOT NULL DEFAULT '' COMMENT 'the worker of the last attempt',
              `host` varchar(255) NOT NULL DEFAULT '' COMMENT 'its host',
              `pid` int unsigned NOT NULL DEFAULT 0 COMMENT 'its process id',
              `connection_id` bigint unsigned NOT NULL DEFAULT 0 COMMENT 'the reserving connection, as in ~jobs (0 if unknown)',
              `started` datetime(3) DEFAULT NULL COMMENT 'start of the last attempt (server time)',
              `heartbeat` datetime(3) DEFAULT NULL COMMENT 'last sign of life of the last attempt',
              `finished` datetime(3) DEFAULT NULL COMMENT 'end of the last attempt',
              `duration` double DEFAULT NULL COMMENT 'seconds the last attempt took',
              PRIMARY KEY (`table_name`, `key_hash`),
              KEY `status_heartbeat` (`status`, `heartbeat`)
            ) ENGINE=InnoDB COMMENT='dovetail: attempts, heartbeats and timings of the jobs in ~jobs'""";

    /** The status column; {@code queued} came last, so a table created before it is altered to add it. */
    private static final String STATUS_COLUMN = "enum('running','success','error','aborted','skipped','released','queued') NOT NULL"
            + " COMMENT 'of the last attempt; queued: given a priority, not attempted yet'";
    /** Keys per statement when priorities are written. */
    private static final int PRIORITY_BATCH = 1000;

    /** The priority of a job nobody gave one; lower is sooner. */
    public static final int DEFAULT_PRIORITY = 5;

    private JobSidecar() {
    }

    /** The table in {@code schema}. */
    public static TableName table(String schema) {
        return TableName.of(schema, TABLE);
    }

    /** Creates the table in {@code schema} unless it exists. DDL: not inside a transaction. */
    public static void declare(Connection conn, String schema) {
        conn.execute(DDL.formatted(table(schema).quoted(), STATUS_COLUMN));
    }

    /**
     * Gives a table created before the {@code queued} status that status (ALTER, which only
     * {@link #prioritize} needs: workers never write it, so they run on an older table as it is).
     */
    private static void addQueuedStatus(Connection conn, String schema) {
        String type = conn.queryValue("SELECT COLUMN_TYPE FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " AND column_name = 'status'", String.class, schema, TABLE).orElse("");
        if (!type.contains("'queued'")) {
            conn.execute("ALTER TABLE " + table(schema).quoted() + " MODIFY `status` " + STATUS_COLUMN);
        }
    }

    /**
     * Gives the jobs of {@code keys} (keys of {@code target}'s key source, in its heading order,
     * as {@code ~jobs} hashes them) the priority {@code priority}: lower is sooner, the default
     * {@value #DEFAULT_PRIORITY}. A key without a row gets one, {@code queued}; a key's priority
     * stays through its attempts. {@code dovetail worker} takes the keys it lists in this order.
     * Creates the table if needed, or gives one of an earlier version the {@code queued} status
     * (DDL: not inside a transaction; ALTER on the table).
     *
     * @return how many keys were given the priority
     */
    public static int prioritize(Connection conn, Table target, List<Map<String, Object>> keys, int priority) {
        if (priority < Short.MIN_VALUE || priority > Short.MAX_VALUE) {
            throw new IllegalArgumentException("A priority is between " + Short.MIN_VALUE + " and " + Short.MAX_VALUE + ": " + priority);
        }
        declare(conn, target.database());
        addQueuedStatus(conn, target.database());
        for (int from = 0; from < keys.size(); from += PRIORITY_BATCH) {
            List<Map<String, Object>> batch = keys.subList(from, Math.min(keys.size(), from + PRIORITY_BATCH));
            List<Object> params = new ArrayList<>();
            for (Map<String, Object> key : batch) {
                params.addAll(List.of(target.tableName(), KeyHash.keyHash(key), priority));
            }
            conn.execute("INSERT INTO " + table(target.database()).quoted() + " (table_name, key_hash, status, priority) VALUES "
                    + String.join(", ", Collections.nCopies(batch.size(), "(?, ?, 'queued', ?)"))
                    + " ON DUPLICATE KEY UPDATE priority = VALUES(priority)", params.toArray());
        }
        return keys.size();
    }

    /**
     * {@code keys} (of {@code target}'s key source) with the jobs given a lower priority first,
     * otherwise in their order: one query, and the list itself when no job of the target has a
     * priority other than the default (or the schema has no table).
     */
    public static List<Map<String, Object>> byPriority(Table target, List<Map<String, Object>> keys) {
        Connection conn = target.connection();
        if (keys.size() < 2 || !exists(conn, target.database())) {
            return keys;
        }
        Map<String, Integer> priorities = new HashMap<>();
        conn.query("SELECT key_hash, priority FROM " + table(target.database()).quoted() + " WHERE table_name = ? AND priority <> ?",
                r -> priorities.put(r.getString(1), r.getInt(2)), target.tableName(), DEFAULT_PRIORITY);
        if (priorities.isEmpty()) {
            return keys;
        }
        List<Map<String, Object>> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingInt(k -> priorities.getOrDefault(KeyHash.keyHash(k), DEFAULT_PRIORITY)));
        return sorted;
    }

    /** True if {@code schema} has the table. */
    public static boolean exists(Connection conn, String schema) {
        return conn.queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                Long.class, schema, TABLE).orElse(0L) > 0;
    }
}
