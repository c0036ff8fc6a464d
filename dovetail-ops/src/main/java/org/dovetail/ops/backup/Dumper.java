package org.dovetail.ops.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.MissingExternalFileException;
import org.dovetail.TableName;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.ServerVersion;
import org.dovetail.hash.UuidBytes;
import org.dovetail.ops.OperationProgress;
import org.dovetail.spi.ObjectStore;
import org.dovetail.store.TrackingRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one backup set: DDL, the rows of every table in one snapshot (units in parallel), the
 * accounts, then (snapshot closed) the external objects, {@code SHA256SUMS}, and the manifest
 * last.
 */
final class Dumper {
    private static final Logger LOG = LoggerFactory.getLogger(Dumper.class);
    /** Tables larger than this are split into primary-key ranges (at least one per thread, about this size each). */
    static final long UNIT_BYTES = 32L << 20;
    /**
     * With more than one thread, tables the server estimates above this many rows are split too
     * (one range per this many rows, at least one per thread): small rows cost their time per row,
     * not per byte, so a table of small rows below {@link #UNIT_BYTES} would leave all threads but one idle.
     */
    static final long UNIT_ROWS = 250_000;
    /** Rows a streamed result holds in memory at most ~this many bytes. */
    private static final long FETCH_BYTES = 16L << 20;
    static final String TRACKING_PREFIX = "~external_";
    /** Objects copied at once: transfers wait on I/O, not on the cores. */
    private static final int COPY_THREADS = 8;

    private final Config config;
    private final ServerVersion server;
    private final BackupTarget target;
    private final BackupRequest request;
    private final OperationProgress progress;
    private final Hooks hooks;
    private final List<String> notes = new ArrayList<>();
    private SqlDump sqlDump;

    Dumper(Config config, ServerVersion server, BackupTarget target, BackupRequest request, OperationProgress progress, Hooks hooks) {
        this.config = config;
        this.server = server;
        this.target = target;
        this.request = request;
        this.progress = progress;
        this.hooks = hooks;
    }

    /** Also writes the plain-SQL files with this tool (null: none). */
    Dumper withSqlDump(SqlDump tool) {
        this.sqlDump = tool;
        return this;
    }

    /** A unit of work: a table, or a range of its first key column. */
    record Unit(Catalog.Table table, int n, String where, long estimate) { }

    /** What a unit wrote. */
    record Written(Unit unit, String file, long rows, long rowHash, long bytes, String sha256, List<TrackingRow> tracking) { }

    /** The set's name: {@code <label>-YYYYMMDD}, or with the time when the day's name is taken. */
    static String setName(SetCatalog sets, String label, Instant start) {
        String day = SetLayout.dayName(label, start);
        if (!sets.taken(day)) {
            return day;
        }
        String time = SetLayout.timeName(label, start);
        if (sets.taken(time)) {
            throw new DovetailException(ErrorCode.REFUSED, "The target already has a set " + time + ": run again in a second");
        }
        return time;
    }

    Manifest run(String set, Instant started) {
        long t0 = System.nanoTime();
        ObjectStore store = target.store();
        List<Manifest.FileEntry> files = new ArrayList<>();
        Map<String, List<Catalog.Table>> tables = new LinkedHashMap<>();
        Map<String, Map<String, String>> shapesBefore = new LinkedHashMap<>();
        List<Unit> units = new ArrayList<>();
        try (Connection meta = Snapshot.session(config)) {
            Catalog catalog = new Catalog(meta);
            List<String> schemas = catalog.schemas(request.schemas(), request.all());
            if (schemas.isEmpty()) {
                throw new DovetailException(ErrorCode.MISSING_SCHEMA, "No schema matches " + (request.all() ? "--all" : String.join(" ", request.schemas())));
            }
            for (String schema : schemas) {
                List<Catalog.Table> list = catalog.tables(schema);
                tables.put(schema, list);
                List<String> statements = new ArrayList<>();
                statements.add(catalog.createDatabase(schema));
                Map<String, String> shapes = new LinkedHashMap<>();
                for (Catalog.Table t : list) {
                    String ddl = catalog.createTable(schema, t.name());
                    statements.add(ddl);
                    shapes.put(t.name(), Catalog.shape(ddl));
                }
                shapesBefore.put(schema, shapes);
                statements.addAll(catalog.otherObjects(schema));
                files.add(put(store, SetLayout.schemaDdl(set, schema), DdlFile.write(schema, statements)));
                for (Catalog.Table t : list) {
                    units.addAll(units(meta, t));
                }
            }
        } catch (SQLException e) {
            throw BackupException.sql("Reading the schemas to back up", e);
        }
        units.sort(Comparator.comparingLong(Unit::estimate).reversed());

        long tSnap = System.nanoTime();
        List<Written> written;
        Snapshot snapshot;
        String snapshotAt;
        try {
            snapshot = Snapshot.open(config, server, Math.min(request.threads(), Math.max(1, units.size())));
        } catch (SQLException e) {
            throw BackupException.sql("Opening the snapshot", e);
        }
        snapshotAt = Instant.now().toString();
        notes.addAll(snapshot.notes);
        long snapshotMs;
        try (snapshot) {
            snapshotMs = (System.nanoTime() - tSnap) / 1_000_000;
            written = dumpAll(snapshot, set, units);
        }
        long dumpMs = (System.nanoTime() - tSnap) / 1_000_000 - snapshotMs;

        // DDL that ran during the dump: the set does not hold one point in time for those tables
        List<String> changed = new ArrayList<>();
        Manifest.Accounts accounts;
        try (Connection meta = Snapshot.session(config)) {
            Catalog catalog = new Catalog(meta);
            for (Map.Entry<String, Map<String, String>> e : shapesBefore.entrySet()) {
                Map<String, String> now = catalog.tableShapes(e.getKey());
                for (String table : e.getValue().keySet()) {
                    if (!Objects.equals(now.get(table), e.getValue().get(table))) {
                        changed.add(TableName.of(e.getKey(), table).quoted());
                    }
                }
                for (String table : now.keySet()) {
                    if (!e.getValue().containsKey(table)) {
                        changed.add(TableName.of(e.getKey(), table).quoted() + " (created)");
                    }
                }
            }
            accounts = Accounts.dump(meta, store, set, files, notes);
        } catch (SQLException e) {
            throw BackupException.sql("Re-reading the schemas after the dump", e);
        }
        if (!changed.isEmpty()) {
            notes.add("DDL changed " + String.join(", ", changed) + " during the backup: the set is invalid");
        }

        long tObj = System.nanoTime();
        List<Manifest.ObjectEntry> objects = copyObjects(written);
        if (sqlDump != null) {
            files.addAll(sqlDump.write(config, store, set, new ArrayList<>(tables.keySet())));
        }
        long objectsMs = (System.nanoTime() - tObj) / 1_000_000;

        List<Manifest.SchemaEntry> schemaEntries = new ArrayList<>();
        for (Map.Entry<String, List<Catalog.Table>> e : tables.entrySet()) {
            List<Manifest.TableEntry> entries = new ArrayList<>();
            for (Catalog.Table t : e.getValue()) {
                List<Written> mine = written.stream().filter(w -> w.unit().table() == t).sorted(Comparator.comparingInt(w -> w.unit().n())).toList();
                long rows = mine.stream().mapToLong(Written::rows).sum();
                long hash = mine.stream().mapToLong(Written::rowHash).sum();
                List<Manifest.Unit> unitEntries = mine.stream().map(w -> new Manifest.Unit(w.file(), w.unit().where(), w.rows())).toList();
                entries.add(new Manifest.TableEntry(t.name(), t.columns(), rows, RowFile.RowHash.hex(hash), unitEntries));
            }
            schemaEntries.add(new Manifest.SchemaEntry(e.getKey(), SetLayout.schemaDdl(set, e.getKey()), entries));
        }
        for (Written w : written) {
            files.add(new Manifest.FileEntry(w.file(), w.bytes(), w.sha256()));
        }
        boolean missing = objects.stream().anyMatch(Manifest.ObjectEntry::isMissing);
        String status = !changed.isEmpty() ? Manifest.INVALID : missing ? Manifest.INCOMPLETE : Manifest.COMPLETE;

        StringBuilder sums = new StringBuilder();
        for (Manifest.FileEntry f : files) {
            sums.append(f.sha256()).append("  ").append(f.path().substring(set.length() + 1)).append('\n');
        }
        store.put(SetLayout.sums(set), sums.toString().getBytes(StandardCharsets.UTF_8), Map.of());
        long totalMs = (System.nanoTime() - t0) / 1_000_000;
        Manifest manifest = new Manifest(Manifest.FORMAT, set, request.label(), status, notes, started.toString(), snapshotAt,
                Instant.now().toString(), Backups.version(),
                new Manifest.Server(server.isMariaDb() ? "mariadb" : "mysql", server.text(), snapshot.binlog),
                new Manifest.Snapshot(snapshot.method, snapshot.workers.size(), snapshot.commitBlockMs, snapshot.attempts),
                request.compression().manifestName(), schemaEntries, accounts, objects, files,
                new Manifest.Durations(snapshotMs, dumpMs, objectsMs, totalMs));
        store.put(SetLayout.manifest(set), manifest.toBytes(), Map.of()); // last: the set is complete from here on
        return manifest;
    }

    private static Manifest.FileEntry put(ObjectStore store, String path, byte[] bytes) {
        store.put(path, bytes, Map.of());
        return new Manifest.FileEntry(path, bytes.length, Hashing.hex(Hashing.sha256().digest(bytes)));
    }

    /** A table as one unit, or as ranges of its integer first key column when it is large in bytes or (with threads) in rows. */
    private List<Unit> units(Connection meta, Catalog.Table t) throws SQLException {
        long bySize = (t.dataLength() + UNIT_BYTES - 1) / UNIT_BYTES;
        long rows = t.avgRowLength() > 0 ? t.dataLength() / t.avgRowLength() : 0;
        long byRows = request.threads() > 1 ? rows / UNIT_ROWS : 1;
        long wanted = Math.max(bySize, byRows);
        int parts = wanted <= 1 ? 1 : (int) Math.min(Math.max(wanted, request.threads()), 4L * request.threads());
        if (parts <= 1 || !t.integerKey()) {
            return List.of(new Unit(t, 0, null, t.dataLength()));
        }
        String key = TableName.quote(t.primaryKey().get(0));
        long min;
        long max;
        try (Statement s = meta.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(" + key + "), MAX(" + key + ") FROM " + t.tableName().quoted())) {
            rs.next();
            if (rs.getString(1) == null) {
                return List.of(new Unit(t, 0, null, t.dataLength()));
            }
            min = rs.getLong(1);
            max = rs.getLong(2);
        }
        long span = max - min + 1;
        if (span < parts) {
            return List.of(new Unit(t, 0, null, t.dataLength()));
        }
        List<Unit> out = new ArrayList<>();
        long step = span / parts;
        for (int i = 0; i < parts; i++) {
            long lo = min + i * step;
            long hi = min + (i + 1) * step;
            String where = i == 0 ? key + " < " + hi : i == parts - 1 ? key + " >= " + lo : key + " >= " + lo + " AND " + key + " < " + hi;
            out.add(new Unit(t, i, where, t.dataLength() / parts));
        }
        return out;
    }

    private List<Written> dumpAll(Snapshot snapshot, String set, List<Unit> units) {
        ConcurrentLinkedQueue<Unit> queue = new ConcurrentLinkedQueue<>(units);
        List<Written> done = Collections.synchronizedList(new ArrayList<>());
        progress.start("rows of " + units.size() + " units", units.size());
        ExecutorService pool = Executors.newFixedThreadPool(snapshot.workers.size(), r -> {
            Thread t = new Thread(r, "dovetail-backup-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Connection worker : snapshot.workers) {
                futures.add(pool.submit(() -> {
                    for (Unit u = queue.poll(); u != null; u = queue.poll()) {
                        done.add(dump(worker, set, u));
                        synchronized (progress) {
                            progress.advance(done.size());
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
                    throw e.getCause() instanceof RuntimeException r ? r : new BackupException(ErrorCode.IO, e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackupException(ErrorCode.IO, "Interrupted while dumping", e);
                }
            }
        } finally {
            pool.shutdownNow();
            progress.end();
        }
        return new ArrayList<>(done);
    }

    private Written dump(Connection worker, String set, Unit u) {
        Catalog.Table t = u.table();
        String file = SetLayout.unitFile(set, t.schema(), t.name(), u.n(), request.compression());
        boolean tracking = t.name().startsWith(TRACKING_PREFIX);
        List<TrackingRow> rows = new ArrayList<>();
        long[] counts = new long[3];
        String[] sha = new String[1];
        hooks.unitStarted(t.schema(), t.name());
        try {
            target.store().write(file, Map.of(), out -> {
                Hashing.Out hashed = new Hashing.Out(out);
                try (OutputStream compressed = request.compression().wrap(hashed)) {
                    RowFile.RowHash h = readRows(worker, t, u.where(), compressed, tracking ? v -> rows.add(trackingRow(v, trackingColumns(t))) : null);
                    counts[0] = h.rows();
                    counts[1] = h.sum();
                }
                sha[0] = hashed.hex();
                counts[2] = hashed.bytes;
            });
        } catch (UncheckedSql e) {
            throw BackupException.sql("Reading " + t.tableName().quoted() + (u.where() == null ? "" : " where " + u.where()), e.getCause());
        }
        return new Written(u, file, counts[0], counts[1], counts[2], sha[0], rows);
    }

    /** A SQL failure inside a stream callback, unwrapped by the caller. */
    static final class UncheckedSql extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /**
     * Streams the rows of a table (or of a range of it) into a row file written to {@code out},
     * handing each row's values to {@code each} too (when not null). Restore tests read restored
     * tables through here as well, so a table's row hash means the same on both sides.
     */
    static RowFile.RowHash readRows(Connection c, Catalog.Table t, String where, OutputStream out, Consumer<byte[][]> each) throws IOException {
        return readRows(c, t, where, out, each, true).hash();
    }

    /** What {@link #readRows(Connection, Catalog.Table, String, OutputStream, Consumer, boolean)} wrote, and whether through {@link RawRows}. */
    record RowsRead(RowFile.RowHash hash, boolean raw) { }

    /**
     * {@link #readRows(Connection, Catalog.Table, String, OutputStream, Consumer)}, through the
     * driver's raw rows where {@code tryRaw}, no {@code each} is given and the first row's raw
     * fields equal what the getters give (else through the getters, the same bytes).
     */
    static RowsRead readRows(Connection c, Catalog.Table t, String where, OutputStream out, Consumer<byte[][]> each, boolean tryRaw)
            throws IOException {
        String from = " FROM " + t.tableName().quoted() + (where == null ? "" : " WHERE " + where);
        // rows held at once by a streamed result: ~16 MB by the server's row-size estimate; without one, one row for tables with blobs
        boolean bytes = t.columns().stream().anyMatch(Manifest.Column::binary);
        int fetch = t.avgRowLength() > 0 ? (int) Math.max(1, Math.min(1000, FETCH_BYTES / t.avgRowLength())) : bytes ? 1 : 1000;
        try {
            if (tryRaw && each == null && RawRows.available()) {
                RowFile.RowHash h = readRaw(c, t, "SELECT " + t.selectList(true) + from, fetch, out);
                if (h != null) {
                    return new RowsRead(h, true);
                }
            }
            return new RowsRead(readValues(c, t, "SELECT " + t.selectList() + from, fetch, out, each), false);
        } catch (SQLException e) {
            throw new UncheckedSql(e);
        }
    }

    /**
     * The rows as slices of the driver's row arrays, or null (nothing written) where the driver
     * hands out none or the first row's fields differ from what its getters give. Every further
     * row must split into the table's fields exactly, and every {@link RawRows#CHECK_EVERY}th
     * must equal what the getters give but for its datetimes, or the dump fails rather than
     * write rows it may have misread.
     */
    private static RowFile.RowHash readRaw(Connection c, Catalog.Table t, String sql, int fetch, OutputStream out) throws SQLException, IOException {
        int n = t.columns().size();
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(fetch);
            try (ResultSet rs = s.executeQuery(sql)) {
                if (!rs.next()) {
                    return new RowFile.Writer(out, t.columns()).finish();
                }
                RawRows raw = RawRows.of(rs);
                byte[] row = raw == null ? null : raw.current();
                if (row == null || !RawRows.parse(row, n, offsets, lengths) || !RawRows.matchesGetters(rs, t.read(), row, offsets, lengths, true)) {
                    LOG.debug("The driver's raw rows of {} are {}: reading its values through the getters", t.tableName().quoted(),
                            row == null ? "not available" : "not what its getters give");
                    return null; // closing the result reads its remaining rows
                }
                RowFile.Writer writer = new RowFile.Writer(out, t.columns());
                long rows = 0;
                do {
                    if (rows > 0) {
                        row = raw.current();
                        if (!RawRows.parse(row, n, offsets, lengths)) {
                            throw rawRowDiffers(t, rows + 1, "does not split into " + n + " fields");
                        }
                        if ((rows & (RawRows.CHECK_EVERY - 1)) == 0 && !RawRows.matchesGetters(rs, t.read(), row, offsets, lengths, false)) {
                            throw rawRowDiffers(t, rows + 1, "differs from what the driver's getters give");
                        }
                    }
                    writer.row(row, offsets, lengths);
                    rows++;
                } while (rs.next());
                return writer.finish();
            }
        }
    }

    private static BackupException rawRowDiffers(Catalog.Table t, long row, String how) {
        return new BackupException(ErrorCode.IO, "Reading " + t.tableName().quoted() + ": row " + row + " as the driver received it " + how
                + " (a driver this version of Dovetail does not know?)");
    }

    /** The rows through the driver's getters, one array per value. */
    private static RowFile.RowHash readValues(Connection c, Catalog.Table t, String sql, int fetch, OutputStream out, Consumer<byte[][]> each)
            throws SQLException, IOException {
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(fetch);
            try (ResultSet rs = s.executeQuery(sql)) {
                int n = t.columns().size();
                RowFile.Writer writer = new RowFile.Writer(out, t.columns());
                byte[][] values = new byte[n][];
                Catalog.Read[] read = t.read();
                while (rs.next()) {
                    for (int i = 0; i < n; i++) {
                        if (read[i] == Catalog.Read.STRING) {
                            String text = rs.getString(i + 1);
                            values[i] = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
                        } else {
                            values[i] = rs.getBytes(i + 1);
                        }
                    }
                    writer.row(values);
                    if (each != null) {
                        each.accept(values);
                    }
                }
                return writer.finish();
            }
        }
    }

    private static int[] trackingColumns(Catalog.Table t) {
        List<String> names = t.columns().stream().map(Manifest.Column::name).toList();
        return new int[] {names.indexOf("hash"), names.indexOf("size"), names.indexOf("attachment_name"), names.indexOf("filepath"),
                names.indexOf("contents_hash")};
    }

    private static TrackingRow trackingRow(byte[][] v, int[] c) {
        UUID hash = UuidBytes.fromBytes(v[c[0]]);
        long size = Long.parseLong(new String(v[c[1]], StandardCharsets.US_ASCII));
        String attachment = c[2] >= 0 && v[c[2]] != null ? new String(v[c[2]], StandardCharsets.UTF_8) : null;
        String filepath = c[3] >= 0 && v[c[3]] != null ? new String(v[c[3]], StandardCharsets.UTF_8) : null;
        UUID contents = c[4] >= 0 && v[c[4]] != null ? UuidBytes.fromBytes(v[c[4]]) : null;
        return new TrackingRow(hash, size, attachment, filepath, contents, null);
    }

    /** Copies the objects the tracking tables list into the object area, after the snapshot. */
    private List<Manifest.ObjectEntry> copyObjects(List<Written> written) {
        record Item(String store, String schema, TrackingRow row) { }
        List<Item> items = new ArrayList<>();
        for (Written w : written) {
            if (w.tracking().isEmpty()) {
                continue;
            }
            String storeName = w.unit().table().name().substring(TRACKING_PREFIX.length());
            for (TrackingRow r : w.tracking()) {
                items.add(new Item(storeName, w.unit().table().schema(), r));
            }
        }
        if (items.isEmpty()) {
            return List.of();
        }
        hooks.objectsStarted();
        SetCatalog sets = new SetCatalog(target.store());
        Map<String, String> known = sets.knownObjects(sets.sets());
        ObjectArea area = new ObjectArea(target.store());
        Map<String, ObjectStore> sources = new ConcurrentHashMap<>();
        Set<String> unconfigured = ConcurrentHashMap.newKeySet();
        List<String> missingNotes = Collections.synchronizedList(new ArrayList<>());
        AtomicLong copied = new AtomicLong();
        AtomicLong present = new AtomicLong();
        AtomicLong done = new AtomicLong();
        List<Manifest.ObjectEntry> out = new ArrayList<>();
        progress.start("objects", items.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(COPY_THREADS, items.size()), r -> {
            Thread t = new Thread(r, "dovetail-backup-objects");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Manifest.ObjectEntry>> futures = new ArrayList<>();
            for (Item item : items) {
                futures.add(pool.submit(() -> {
                    TrackingRow r = item.row();
                    String key = ObjectArea.key(r);
                    String sha = null;
                    boolean missing = false;
                    StoreSpec spec = config.stores().get(item.store());
                    if (spec == null) {
                        missing = true;
                        unconfigured.add(item.store());
                    } else {
                        var inArea = area.stat(item.store(), key);
                        if (inArea.isPresent() && inArea.get().size() == r.size()) {
                            sha = known.get(item.store() + "/" + key);
                            if (sha == null) {
                                sha = area.sha256(item.store(), key);
                            }
                            present.incrementAndGet();
                        } else {
                            ObjectStore source = sources.computeIfAbsent(item.store(), n -> ObjectStore.open(spec));
                            String path = r.objectPath(item.schema(), spec.subfolding());
                            try {
                                sha = area.copyIn(source, path, item.store(), r);
                                copied.incrementAndGet();
                            } catch (MissingExternalFileException e) {
                                missing = true;
                                missingNotes.add("missing object " + source.address(path) + " (tracked in " + item.schema() + ")");
                            }
                        }
                    }
                    synchronized (progress) {
                        progress.advance(done.incrementAndGet());
                    }
                    return new Manifest.ObjectEntry(item.store(), item.schema(), r.hash().toString(), r.size(), r.attachmentName(), r.filepath(),
                            r.contentsHash() == null ? null : r.contentsHash().toString(), key, sha, missing ? Boolean.TRUE : null);
                }));
            }
            for (Future<Manifest.ObjectEntry> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new BackupException(ErrorCode.IO, e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackupException(ErrorCode.IO, "Interrupted while copying objects", e);
                }
            }
        } finally {
            pool.shutdownNow();
            progress.end();
            sources.values().forEach(ObjectStore::close);
        }
        for (String store : new TreeSet<>(unconfigured)) {
            notes.add("store `" + store + "` is not configured: its objects were not copied");
        }
        List<String> sorted = new ArrayList<>(missingNotes);
        Collections.sort(sorted);
        notes.addAll(sorted);
        notes.add("objects: " + copied + " copied, " + present + " already in the object area");
        return out;
    }
}
