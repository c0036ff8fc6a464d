package org.dovetail.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import org.dovetail.AccessException;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.Report;
import org.dovetail.TableName;
import org.dovetail.TransactionException;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where applies are recorded: one row per apply in {@code `dovetail_admin`.`~dovetail_audit`}
 * (the schema is {@code custom["database.audit_schema"]} of the configuration when set) with who
 * ran it (the server account and the operating-system user and host), when it started and
 * finished, the operation, scope and action, the plan and the report as JSON, and the outcome.
 * A row is written before the work starts ({@code RUNNING}) and completed when it ends, so an
 * apply that was killed stays visible as {@code RUNNING}.
 *
 * <pre>{@code
 * AuditLog audit = AuditLog.on(dj.connection());
 * AuditLog.Started record = audit.start(plan.header(), plan.toJson());
 * record.finished(report.outcome(), report.toJson());
 * audit.history(20).forEach(e -> System.out.println(e.started() + " " + e.action() + " " + e.outcome()));
 * }</pre>
 *
 * <p>The schema and the table are created on first use, never inside a transaction (DDL would
 * commit it), and every row is written outside one, so that the record of an apply whose
 * transaction rolled back survives. The table's name starts with {@code ~}, which DataJoint
 * reserves for its own hidden tables: no DataJoint client takes it for a pipeline table.
 * {@link Operation#apply} writes the records; callers rarely use this class directly.
 */
public final class AuditLog {
    /** The table's name. */
    public static final String TABLE = "~dovetail_audit";
    /** The schema of the audit log when the configuration names none. */
    public static final String DEFAULT_SCHEMA = "dovetail_admin";
    /** The key of {@link Config#custom()} that names the audit log's schema. */
    public static final String SCHEMA_KEY = "database.audit_schema";

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACTION_LENGTH = 1000;

    private final Connection conn;
    private final String schema;
    private boolean ready;

    private AuditLog(Connection conn, String schema) {
        this.conn = conn;
        this.schema = TableName.checkIdentifier("audit schema", schema);
    }

    /** The audit log of the schema the connection's configuration names (default {@value #DEFAULT_SCHEMA}). */
    public static AuditLog on(Connection conn) {
        return new AuditLog(conn, schemaOf(conn.config()));
    }

    /** The audit log in {@code schema}. */
    public static AuditLog on(Connection conn, String schema) {
        return new AuditLog(conn, schema);
    }

    /** {@code custom["database.audit_schema"]} of a configuration, else {@value #DEFAULT_SCHEMA}. */
    public static String schemaOf(Config config) {
        JsonNode node = config.custom() == null ? null : config.custom().get(SCHEMA_KEY);
        return node == null || node.isNull() ? DEFAULT_SCHEMA : node.asText();
    }

    /** The schema the log lives in. */
    public String schema() {
        return schema;
    }

    /** The log's table. */
    public TableName table() {
        return TableName.of(schema, TABLE);
    }

    /**
     * Records the start of an apply ({@code RUNNING}), creating the schema and table if needed.
     *
     * @throws TransactionException inside a transaction: the record must not share its fate
     */
    public Started start(OperationPlan.Header header, JsonNode plan) {
        requireNoTransaction();
        create();
        String action = header.action().length() <= ACTION_LENGTH ? header.action() : header.action().substring(0, ACTION_LENGTH);
        conn.execute("INSERT INTO " + table().quoted() + " (operation, scope, action, account, client, connection_id, outcome, plan)"
                + " VALUES (?, ?, ?, CURRENT_USER(), ?, CONNECTION_ID(), 'RUNNING', ?)", header.operation(), header.scope(), action,
                Client.NAME, plan.toString());
        long id = conn.queryValue("SELECT LAST_INSERT_ID()", Long.class).orElseThrow();
        return new Started(id);
    }

    /** The latest {@code limit} records, newest first; empty when nothing has been recorded yet. */
    public List<Entry> history(int limit) {
        if (!exists()) {
            return List.of();
        }
        return conn.query("SELECT id, UNIX_TIMESTAMP(started), UNIX_TIMESTAMP(finished), operation, scope, action, account, client,"
                + " outcome, plan, report FROM " + table().quoted() + " ORDER BY id DESC LIMIT ?", r -> new Entry(r.getLong(1),
                instant(r.getBigDecimal(2)), instant(r.getBigDecimal(3)), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getString(9), parse(r.getString(10)), parse(r.getString(11))), limit);
    }

    /** An apply recorded as started; {@link #finished} or {@link #failed} completes its row. */
    public final class Started {
        private final long id;

        private Started(long id) {
            this.id = id;
        }

        /** The record's id. */
        public long id() {
            return id;
        }

        /** Records how the apply ended and its report. */
        public void finished(Report.Outcome outcome, JsonNode report) {
            complete(outcome.name(), report);
        }

        /**
         * Records an apply that ended with an exception: {@code REFUSED} for a refusal (its code's
         * category), else {@code FAILED}, with the error's code and message. A record that cannot
         * be written (the connection is gone) is logged and left {@code RUNNING}.
         */
        public void failed(RuntimeException e) {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            boolean refused = e instanceof DovetailException d && d.code().category() == ErrorCode.Category.REFUSED;
            error.put("error", String.valueOf(e.getMessage()));
            error.put("code", e instanceof DovetailException d ? d.code().name() : e.getClass().getSimpleName());
            try {
                complete(refused ? "REFUSED" : "FAILED", error);
            } catch (DovetailException lost) {
                LOG.warn("could not record the end of audit record {} in {}: {}", id, table(), lost.getMessage());
            }
        }

        private void complete(String outcome, JsonNode report) {
            conn.execute("UPDATE " + table().quoted() + " SET outcome = ?, finished = CURRENT_TIMESTAMP(6), report = ? WHERE id = ?",
                    outcome, report == null ? null : report.toString(), id);
        }
    }

    /**
     * One record of the log.
     *
     * @param id        the record's number, in the order applies started
     * @param started   when the apply started
     * @param finished  when it ended, or null while running (or when it was killed)
     * @param operation the operation, e.g. {@code access}
     * @param scope     its scope, e.g. a schema
     * @param action    the request in one line
     * @param account   the server account that ran it ({@code CURRENT_USER()})
     * @param client    the operating-system user and host that ran it
     * @param outcome   {@code RUNNING}, {@code OK}, {@code FAILED} or {@code REFUSED}
     * @param plan      the plan as JSON
     * @param report    the report (or the error) as JSON, or null while running
     */
    public record Entry(long id, Instant started, Instant finished, String operation, String scope, String action, String account,
                        String client, String outcome, JsonNode plan, JsonNode report) {}

    private void requireNoTransaction() {
        if (conn.inTransaction()) {
            throw new TransactionException("The audit log " + table() + " is written outside transactions: apply the plan"
                    + " after the transaction ends");
        }
    }

    private boolean exists() {
        return conn.queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", Long.class,
                schema, TABLE).orElse(0L) > 0;
    }

    /** Creates the schema and the table once (checked first, so that a log that exists needs no CREATE privilege). */
    private void create() {
        if (ready) {
            return;
        }
        if (!exists()) {
            LOG.info("creating the audit log {}", table());
            try {
                declare();
            } catch (AccessException e) {
                throw new AccessException("The audit log " + table() + " does not exist and this account may not create it ("
                        + e.getMessage() + "): apply once as an administrator, or name a schema this account may create tables in"
                        + " with custom[\"" + SCHEMA_KEY + "\"]; nothing was done", e.errorCode(), e.sql(), e);
            }
        }
        ready = true;
    }

    /** The schema and the table. */
    private void declare() {
        conn.execute("CREATE DATABASE IF NOT EXISTS " + TableName.quote(schema));
        conn.execute("CREATE TABLE IF NOT EXISTS " + table().quoted() + " (\n"
                + "`id` bigint unsigned NOT NULL AUTO_INCREMENT,\n"
                + "`operation` varchar(32) NOT NULL,\n"
                + "`scope` varchar(255) NOT NULL,\n"
                + "`action` varchar(" + ACTION_LENGTH + ") NOT NULL,\n"
                + "`account` varchar(300) NOT NULL COMMENT 'CURRENT_USER() of the session',\n"
                + "`client` varchar(300) NOT NULL COMMENT 'operating-system user@host that ran it',\n"
                + "`connection_id` bigint unsigned NOT NULL,\n"
                + "`outcome` enum('RUNNING','OK','FAILED','REFUSED') NOT NULL,\n"
                + "`started` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),\n"
                + "`finished` timestamp(6) NULL DEFAULT NULL,\n"
                + "`plan` longtext NOT NULL COMMENT 'the plan as JSON',\n"
                + "`report` longtext DEFAULT NULL COMMENT 'the report or the error as JSON',\n"
                + "PRIMARY KEY (`id`),\n"
                + "KEY `operation_scope` (`operation`, `scope`)\n"
                + ") ENGINE=InnoDB COMMENT='dovetail: audit log, one row per apply of an operation'");
    }

    private static Instant instant(BigDecimal seconds) {
        if (seconds == null) {
            return null;
        }
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(json);
        }
    }

    /** The operating-system user and host of this process, looked up once. */
    private static final class Client {
        static final String NAME = System.getProperty("user.name", "?") + "@" + host();

        private static String host() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "?";
            }
        }
    }
}
