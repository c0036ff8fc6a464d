package org.dovetail.populate;

import java.util.Locale;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;

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
        RELEASED;

        /** The value stored in the table. */
        public String sqlValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS %s (
              `table_name` varchar(255) NOT NULL COMMENT 'bare name of the target table, as in ~jobs',
              `key_hash` char(32) NOT NULL COMMENT 'key_hash of the key_source key, as in ~jobs',
              `status` enum('running','success','error','aborted','skipped','released') NOT NULL COMMENT 'of the last attempt',
              `priority` smallint NOT NULL DEFAULT 5 COMMENT 'lower is sooner',
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

    private JobSidecar() {
    }

    /** The table in {@code schema}. */
    public static TableName table(String schema) {
        return TableName.of(schema, TABLE);
    }

    /** Creates the table in {@code schema} unless it exists. DDL: not inside a transaction. */
    public static void declare(Connection conn, String schema) {
        conn.execute(DDL.formatted(table(schema).quoted()));
    }

    /** True if {@code schema} has the table. */
    public static boolean exists(Connection conn, String schema) {
        return conn.queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                Long.class, schema, TABLE).orElse(0L) > 0;
    }
}
