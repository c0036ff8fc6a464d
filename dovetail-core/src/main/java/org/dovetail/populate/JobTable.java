package org.dovetail.populate;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.TransactionException;
import org.dovetail.blob.Blob;
import org.dovetail.connection.Connection;
import org.dovetail.connection.StatementGroup;
import org.dovetail.hash.KeyHash;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;

/**
 * A schema's {@code ~jobs} table, DataJoint's job reservation table, used exactly as
 * DataJoint-Python 0.14 uses it, so Java and Python workers share one queue.
 *
 * <p>A job is identified by the bare SQL name of the target table and the {@link KeyHash} of its
 * key. A key with no row is available; {@link #reserve} claims it by inserting a
 * {@code reserved} row (a duplicate means another worker has it, or it failed or is ignored),
 * {@link #complete} deletes the row, {@link #error} replaces it by an {@code error} row with the
 * message and the stack. Every write is a single autocommit statement, outside any transaction,
 * and the rows hold what Python writes: the key as a blob with Python-native codes, the account
 * as {@code user()}, the host name, process id and connection id, the stack as a blob of a
 * string. Python's {@code schema.jobs.fetch()} reads the rows Java writes and {@link #jobs}
 * reads the rows Python writes.
 *
 * <pre>{@code
 * JobTable jobs = JobTable.of(dovetail.schema("lab"));
 * Map<String, Object> key = new LinkedHashMap<>(Map.of("subject_id", 2L));
 * if (jobs.reserve("_scan", key)) {
 *     // ... make the key ...
 *     jobs.complete("_scan", key);
 * }
 * List<Job> failed = jobs.jobs("_scan").stream().filter(j -> j.status() == JobStatus.ERROR).toList();
 * }</pre>
 *
 * <p>Uses the schema's connection; not thread-safe, like it. Each worker opens its own.
 */
public final class JobTable {
    /** The length of the {@code error_message} column, in characters. */
    public static final int ERROR_MESSAGE_LENGTH = 2047;
    /** What ends a message that was cut to fit {@code error_message}. */
    public static final String TRUNCATION_APPENDIX = "...truncated";

    private static final String COLUMNS = "`table_name`,`key_hash`,`status`,`key`,`error_message`,`error_stack`,"
            + "`user`,`host`,`pid`,`connection_id`,`timestamp`";
    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();

    private final Schema schema;
    private final Connection connection;
    private final String fullName;
    private final String user;
    private final String insertSql;
    private final String deleteSql;

    private JobTable(Schema schema) {
        this.schema = schema;
        this.connection = schema.connection();
        this.fullName = schema.jobsTable();
        this.insertSql = "INSERT INTO " + fullName + " (`table_name`,`key_hash`,`status`,`key`,`user`,`host`,`pid`,`connection_id`)"
                + " VALUES (?,?,?,?,?,?,?,?)";
        this.deleteSql = "DELETE FROM " + fullName + " WHERE `table_name` = ? AND `key_hash` = ?";
        this.user = connection.queryValue("SELECT user()", String.class).orElse("");
    }

    /**
     * The {@code ~jobs} table of {@code schema}, declared first if it does not exist (as
     * DataJoint declares it on the first use of {@code schema.jobs}, which needs the CREATE
     * privilege once per schema).
     */
    public static JobTable of(Schema schema) {
        return new JobTable(schema);
    }

    /** The schema whose jobs these are. */
    public Schema schema() {
        return schema;
    }

    /** {@code `schema`.`~jobs`}. */
    public String fullName() {
        return fullName;
    }

    /** The table as a {@link Table}, to query its rows with DataJoint's operators. */
    public Table table() {
        return schema.freeTable("~jobs");
    }

    /** The account this table's rows are written as: {@code user()}, read once ({@code name@client-host}). */
    public String user() {
        return user;
    }

    /**
     * Reserves the job of {@code key} for the target table {@code tableName}: inserts a
     * {@code reserved} row, autocommit.
     *
     * @param tableName the bare SQL name of the target table ({@code _scan}), as DataJoint uses it
     * @param key the key, in the key source's heading order (a {@link LinkedHashMap}), with the
     *        values Python's {@code fetch("KEY")} gives (see {@link KeyHash})
     * @return true if this call reserved it; false if any row (reserved, error or ignore) holds the key
     * @throws TransactionException inside a transaction, where the reservation would be invisible to other workers
     */
    public boolean reserve(String tableName, Map<String, ?> key) {
        return insertNew(tableName, key, KeyHash.keyHash(key), JobStatus.RESERVED);
    }

    /** {@link #reserve} with the key's hash computed already. */
    boolean reserve(String tableName, Map<String, ?> key, String keyHash) {
        return insertNew(tableName, key, keyHash, JobStatus.RESERVED);
    }

    /**
     * Marks the job of {@code key} to be skipped: inserts an {@code ignore} row, autocommit.
     *
     * @return true if inserted; false if a row already holds the key
     */
    public boolean ignore(String tableName, Map<String, ?> key) {
        return insertNew(tableName, key, KeyHash.keyHash(key), JobStatus.IGNORE);
    }

    /**
     * Completes the job of {@code key}: deletes its row (whatever its status), autocommit.
     *
     * @return true if a row was deleted
     */
    public boolean complete(String tableName, Map<String, ?> key) {
        return delete(tableName, KeyHash.keyHash(key));
    }

    /**
     * Records that the job of {@code key} failed: replaces its row by an {@code error} row,
     * autocommit. The message is cut as DataJoint cuts it ({@link #truncateMessage}); the stack is
     * stored as a blob of a string, compressed when DataJoint would compress it.
     *
     * @param message what failed, by DataJoint's convention {@code ClassName} or {@code ClassName: text}
     * @param stack the stack trace text, or null for none
     */
    public void error(String tableName, Map<String, ?> key, String message, String stack) {
        error(tableName, key, KeyHash.keyHash(key), message, stack);
    }

    /** {@link #error} with the key's hash computed already. */
    void error(String tableName, Map<String, ?> key, String keyHash, String message, String stack) {
        requireAutocommit();
        connection.execute("REPLACE INTO " + fullName
                        + " (`table_name`,`key_hash`,`status`,`key`,`error_message`,`error_stack`,`user`,`host`,`pid`,`connection_id`)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?)",
                tableName, keyHash, JobStatus.ERROR.sqlValue(), packKey(key), truncateMessage(message),
                stack == null ? null : packStack(stack), user, HOST, PID, connection.connectionId());
    }

    /**
     * Deletes the row of one job, whatever its status (to release a reservation or retry an error).
     *
     * @return true if a row was deleted
     */
    public boolean delete(String tableName, String keyHash) {
        requireAutocommit();
        return connection.execute(deleteSql, tableName, keyHash) > 0;
    }

    /** Every row, oldest first. */
    public List<Job> jobs() {
        return read("", new Object[0]);
    }

    /** The rows of one target table, oldest first. */
    public List<Job> jobs(String tableName) {
        return read(" WHERE `table_name` = ?", new Object[] {tableName});
    }

    /** The row of one job, if there is one. */
    public Optional<Job> job(String tableName, String keyHash) {
        List<Job> rows = read(" WHERE `table_name` = ? AND `key_hash` = ?", new Object[] {tableName, keyHash});
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * The key hashes of {@code tableName}'s rows with status error, ignore or reserved: the keys
     * populate leaves out before it counts {@code maxCalls}, as DataJoint does.
     */
    /** Of {@code keyHashes}, those with a row of {@code tableName} in this table, whatever its status: one query. */
    public Set<String> keyHashesIn(String tableName, Collection<String> keyHashes) {
        if (keyHashes.isEmpty()) {
            return new HashSet<>();
        }
        List<Object> params = new ArrayList<>(List.of(tableName));
        params.addAll(keyHashes);
        return new HashSet<>(connection.query("SELECT `key_hash` FROM " + fullName + " WHERE `table_name` = ? AND `key_hash` IN ("
                + String.join(", ", Collections.nCopies(keyHashes.size(), "?")) + ")", r -> r.getString(1), params.toArray()));
    }

    public Set<String> blockedKeyHashes(String tableName) {
        return new HashSet<>(connection.query("SELECT `key_hash` FROM " + fullName
                + " WHERE `table_name` = ? AND `status` IN ('error','ignore','reserved')", r -> r.getString(1), tableName));
    }

    /**
     * DataJoint's cut of an error message: one longer than {@value #ERROR_MESSAGE_LENGTH} code
     * points becomes its first 2035 code points followed by {@value #TRUNCATION_APPENDIX}.
     * Lengths are in code points, as Python counts them, not in UTF-16 units.
     */
    public static String truncateMessage(String message) {
        if (message == null) {
            return "";
        }
        if (message.codePointCount(0, message.length()) <= ERROR_MESSAGE_LENGTH) {
            return message;
        }
        int keep = ERROR_MESSAGE_LENGTH - TRUNCATION_APPENDIX.length();
        return message.substring(0, message.offsetByCodePoints(0, keep)) + TRUNCATION_APPENDIX;
    }

    /**
     * The {@code key} column's blob: the key as a dict with Python-native codes (names as strings,
     * integers as Python ints, ...) in the map's order, as DataJoint-Python packs it.
     */
    public static byte[] packKey(Map<String, ?> key) {
        return Blob.encode(new LinkedHashMap<>(key));
    }

    /** The {@code error_stack} column's blob: a dj0 string, zlib-compressed past 1000 bytes when that is shorter. */
    public static byte[] packStack(String stack) {
        return Blob.encode(stack);
    }

    /** The host name a worker records ({@code platform.node()} in Python: the kernel's host name). */
    public static String host() {
        return HOST;
    }

    private boolean insertNew(String tableName, Map<String, ?> key, String keyHash, JobStatus status) {
        requireAutocommit();
        return insert(tableName, key, keyHash, status);
    }

    private boolean insert(String tableName, Map<String, ?> key, String keyHash, JobStatus status) {
        try {
            connection.execute(insertSql, insertParams(tableName, key, keyHash, status));
            return true;
        } catch (DuplicateException e) {
            return false;
        }
    }

    /** Adds the reservation's INSERT to {@code group}: a duplicate (the key taken) stops the group. */
    StatementGroup reserveIn(StatementGroup group, String tableName, Map<String, ?> key, String keyHash) {
        return group.execute(insertSql, insertParams(tableName, key, keyHash, JobStatus.RESERVED));
    }

    /**
     * Adds the reservation's INSERT to {@code group} as a step whose value is false when the key
     * is taken (a duplicate), true when it was reserved.
     */
    StatementGroup reserveUnlessTaken(StatementGroup group, String tableName, Map<String, ?> key, String keyHash) {
        return group.executeUnlessDuplicate(insertSql, insertParams(tableName, key, keyHash, JobStatus.RESERVED));
    }

    /** Adds the DELETE of one job's row to {@code group}. */
    StatementGroup deleteIn(StatementGroup group, String tableName, String keyHash) {
        return group.execute(deleteSql, tableName, keyHash);
    }

    private Object[] insertParams(String tableName, Map<String, ?> key, String keyHash, JobStatus status) {
        return new Object[] {tableName, keyHash, status.sqlValue(), packKey(key), user, HOST, PID, connection.connectionId()};
    }

    private void requireAutocommit() {
        if (connection.inTransaction()) {
            throw new TransactionException("~jobs rows are written outside transactions (a reservation inside one would be"
                    + " invisible to other workers): commit or cancel the transaction first");
        }
    }

    private List<Job> read(String where, Object[] params) {
        return connection.query("SELECT " + COLUMNS + " FROM " + fullName + where + " ORDER BY `timestamp`, `table_name`, `key_hash`",
                JobTable::row, params);
    }

    private static Job row(ResultSet r) throws SQLException {
        return new Job(r.getString(1), r.getString(2), JobStatus.of(r.getString(3)), key(r.getBytes(4)), r.getString(5),
                stack(r.getBytes(6)), r.getString(7), r.getString(8), r.getLong(9), r.getLong(10),
                r.getObject(11, LocalDateTime.class));
    }

    private static Map<String, Object> key(byte[] blob) {
        if (blob == null) {
            return null;
        }
        Object value;
        try {
            value = Blob.decode(blob);
        } catch (DovetailException e) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> key = new LinkedHashMap<>();
        for (var entry : map.entrySet()) {
            Object v = entry.getValue();
            if (v instanceof BigInteger big && big.bitLength() < 64) {
                v = big.longValue();
            }
            key.put(String.valueOf(entry.getKey()), v);
        }
        return key;
    }

    private static String stack(byte[] blob) {
        if (blob == null) {
            return null;
        }
        try {
            return String.valueOf(Blob.decode(blob));
        } catch (DovetailException e) {
            return new String(blob, StandardCharsets.UTF_8); // raw text, as some other clients write it
        }
    }

    private static String hostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException e) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
