package org.dovetail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.dovetail.Dovetail;
import org.dovetail.DuplicateException;
import org.dovetail.InvalidValueException;
import org.dovetail.StoreException;
import org.dovetail.TestConfigs;
import org.dovetail.blob.NdArray;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.store.ObjectStores;
import org.dovetail.query.Top;
import org.dovetail.schema.Attachment;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.spi.AttributeAdapter;
import org.dovetail.spi.ObjectInfo;
import org.dovetail.spi.ObjectStore;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External columns move a whole column at a time: insert stages every row's objects before its
 * transaction and tracks them inside it, fetch reads the tracking rows once and downloads
 * attachments and filepaths in parallel, placing files exactly as one download after another would.
 */
@DovetailTest
class BulkTransfersIT {
    private static TestDatabase database;
    private static Path base;
    private static Config config;
    private static Dovetail connection;

    @BeforeAll
    static void open(TestDatabase db, TestS3 s3) throws Exception {
        database = db;
        base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bulk-it-");
        Files.createDirectories(base.resolve("fstore"));
        Files.createDirectories(base.resolve("fstage"));
        Files.createDirectories(base.resolve("sstage"));
        config = TestConfigs.builder(db).filepathManagement(true).adaptedTypes(true)
                .store(FixtureStores.fileStore(base))
                .store(FixtureStores.s3Store(s3, base.resolve("sstage").toString()))
                .build();
        connection = Dovetail.connect(config);
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    private static Table declare(String schemaName, String className, String definition) {
        Schema schema = connection.createSchema(database.schema(schemaName));
        schema.declare(Tier.MANUAL, className, definition);
        return schema.table(className);
    }

    private static Path file(String folder, String name, String contents) throws Exception {
        Path file = Files.createDirectories(base.resolve(folder)).resolve(name);
        Files.writeString(file, contents);
        return file;
    }

    private static List<TrackingRow> tracked(String store, String schema) {
        try (ExternalStore s = ExternalStore.open(connection.connection(), store)) {
            return s.tracking(schema).rows();
        }
    }

    @Test
    void theCallersRowMapsAreLeftAsTheyWereGivenAndInsertAgain() throws Exception {
        String definition = """
                rec_id : int
                ---
                trace : blob@s3store
                notes = null : attach@s3store
                raw : filepath@s3store
                """;
        Table first = declare("reuse", "First", definition);
        connection.schema(first.heading().database()).declare(Tier.MANUAL, "Second", definition);
        Table second = connection.schema(first.heading().database()).freeTable("second");
        Path stage = base.resolve("sstage");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> given = new ArrayList<>();
        double[] shared = {7, 8, 9};
        for (int i = 0; i < 4; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rec_id", i);
            row.put("trace", i < 2 ? shared : new double[] {i});
            row.put("notes", i == 3 ? null : file("reuse-notes" + i, "notes.txt", "notes " + i));
            Path raw = stage.resolve("reuse/session" + i + ".dat");
            Files.createDirectories(raw.getParent());
            Files.writeString(raw, "raw " + i);
            row.put("raw", raw);
            rows.add(row);
            given.add(new LinkedHashMap<>(row));
        }

        assertThat(first.insert(rows)).isEqualTo(4);

        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            assertThat(row.keySet()).containsExactlyElementsOf(given.get(i).keySet());
            for (String name : row.keySet()) {
                assertThat(row.get(name)).as("row %d %s", i, name).isSameAs(given.get(i).get(name));
            }
        }
        // The same maps insert again, into another table: nothing in them was replaced by a placeholder.
        assertThat(second.insert(rows)).isEqualTo(4);
        List<Map<String, Object>> back = second.top(Top.orderBy("KEY")).downloadTo(Files.createTempDirectory(base, "dl")).fetch();
        for (int i = 0; i < 4; i++) {
            assertThat(((NdArray) back.get(i).get("trace")).toDoubleArray()).containsExactly(i < 2 ? shared : new double[] {i});
            assertThat(Files.readString((Path) back.get(i).get("raw"))).isEqualTo("raw " + i);
            if (i < 3) {
                assertThat(Files.readString((Path) back.get(i).get("notes"))).isEqualTo("notes " + i);
            } else {
                assertThat(back.get(i).get("notes")).isNull();
            }
        }
        // The shared array was one object: one blob tracked for both rows; three blobs and three attachments in all.
        assertThat(tracked("s3store", first.heading().database())).filteredOn(r -> r.kind() == TrackingRow.Kind.BLOB).hasSize(3);
        assertThat(tracked("s3store", first.heading().database())).filteredOn(r -> r.kind() == TrackingRow.Kind.ATTACHMENT).hasSize(3);
        assertThat(tracked("s3store", first.heading().database())).filteredOn(r -> r.kind() == TrackingRow.Kind.FILEPATH).hasSize(4);
    }

    @Test
    void aDuplicateKeyInTheLastStatementLeavesNoRowsAndNoTrackingRows() throws Exception {
        Table scans = declare("dup", "Scan", """
                scan_id : int
                ---
                pad : longblob
                volume : blob@s3store
                notes : attach@fstore
                raw : filepath@fstore
                """);
        String schema = scans.heading().database();
        Path stage = base.resolve("fstage");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path raw = stage.resolve("dup/scan" + i + ".dat");
            Files.createDirectories(raw.getParent());
            Files.writeString(raw, "scan " + i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scan_id", i == 5 ? 0 : i); // the last row repeats the first key
            row.put("pad", new byte[1_100_000]); // four rows fill a statement: the duplicate is in the second
            row.put("volume", new double[] {i, i});
            row.put("notes", file("dup-notes" + i, "n.txt", "note " + i));
            row.put("raw", raw);
            rows.add(row);
        }

        assertThatThrownBy(() -> scans.insert(rows)).isInstanceOf(DuplicateException.class);

        assertThat(scans.count()).isZero();
        assertThat(tracked("s3store", schema)).isEmpty();
        assertThat(tracked("fstore", schema)).isEmpty();
        // The objects were uploaded before the transaction and are left behind untracked, never a row without its object.
        assertThat(Files.exists(base.resolve("fstore").resolve(schema))).isTrue();

        rows.get(5).put("scan_id", 5);
        assertThat(scans.insert(rows)).isEqualTo(6);
        assertThat(tracked("s3store", schema)).hasSize(6);
        assertThat(tracked("fstore", schema)).hasSize(12);
    }

    @Test
    void attachmentsWithCollidingNamesFetchToTheFilesOneDownloadAfterAnotherGives() throws Exception {
        Table docs = declare("clash", "Doc", "doc_id : int\n---\ndoc : attach@s3store\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        String[][] values = {{"data.txt", "A"}, {"data.txt", "B"}, {"data.txt", "A"}, {"data.txt", "C"}, {"other.bin", "X"},
                {"data", "D"}, {"data", "E"}};
        for (int i = 0; i < values.length; i++) {
            rows.add(Map.of("doc_id", i, "doc", new Attachment(values[i][0], values[i][1].getBytes(StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < 20; i++) {
            rows.add(Map.of("doc_id", 100 + i, "doc", new Attachment("many.txt", ("many " + i).getBytes(StandardCharsets.UTF_8))));
        }
        docs.insert(rows);
        // Already in the download folder: a foreign data.txt, and data_0001.txt holding row 3's attachment.
        Consumer<Path> prepare = dir -> {
            try {
                Files.writeString(dir.resolve("data.txt"), "something else");
                Files.writeString(dir.resolve("data_0001.txt"), "C");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Path parallel = Files.createTempDirectory(base, "parallel");
        prepare.accept(parallel);

        List<Map<String, Object>> fetched = docs.top(Top.orderBy("KEY")).downloadTo(parallel).fetch();

        List<String> names = fetched.stream().map(r -> parallel.relativize((Path) r.get("doc")).toString()).toList();
        List<String> expected = new ArrayList<>(List.of("data_0000.txt", "data_0002.txt", "data_0000.txt", "data_0001.txt",
                "other.bin", "data", "data_0000"));
        expected.add("many.txt");
        for (int i = 1; i < 20; i++) {
            expected.add(String.format("many_%04x.txt", i - 1));
        }
        assertThat(names).containsExactlyElementsOf(expected);
        for (int i = 0; i < fetched.size(); i++) {
            String want = i < values.length ? values[i][1] : "many " + (i - values.length);
            assertThat(Files.readString((Path) fetched.get(i).get("doc"))).as(names.get(i)).isEqualTo(want);
        }
        assertThat(Files.readString(parallel.resolve("data.txt"))).isEqualTo("something else");

        // One at a time through the store, into a folder prepared the same way: the same names.
        Path serial = Files.createTempDirectory(base, "serial");
        prepare.accept(serial);
        List<String> oneByOne = new ArrayList<>();
        try (ExternalStore store = ExternalStore.open(connection.connection(), "s3store")) {
            for (UUID hash : hashes(docs, "doc")) {
                oneByOne.add(serial.relativize(store.getAttachment(docs.heading().database(), hash, serial)).toString());
            }
        }
        assertThat(oneByOne).containsExactlyElementsOf(names);
    }

    @Test
    void theSameObjectFetchedTwiceIsDownloadedOnce() throws Exception {
        Table docs = declare("once", "Doc", "doc_id : int\n---\ndoc : attach@s3store\nraw : filepath@s3store\n");
        String schema = docs.heading().database();
        Path stage = base.resolve("sstage");
        Path shared = stage.resolve("once/shared.dat");
        Files.createDirectories(shared.getParent());
        Files.writeString(shared, "shared raw");
        Path alone = stage.resolve("once/alone.dat");
        Files.writeString(alone, "alone raw");
        Attachment same = new Attachment("same.txt", "same".getBytes(StandardCharsets.UTF_8));
        docs.insert(List.of(
                Map.of("doc_id", 1, "doc", same, "raw", shared),
                Map.of("doc_id", 2, "doc", new Attachment("same.txt", "same".getBytes(StandardCharsets.UTF_8)), "raw", shared),
                Map.of("doc_id", 3, "doc", new Attachment("other.txt", "other".getBytes(StandardCharsets.UTF_8)), "raw", alone),
                Map.of("doc_id", 4, "doc", same, "raw", Path.of(shared.toString()))));
        List<UUID> attachments = hashes(docs, "doc");
        List<UUID> filepaths = hashes(docs, "raw");
        assertThat(attachments.get(1)).isEqualTo(attachments.get(0));
        assertThat(filepaths.get(3)).isEqualTo(filepaths.get(0));
        assertThat(tracked("s3store", schema)).hasSize(2 + 2);

        StoreSpec spec = config.store("s3store");
        AtomicInteger downloads = new AtomicInteger();
        try (ExternalStore store = new ExternalStore(connection.connection(), spec, counting(ObjectStores.open(spec), downloads))) {
            Path dir = Files.createTempDirectory(base, "once");
            List<Path> files = store.getAttachments(schema, attachments, dir);
            assertThat(downloads.get()).isEqualTo(2);
            assertThat(files).containsExactly(dir.resolve("same.txt"), dir.resolve("same.txt"), dir.resolve("other.txt"),
                    dir.resolve("same.txt"));
            assertThat(Files.readString(files.get(0))).isEqualTo("same");
            assertThat(Files.readString(files.get(2))).isEqualTo("other");

            Files.delete(shared);
            Files.delete(alone);
            downloads.set(0);
            List<Path> local = store.getFilepaths(schema, filepaths);
            assertThat(downloads.get()).isEqualTo(2);
            assertThat(local).containsExactly(shared, shared, alone, shared);
            assertThat(Files.readString(shared)).isEqualTo("shared raw");
            assertThat(Files.readString(alone)).isEqualTo("alone raw");

            downloads.set(0);
            assertThat(store.getFilepaths(schema, filepaths)).containsExactly(shared, shared, alone, shared);
            assertThat(downloads.get()).as("files present and intact are not downloaded again").isZero();
        }
    }

    @Test
    void manyFilepathsInsertInOneBatchAndFetchBackAfterTheirLocalCopiesAreGone() throws Exception {
        Table recordings = declare("paths", "Recording", "rec_id : int\n---\nraw : filepath@s3store\n");
        String schema = recordings.heading().database();
        Path stage = base.resolve("sstage").resolve("paths");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Path raw = Files.createDirectories(stage.resolve("day" + i % 3)).resolve("rec" + i + ".dat");
            Files.writeString(raw, "recording " + i);
            rows.add(Map.of("rec_id", i, "raw", raw));
        }
        recordings.insert(rows);
        assertThat(tracked("s3store", schema)).extracting(TrackingRow::filepath).hasSize(30).contains("paths/day0/rec0.dat",
                "paths/day2/rec29.dat");
        for (Map<String, Object> row : rows) {
            Files.delete((Path) row.get("raw"));
        }

        List<Map<String, Object>> back = recordings.top(Top.orderBy("KEY")).fetch();

        for (int i = 0; i < 30; i++) {
            assertThat(back.get(i).get("raw")).isEqualTo(rows.get(i).get("raw"));
            assertThat(Files.readString((Path) back.get(i).get("raw"))).isEqualTo("recording " + i);
        }

        // A new version of a path that a row refers to is refused, and nothing of that insert stays.
        Path changed = (Path) rows.get(0).get("raw");
        Files.writeString(changed, "recording 0, edited");
        Path fresh = Files.writeString(stage.resolve("fresh.dat"), "fresh");
        assertThatThrownBy(() -> recordings.insert(List.of(Map.of("rec_id", 100, "raw", fresh), Map.of("rec_id", 101, "raw", changed))))
                .isInstanceOf(StoreException.class).hasMessageContaining("different version of 'paths/day0/rec0.dat'");
        assertThat(recordings.count()).isEqualTo(30);
        assertThat(tracked("s3store", schema)).hasSize(30);
    }

    @Test
    void anAdapterOverAnExternalBlobPutsEachValueOnceBeforeItIsStaged() {
        AtomicInteger puts = new AtomicInteger();
        AttributeAdapter graph = AttributeAdapter.of("graph", "blob@s3store",
                v -> {
                    puts.incrementAndGet();
                    return ((Edge) v).asArray();
                },
                s -> new Edge((int) ((NdArray) s).toDoubleArray()[0], (int) ((NdArray) s).toDoubleArray()[1]));
        Schema schema = connection.createSchema(database.schema("adapted")).withAdapter(graph);
        schema.declare(Tier.MANUAL, "Network", "net_id : int\n---\nedge : <graph>\n");
        Table networks = schema.table("Network");
        Edge shared = new Edge(1, 2);

        networks.insert(List.of(Map.of("net_id", 1, "edge", shared), Map.of("net_id", 2, "edge", shared),
                Map.of("net_id", 3, "edge", new Edge(3, 4))));

        assertThat(puts.get()).isEqualTo(2);
        assertThat(networks.top(Top.orderBy("KEY")).fetch().stream().map(r -> r.get("edge")).toList())
                .containsExactly(new Edge(1, 2), new Edge(1, 2), new Edge(3, 4));
        assertThat(tracked("s3store", schema.name())).hasSize(2);
    }

    @Test
    void aValueThatCannotBeStagedIsNamedByItsRowAndNothingIsWritten() throws Exception {
        Table traces = declare("badrow", "Trace", "trace_id : int\n---\ntrace : blob@s3store\nraw = null : filepath@fstore\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(new LinkedHashMap<>(Map.of("trace_id", 10 + i, "trace", i == 2 ? new Object() : new double[] {i})));
        }
        assertThatThrownBy(() -> traces.insert(rows))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(traces.heading().fullTableName())
                .hasMessageContaining("row 3 (trace_id=12)")
                .hasMessageContaining("`trace`");
        List<Map<String, Object>> files = new ArrayList<>();
        files.add(new LinkedHashMap<>(Map.of("trace_id", 20, "trace", new double[] {1}, "raw", base.resolve("fstage/badrow-a.dat"))));
        files.add(new LinkedHashMap<>(Map.of("trace_id", 21, "trace", new double[] {2}, "raw", 42)));
        Files.writeString(base.resolve("fstage/badrow-a.dat"), "a");
        assertThatThrownBy(() -> traces.insert(files))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("row 2 (trace_id=21)")
                .hasMessageContaining("`raw`");
        assertThat(traces.count()).isZero();
    }

    @Test
    void hashesCopiedFromAnotherTableAreTrackedAlready() throws Exception {
        String definition = "scan_id : int\n---\nvolume : blob@s3store\nnotes = null : attach@s3store\n";
        Table source = declare("copy", "Source", definition);
        String schema = source.heading().database();
        connection.schema(schema).declare(Tier.MANUAL, "Target", definition);
        connection.schema(schema).declare(Tier.MANUAL, "Copied", definition);
        Table target = connection.schema(schema).freeTable("target");
        source.insert1(Map.of("scan_id", 1, "volume", new double[] {1, 2}, "notes", new Attachment("n.txt", "n".getBytes(StandardCharsets.UTF_8))));
        source.insert1(Map.of("scan_id", 2, "volume", new double[] {3, 4}));
        List<UUID> volumes = hashes(source, "volume");
        List<UUID> notes = hashes(source, "notes");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scan_id", i + 1);
            row.put("volume", volumes.get(i));
            row.put("notes", notes.get(i));
            rows.add(row);
        }

        target.insert(rows);
        Table copied = connection.schema(schema).freeTable("copied");
        copied.insert(source);

        for (Table table : List.of(target, copied)) {
            assertThat(hashes(table, "volume")).isEqualTo(volumes);
            assertThat(hashes(table, "notes")).isEqualTo(notes);
            List<Map<String, Object>> back = table.top(Top.orderBy("KEY")).downloadTo(Files.createTempDirectory(base, "copy")).fetch();
            assertThat(((NdArray) back.get(1).get("volume")).toDoubleArray()).containsExactly(3, 4);
        }
        assertThat(tracked("s3store", schema)).hasSize(3);
    }

    /** The column's stored hashes, in key order (null for NULL). */
    private static List<UUID> hashes(Table table, String column) {
        return connection.connection().query("SELECT `" + column + "` FROM " + table.fullName() + " ORDER BY `" + table.heading().primaryKey().get(0) + "`",
                r -> Optional.ofNullable(r.getBytes(1)).map(UuidBytes::fromBytes).orElse(null));
    }

    /** A Java value an adapter stores as a blob. */
    record Edge(int from, int to) {
        double[] asArray() {
            return new double[] {from, to};
        }
    }

    /** The real store, counting downloads. */
    private static ObjectStore counting(ObjectStore real, AtomicInteger downloads) {
        return new ObjectStore() {
            @Override
            public StoreSpec spec() {
                return real.spec();
            }

            @Override
            public void put(String path, byte[] content, Map<String, String> metadata) {
                real.put(path, content, metadata);
            }

            @Override
            public void put(String path, Path source, Map<String, String> metadata) {
                real.put(path, source, metadata);
            }

            @Override
            public InputStream open(String path) {
                return real.open(path);
            }

            @Override
            public byte[] read(String path) {
                return real.read(path);
            }

            @Override
            public void download(String path, Path target) {
                downloads.incrementAndGet();
                real.download(path, target);
            }

            @Override
            public Optional<ObjectInfo> stat(String path) {
                return real.stat(path);
            }

            @Override
            public void delete(String path) {
                real.delete(path);
            }

            @Override
            public void list(String prefix, Consumer<ObjectInfo> objects, Consumer<ObjectInfo> folderMarkers) {
                real.list(prefix, objects, folderMarkers);
            }

            @Override
            public String address(String path) {
                return real.address(path);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }
}
