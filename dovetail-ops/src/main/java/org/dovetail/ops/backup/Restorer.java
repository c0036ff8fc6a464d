package org.dovetail.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dovetail.ErrorCode;
import org.dovetail.TableName;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.ops.OperationProgress;
import org.dovetail.spi.ObjectStore;
import org.dovetail.store.TrackingRow;

/**
 * Restores schemas of a set: each destination is created (dropped first when replacing or
 * finishing an interrupted restore) with a marker table {@value #MARKER}, then its tables' DDL,
 * the rows (units in parallel, streamed as {@code LOAD DATA LOCAL INFILE}, or as batched
 * {@code INSERT}s for tables of large binary values and where the server refuses local infile,
 * foreign-key checks off, one commit per unit, every file's SHA-256 and
 * row count checked as it streams),
 * then views, routines, triggers and events, then every foreign key is checked, the objects go
 * back into the configured stores, and the marker is dropped: a schema that still has it was not
 * finished, and the next restore of it starts over.
 */
final class Restorer {
    /** The hidden table that marks a restore in progress. */
    static final String MARKER = "~dovetail_restore";
    /** Rows per batch, and bytes: whichever is reached first ends a batch. */
    private static final int BATCH_ROWS = 1000;
    private static final long BATCH_BYTES = 16L << 20;

    private final Config config;
    private final BackupTarget target;
    private final OperationProgress progress;
    private final Hooks hooks;
    /** Server errors that say {@code LOAD DATA LOCAL INFILE} is off: MariaDB 1148 and 4166, MySQL 3948. */
    private static final Set<Integer> LOCAL_INFILE_REFUSED = Set.of(1148, 3948, 4166);
    /** Bytes of a unit's file per row below which a table with binary columns is loaded with {@code LOAD DATA} too. */
    static final long LOAD_DATA_ROW_BYTES = 1024;
    /** True until the server refuses {@code LOAD DATA LOCAL INFILE}; then every unit is inserted in batches. */
    private final AtomicBoolean localInfile = new AtomicBoolean(true);
    private final List<String> loadNotes = Collections.synchronizedList(new ArrayList<>());
    /**
     * Whether each file's SHA-256 is computed as it loads: only when the plan did not check the set
     * ({@code --unverified}); after the plan's check, the row file's own end record (row count and
     * row hash) and its byte count still catch a file that changed since.
     */
    private boolean hashWhileLoading = true;

    Restorer(Config config, BackupTarget target, OperationProgress progress, Hooks hooks) {
        this.config = config;
        this.target = target;
        this.progress = progress;
        this.hooks = hooks;
    }

    /** What a restore found about one destination: its tables and the set an interrupted restore left there. */
    static RestorePlan.Destination inspect(Connection c, String source, String name) throws SQLException {
        int tables = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                tables = rs.getInt(1);
            }
        }
        String interrupted = null;
        if (tables > 0) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT set_name FROM " + TableName.of(name, MARKER).quoted())) {
                interrupted = rs.next() ? rs.getString(1) : "an unknown set";
            } catch (SQLException e) {
                if (e.getErrorCode() != 1146) {
                    throw e;
                }
            }
        }
        return new RestorePlan.Destination(source, name, tables, interrupted);
    }

    RestoreReport run(RestorePlan plan) {
        long t0 = System.nanoTime();
        Manifest m = plan.manifest();
        RestoreRequest request = plan.request();
        hashWhileLoading = request.unverified();
        Map<String, String> renames = new LinkedHashMap<>();
        for (Manifest.SchemaEntry s : m.schemas()) {
            if (!request.destination(s.name()).equals(s.name())) {
                renames.put(s.name(), request.destination(s.name()));
            }
        }
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        List<String> notes = new ArrayList<>();
        Map<String, List<String>> after = new LinkedHashMap<>();
        List<Work> work = new ArrayList<>();
        long rows = 0;
        try (Connection c = Snapshot.session(config)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION foreign_key_checks = 0");
            }
            for (RestorePlan.Destination d : plan.destinations()) {
                Manifest.SchemaEntry entry = m.schema(d.source()).orElseThrow();
                if (d.interrupted() != null) {
                    notes.add("an interrupted restore of " + d.interrupted() + " was in " + d.name() + ": restored again from the start");
                }
                if (d.dropsFirst(request.replace())) {
                    exec(c, "DROP DATABASE IF EXISTS " + TableName.quote(d.name()));
                }
                List<String> statements = DdlFile.read(readFile(m, entry.ddl()));
                List<String> later = new ArrayList<>();
                boolean created = false;
                for (String st : statements) {
                    String renamed = DdlFile.rename(st, renames);
                    if (renamed.startsWith("CREATE DATABASE")) {
                        exec(c, renamed);
                        exec(c, "USE " + TableName.quote(d.name()));
                        exec(c, "CREATE TABLE " + TableName.quote(MARKER) + " (set_name varchar(255) NOT NULL, started timestamp NOT NULL"
                                + " DEFAULT CURRENT_TIMESTAMP) COMMENT 'dovetail: a restore in progress'");
                        exec(c, "INSERT INTO " + TableName.quote(MARKER) + " (set_name) VALUES ('" + m.set().replace("'", "''") + "')");
                        created = true;
                    } else if (DdlFile.beforeRows(renamed)) {
                        if (!created) {
                            throw new BackupException(ErrorCode.INVALID_INPUT, entry.ddl() + " does not start with CREATE DATABASE");
                        }
                        exec(c, renamed);
                    } else {
                        later.add(renamed);
                    }
                }
                after.put(d.name(), later);
                for (Manifest.TableEntry t : entry.tables()) {
                    for (Manifest.Unit u : t.units()) {
                        work.add(new Work(entry.name(), d.name(), t, u));
                        rows += u.rows();
                    }
                }
            }
        } catch (SQLException e) {
            throw BackupException.sql("Creating the schemas", e);
        }

        loadAll(m, work, request.threads());
        notes.addAll(loadNotes);

        Map<String, long[]> objects = new LinkedHashMap<>();
        try (Connection c = Snapshot.session(config)) {
            for (RestorePlan.Destination d : plan.destinations()) {
                exec(c, "USE " + TableName.quote(d.name()));
                for (String st : after.get(d.name())) {
                    exec(c, st);
                }
                problems.addAll(danglingForeignKeys(c, d.name()));
            }
            if (request.objects()) {
                for (RestorePlan.Destination d : plan.destinations()) {
                    objects.put(d.name(), restoreObjects(m, d, problems));
                }
            }
            if (request.withGrants()) {
                if (m.accounts() == null) {
                    problems.add("the set has no accounts file");
                } else {
                    for (String st : Accounts.statements(readFile(m, m.accounts().file()))) {
                        try {
                            exec(c, st);
                        } catch (SQLException e) {
                            problems.add("account statement failed: " + st + ": " + e.getMessage());
                        }
                    }
                }
            }
            for (RestorePlan.Destination d : plan.destinations()) {
                exec(c, "DROP TABLE IF EXISTS " + TableName.of(d.name(), MARKER).quoted());
            }
        } catch (SQLException e) {
            throw BackupException.sql("Finishing the restore", e);
        }
        return new RestoreReport(target.description(), m.set(), plan.destinations(), rows, objects, notes, new ArrayList<>(problems),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private record Work(String source, String schema, Manifest.TableEntry table, Manifest.Unit unit) { }

    private void loadAll(Manifest m, List<Work> work, int threads) {
        ConcurrentLinkedQueue<Work> queue = new ConcurrentLinkedQueue<>(work);
        progress.start("rows of " + work.size() + " units", work.size());
        int n = Math.max(1, Math.min(threads, work.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "dovetail-restore-worker");
            t.setDaemon(true);
            return t;
        });
        long[] done = new long[1];
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = Snapshot.session(config)) {
                        // unique checks stay on: with them off, InnoDB's bulk insert into an empty table (one unit
                        // of it) was slower here than units of a table loading side by side (docs/performance.md)
                        try (Statement s = c.createStatement()) {
                            s.execute("SET SESSION foreign_key_checks = 0");
                        }
                        c.setAutoCommit(false);
                        for (Work w = queue.poll(); w != null; w = queue.poll()) {
                            load(c, m, w);
                            synchronized (done) {
                                progress.advance(++done[0]);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    queue.clear();
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException sql) {
                        throw BackupException.sql("Loading rows", sql);
                    }
                    throw cause instanceof RuntimeException r ? r : new BackupException(ErrorCode.IO, String.valueOf(cause.getMessage()), cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackupException(ErrorCode.IO, "Interrupted while restoring", e);
                }
            }
        } finally {
            pool.shutdownNow();
            progress.end();
        }
    }

    private void load(Connection c, Manifest m, Work w) throws SQLException, IOException {
        Manifest.FileEntry file = m.file(w.unit().file()).orElseThrow(() -> new BackupException(ErrorCode.INVALID_INPUT,
                "The manifest of " + m.set() + " lists no checksum for " + w.unit().file()));
        hooks.restoreUnitStarted(w.schema(), w.table().name());
        if (localInfile.get() && suitsLoadData(w, file) && c.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
            try {
                if (load(c, w, file, true)) {
                    return;
                }
            } catch (SQLException e) {
                if (!LOCAL_INFILE_REFUSED.contains(e.getErrorCode())) {
                    throw e;
                }
                if (localInfile.compareAndSet(true, false)) {
                    loadNotes.add("the server refuses LOAD DATA LOCAL INFILE (" + e.getErrorCode() + "): rows restored with batched INSERTs");
                }
            }
        }
        load(c, w, file, false);
    }

    /**
     * Whether a unit goes in through {@code LOAD DATA}: a table without binary columns always; one
     * with them only while its rows are small (under {@value #LOAD_DATA_ROW_BYTES} bytes of the
     * file a row), because a binary value travels as hex text there, twice its size, where a
     * server-prepared {@code INSERT} sends its bytes (8 MiB blobs: 3-5 times slower through
     * {@code LOAD DATA}, docs/performance.md).
     */
    private static boolean suitsLoadData(Work w, Manifest.FileEntry file) {
        boolean binary = w.table().columns().stream().anyMatch(Manifest.Column::binary);
        return !binary || file.bytes() / Math.max(1, w.unit().rows()) < LOAD_DATA_ROW_BYTES;
    }

    /**
     * Loads one unit's file in one transaction, with {@code LOAD DATA} or batched {@code INSERT}s,
     * checking it as it streams; false (rolled back) when {@code LOAD DATA} met a binary value too
     * large for it.
     */
    private boolean load(Connection c, Work w, Manifest.FileEntry file, boolean loadData) throws SQLException, IOException {
        List<Manifest.Column> columns = w.table().columns();
        TableName table = TableName.of(w.schema(), w.table().name());
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.quoted()).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(TableName.quote(columns.get(i).name()));
        }
        sql.append(") VALUES ");
        String address = target.store().address(file.path());
        try (InputStream raw = target.store().open(file.path());
             Hashing.In hashed = hashWhileLoading ? new Hashing.In(raw, null) : Hashing.In.countingOnly(raw);
             InputStream in = Compression.ofFile(file.path()).unwrap(hashed)) {
            RowFile.Reader reader = new RowFile.Reader(in, address);
            if (loadData) {
                if (!loadData(c, reader, table, columns)) {
                    c.rollback();
                    return false;
                }
            } else {
                insertBatched(c, reader, sql.append(placeholders(columns.size())).toString(), columns);
            }
            String sha = hashed.drain();
            if (hashed.bytes != file.bytes() || sha != null && !sha.equals(file.sha256())) {
                c.rollback();
                throw new BackupException(ErrorCode.INTEGRITY, "The file " + address + " is corrupted: " + (sha == null ? hashed.bytes + " bytes"
                        : "SHA-256 " + sha) + ", the manifest says " + (sha == null ? file.bytes() + " bytes" : file.sha256()) + "; its rows were not restored");
            }
            if (reader.hash().rows() != w.unit().rows()) {
                c.rollback();
                throw new BackupException(ErrorCode.INTEGRITY, "The file " + address + " holds " + reader.hash().rows() + " rows, the manifest says "
                        + w.unit().rows());
            }
            c.commit();
            return true;
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Streams the rows to the server as {@code LOAD DATA LOCAL INFILE} reads them (the server's
     * fastest way in: it parses no SQL per row); the driver sends the stream in place of a file.
     * Fewer rows loaded than read (a duplicate key, which {@code LOCAL} skips with a warning) is
     * an error, as the {@code INSERT} would have been. False when the stream stopped at a binary
     * value too large to send as hex: the caller rolls back and inserts the unit instead.
     */
    private static boolean loadData(Connection c, RowFile.Reader reader, TableName table, List<Manifest.Column> columns) throws SQLException, IOException {
        LoadDataStream rows = new LoadDataStream(reader, columns);
        long loaded;
        try (Statement s = c.createStatement()) {
            s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(rows);
            loaded = s.executeLargeUpdate(LoadDataStream.statement(table, columns));
        }
        if (rows.failure() instanceof IOException e) {
            throw e;
        }
        if (rows.failure() instanceof RuntimeException e) {
            throw e;
        }
        if (rows.tooLarge()) {
            return false;
        }
        if (loaded != reader.hash().rows()) {
            throw new BackupException(ErrorCode.INTEGRITY, "LOAD DATA put " + loaded + " of " + reader.hash().rows() + " rows into " + table.quoted()
                    + " (duplicate keys?); its rows were not restored");
        }
        return true;
    }

    /** {@code (?, ?, ?)} for {@code n} columns. */
    private static String placeholders(int n) {
        return "(" + "?, ".repeat(Math.max(0, n - 1)) + (n == 0 ? "" : "?") + ")";
    }

    /**
     * One {@code INSERT} of one row, executed in batches of up to 1000 rows or 16 MB. A table with
     * binary columns is prepared on the server, so blobs travel as bytes in the binary protocol;
     * a table of text values only through the driver's client-side statement, whose batches were
     * the fastest for small rows here (server-prepared bulk batches and multi-row statements of
     * 1000 rows were slower: docs/performance.md).
     */
    private static void insertBatched(Connection c, RowFile.Reader reader, String sql, List<Manifest.Column> columns) throws SQLException, IOException {
        boolean binary = columns.stream().anyMatch(Manifest.Column::binary);
        try (PreparedStatement p = binary ? serverPrepared(c, sql) : c.prepareStatement(sql)) {
            int batched = 0;
            long bytes = 0;
            for (byte[][] v = reader.next(); v != null; v = reader.next()) {
                for (int i = 0; i < v.length; i++) {
                    bytes += bind(p, i + 1, columns.get(i), v[i]);
                }
                p.addBatch();
                if (++batched >= BATCH_ROWS || bytes >= BATCH_BYTES) {
                    p.executeBatch();
                    batched = 0;
                    bytes = 0;
                }
            }
            if (batched > 0) {
                p.executeBatch();
            }
        }
    }

    /** Binds one value (bytes for a binary column, else its text); returns its size. */
    private static long bind(PreparedStatement p, int index, Manifest.Column column, byte[] value) throws SQLException {
        if (value == null) {
            p.setNull(index, column.binary() ? Types.BLOB : Types.VARCHAR);
            return 0;
        }
        if (column.binary()) {
            p.setBytes(index, value);
        } else {
            p.setString(index, new String(value, StandardCharsets.UTF_8));
        }
        return value.length;
    }

    /**
     * A statement prepared on the server, whatever the connection's options: values travel in the
     * binary protocol, blobs as bytes rather than escaped SQL text (MariaDB Connector/J's own
     * {@code prepareInternal}; a session of another driver prepares as it does).
     */
    static PreparedStatement serverPrepared(Connection c, String sql) throws SQLException {
        if (c.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
            return c.unwrap(org.mariadb.jdbc.Connection.class).prepareInternal(sql, Statement.NO_GENERATED_KEYS, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY, true);
        }
        return c.prepareStatement(sql);
    }

    /** Foreign keys of a schema's tables whose values have no parent row: each named with its count. */
    static List<String> danglingForeignKeys(Connection c, String schema) throws SQLException {
        record Fk(String table, String name, String refSchema, String refTable, List<String> columns, List<String> refColumns) { }
        Map<String, Fk> fks = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,"
                + " COLUMN_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
                + " AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Fk fk = fks.computeIfAbsent(rs.getString(1) + "\0" + rs.getString(2), k -> {
                        try {
                            return new Fk(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), new ArrayList<>(), new ArrayList<>());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    fk.columns().add(rs.getString(5));
                    fk.refColumns().add(rs.getString(6));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Fk fk : fks.values()) {
            StringBuilder on = new StringBuilder();
            StringBuilder notNull = new StringBuilder();
            for (int i = 0; i < fk.columns().size(); i++) {
                on.append(i == 0 ? "" : " AND ").append("c.").append(TableName.quote(fk.columns().get(i))).append(" = p.")
                        .append(TableName.quote(fk.refColumns().get(i)));
                notNull.append(" AND c.").append(TableName.quote(fk.columns().get(i))).append(" IS NOT NULL");
            }
            String sql = "SELECT COUNT(*) FROM " + TableName.of(schema, fk.table()).quoted() + " c LEFT JOIN " + TableName.of(fk.refSchema(), fk.refTable()).quoted()
                    + " p ON " + on + " WHERE p." + TableName.quote(fk.refColumns().get(0)) + " IS NULL" + notNull;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                long n = rs.getLong(1);
                if (n > 0) {
                    out.add(n + " rows of " + TableName.of(schema, fk.table()).quoted() + " have no parent in "
                            + TableName.of(fk.refSchema(), fk.refTable()).quoted() + " (foreign key " + fk.name() + ")");
                }
            } catch (SQLException e) {
                out.add("foreign key " + fk.name() + " of " + TableName.of(schema, fk.table()).quoted() + " cannot be checked: " + e.getMessage());
            }
        }
        return out;
    }

    /** Writes a schema's objects back into the configured stores; returns {copied, present}. */
    private long[] restoreObjects(Manifest m, RestorePlan.Destination d, List<String> problems) {
        long[] counts = new long[2];
        ObjectArea area = new ObjectArea(target.store());
        Map<String, ObjectStore> stores = new LinkedHashMap<>();
        List<Manifest.ObjectEntry> mine = m.objects().stream().filter(o -> o.schema().equals(d.source()) && !o.isMissing()).toList();
        progress.start("objects of " + d.name(), mine.size());
        try {
            int i = 0;
            for (Manifest.ObjectEntry o : mine) {
                StoreSpec spec = config.stores().get(o.store());
                if (spec == null) {
                    problems.add("store `" + o.store() + "` is not configured: object " + o.hash() + " of " + d.name() + " not restored");
                    continue;
                }
                ObjectStore store = stores.computeIfAbsent(o.store(), n -> ObjectStore.open(spec));
                TrackingRow row = new TrackingRow(UUID.fromString(o.hash()), o.size(), o.attachmentName(), o.filepath(),
                        o.contentsHash() == null ? null : UUID.fromString(o.contentsHash()), null);
                String path = row.objectPath(d.name(), spec.subfolding());
                var there = store.stat(path);
                if (there.isPresent() && there.get().size() == o.size() && o.sha256().equals(ObjectArea.sha256Of(store, path))) {
                    counts[1]++;
                } else {
                    area.copyOut(o, store, path);
                    counts[0]++;
                }
                progress.advance(++i);
            }
        } finally {
            progress.end();
            stores.values().forEach(ObjectStore::close);
        }
        return counts;
    }

    private byte[] readFile(Manifest m, String path) {
        byte[] bytes = target.store().read(path);
        Manifest.FileEntry f = m.file(path).orElseThrow(() -> new BackupException(ErrorCode.INVALID_INPUT, "The manifest lists no " + path));
        if (!Hashing.hex(Hashing.sha256().digest(bytes)).equals(f.sha256())) {
            throw new BackupException(ErrorCode.INTEGRITY, "The file " + target.store().address(path) + " is corrupted (SHA-256 differs from the manifest)");
        }
        return bytes;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
