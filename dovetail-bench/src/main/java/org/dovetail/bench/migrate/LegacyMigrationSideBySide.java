package org.dovetail.bench.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dovetail.Dovetail;
import org.dovetail.bench.PythonSide;
import org.dovetail.bench.net.LatencyRelay;
import org.dovetail.blob.Blob;
import org.dovetail.blob.BlobJson;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.hash.UuidBytes;
import org.dovetail.spi.ObjectStore;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.dovetail.testkit.TestServers;

/**
 * The 0.11 → 0.12 migration as users run it, side by side in one run: DataJoint-Python's
 * documented procedure (the upstream notebook's {@code migrate_dj011_external_blob_storage_to_dj012})
 * and {@code dovetail migrate legacy-external run} in a fresh JVM, on two identical legacy schemas.
 *
 * <p>The schemas are the notebook's: {@code A(id, blob_external: external, blob_share: external-shared)}
 * and {@code B(id, blob_local: external-local, blob_share: external-shared)}, N/4 rows each, so N
 * legacy references to N distinct small blobs, three quarters in S3 ({@code external} under
 * {@code store/}, {@code external-shared} under {@code maps/}) and a quarter in a file store. The
 * bucket also holds other schemas' objects under the same locations, as a lab's bucket does:
 * {@code FOREIGN} times the schema's own S3 objects (half legacy flat, half in the current
 * subfolded layout), besides the twin schema's.
 *
 * <p>Both sides are separate processes started from a working directory holding the
 * {@code dj_local_conf.json} both read. The Dovetail time is process start to exit; the Python
 * time is the migration call alone (as in a notebook whose kernel has already imported
 * DataJoint), with its process time printed beside it. Afterwards every value of both schemas
 * is fetched through Dovetail and compared with the value written, and the two schemas' new
 * tracking rows are compared with each other.
 *
 * <pre>
 * java -Ddovetail.test.s3.dir=/scratch/s3 -Ddovetail.bench.python=/path/to/venv/bin/python \
 *     -cp dovetail-bench/target/dovetail-bench.jar org.dovetail.bench.migrate.LegacyMigrationSideBySide 10000 10 3
 * </pre>
 *
 * <p>Arguments: N (default 10,000), FOREIGN (default 10), runs (default 1). Properties:
 * {@code dovetail.bench.python}, an interpreter with DataJoint-Python and its {@code migrate.py}
 * (without it only Dovetail runs, compared with the stored figure); {@code dovetail.bench.cli}, the
 * command that starts Dovetail, split at spaces, or several separated by {@code ;}, each timed on a
 * schema of its own (default {@code ./dovetail}, the launcher of a source checkout, run from the
 * checkout's root; e.g. {@code ./dovetail;java -jar dovetail-cli/target/dovetail.jar});
 * {@code dovetail.bench.cli.args}, extra arguments after {@code run SCHEMA} (e.g. {@code --debug});
 * {@code dovetail.bench.s3.rtt}, round-trip times in milliseconds separated by {@code ,}, each a
 * condition of its own with all the runs (default {@code 0}): 0 is S3 on loopback, any other puts a
 * {@link LatencyRelay} adding that round trip between the S3 server and both sides, which are
 * given its address as the stores' endpoint, as a lab reaches its bucket over a network (the
 * database stays on loopback). The harness's own writes and checks go to the server directly.
 */
public final class LegacyMigrationSideBySide {
    /** DataJoint-Python 0.14.9, notebook procedure, 10,000 references, median of run B (shared/research peer baselines). */
    static final double STORED_PYTHON_10K_SECONDS = 21.5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] COLUMNS = {{"a", "blob_external", "external"}, {"a", "blob_share", "external-shared"},
        {"b", "blob_local", "external-local"}, {"b", "blob_share", "external-shared"}};

    private final TestDatabase db;
    private final TestS3 s3;
    private final Path files;
    private final Path work;
    private final Config config;
    private final ExecutorService puts = Executors.newFixedThreadPool(4);

    private LegacyMigrationSideBySide(TestDatabase db, TestS3 s3, Path files, Path work) {
        this.db = db;
        this.s3 = s3;
        this.files = files;
        this.work = work;
        this.config = TestConfigs.of(db).s3Store("external", s3, "store").s3Store("shared", s3, "maps").fileStore("local", files).build();
    }

    private StoreSpec s3Spec(String name, String location) {
        return new StoreSpec(name, StoreSpec.Protocol.S3, location, s3.hostAndPort(), s3.bucket(), s3.accessKey(), s3.secretKey(),
                false, null, StoreSpec.DEFAULT_SUBFOLDING, null);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int foreign = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String python = System.getProperty("dovetail.bench.python");
        List<List<String>> clis = Arrays.stream(System.getProperty("dovetail.bench.cli", "./dovetail").split(";"))
                .map(c -> Arrays.asList(c.trim().split(" "))).toList();
        List<String> cliArgs = System.getProperty("dovetail.bench.cli.args", "").isBlank() ? List.of()
                : Arrays.asList(System.getProperty("dovetail.bench.cli.args").split(" "));
        List<Integer> roundTrips = Arrays.stream(System.getProperty("dovetail.bench.s3.rtt", "0").split(","))
                .map(ms -> Integer.parseInt(ms.trim())).toList();
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase(); TestS3 s3 = servers.newBucket()) {
            LegacyMigrationSideBySide bench = new LegacyMigrationSideBySide(db, s3, Files.createTempDirectory("dovetail-bench-legacy-files"),
                    Files.createTempDirectory("dovetail-bench-legacy-work"));
            try {
                bench.run(n, foreign, runs, python, clis, cliArgs, roundTrips);
            } finally {
                bench.puts.shutdownNow();
            }
        }
    }

    private void run(int n, int foreign, int runs, String python, List<List<String>> clis, List<String> cliArgs,
                     List<Integer> roundTrips) throws Exception {
        Path driver = work.resolve("notebook_migration.py");
        try (InputStream in = LegacyMigrationSideBySide.class.getResourceAsStream("notebook_migration.py")) {
            Files.write(driver, in.readAllBytes());
        }
        int ownS3 = n / 4 * 3;
        long t0 = System.nanoTime();
        int others = putForeignObjects(foreign * ownS3);
        System.out.printf("bucket: %,d objects of %d other schemas (%.0f s to write); each schema's own: %,d in S3, %,d in files%n",
                foreign * ownS3, others, (System.nanoTime() - t0) / 1e9, ownS3, n / 4);
        for (int rtt : roundTrips) {
            if (rtt == 0) {
                System.out.println("S3 on loopback, no relay");
                writeLocalConfig(s3.hostAndPort());
                runAll(n, runs, python, driver, clis, cliArgs, null);
            } else {
                try (LatencyRelay relay = new LatencyRelay(s3.hostAndPort(), Duration.ofMillis(rtt))) {
                    System.out.printf("S3 through a relay adding %d ms per round trip (both sides use %s)%n", rtt, relay.hostAndPort());
                    writeLocalConfig(relay.hostAndPort());
                    runAll(n, runs, python, driver, clis, cliArgs, relay);
                }
            }
        }
    }

    /** The timed runs of one condition; {@code relay} is the latency relay both sides go through, or null. */
    private void runAll(int n, int runs, String python, Path driver, List<List<String>> clis, List<String> cliArgs,
                        LatencyRelay relay) throws Exception {
        StringBuilder header = new StringBuilder("| run | references | DataJoint-Python migrate call (process) |");
        StringBuilder rule = new StringBuilder("| --- | --- | --- |");
        for (List<String> cli : clis) {
            header.append(" `").append(String.join(" ", cli)).append("` | ratio |");
            rule.append(" --- | --- |");
        }
        System.out.println(header.append(relay == null ? "" : " S3 connections |").append(" values correct |"));
        System.out.println(rule.append(relay == null ? "" : " --- |").append(" --- |"));
        List<Double> pythonTimes = new ArrayList<>();
        List<List<Double>> dovetailTimes = new ArrayList<>();
        clis.forEach(c -> dovetailTimes.add(new ArrayList<>()));
        try (Dovetail conn = Dovetail.connect(config)) {
            for (int r = 1; r <= runs; r++) {
                String pySchema = db.schema("nb" + r);
                List<String> dtSchemas = new ArrayList<>();
                Map<String, byte[]> expected = null;
                for (int v = 0; v < clis.size(); v++) {
                    dtSchemas.add(db.schema("dt" + r + "_" + v));
                    expected = build(conn, dtSchemas.get(v), n, r);
                }
                if (python != null) {
                    build(conn, pySchema, n, r);
                }
                double[] py = null;
                double[] dt = new double[clis.size()];
                int pyConnections = 0;
                int[] dtConnections = new int[clis.size()];
                if (python != null && r % 2 == 1) { // alternate which side goes first
                    int before = connections(relay);
                    py = runPython(python, driver, pySchema);
                    pyConnections = connections(relay) - before;
                }
                for (int v = 0; v < clis.size(); v++) {
                    int before = connections(relay);
                    dt[v] = runDovetail(clis.get(v), cliArgs, dtSchemas.get(v));
                    dtConnections[v] = connections(relay) - before;
                }
                if (python != null && r % 2 == 0) {
                    int before = connections(relay);
                    py = runPython(python, driver, pySchema);
                    pyConnections = connections(relay) - before;
                }
                int correct = 0;
                for (String dtSchema : dtSchemas) {
                    correct += checkValues(conn, dtSchema, expected);
                }
                String pyCell = "stored figure" + (relay == null ? "" : " (loopback)") + ": " + STORED_PYTHON_10K_SECONDS + " s";
                double pySeconds = STORED_PYTHON_10K_SECONDS * n / 10_000.0;
                if (py != null) {
                    correct += checkValues(conn, pySchema, expected);
                    for (String dtSchema : dtSchemas) {
                        compareTracking(conn, pySchema, dtSchema);
                    }
                    pySeconds = py[0];
                    pyCell = String.format("%.2f s (%.2f s)", py[0], py[1]);
                }
                int values = (dtSchemas.size() + (py == null ? 0 : 1)) * n;
                if (correct != values) {
                    throw new IllegalStateException(correct + " of " + values + " values correct");
                }
                pythonTimes.add(pySeconds);
                StringBuilder line = new StringBuilder(String.format("| %d | %,d | %s |", r, n, pyCell));
                for (int v = 0; v < clis.size(); v++) {
                    dovetailTimes.get(v).add(dt[v]);
                    line.append(String.format(" %.2f s | %.1f× |", dt[v], pySeconds / dt[v]));
                }
                if (relay != null) {
                    line.append(" Python ").append(py == null ? "-" : pyConnections);
                    for (int v = 0; v < clis.size(); v++) {
                        line.append(", ").append(dtConnections[v]);
                    }
                    line.append(" |");
                }
                System.out.println(line.append(String.format(" %,d of %,d |", correct, values)));
                if (python != null) {
                    drop(conn, pySchema);
                }
                for (String dtSchema : dtSchemas) {
                    drop(conn, dtSchema);
                }
            }
        }
        StringBuilder summary = new StringBuilder(String.format("median of %d: Python %.2f s%s", runs, median(pythonTimes),
                python == null ? " (the stored figure, scaled to N)" : ""));
        for (int v = 0; v < clis.size(); v++) {
            double m = median(dovetailTimes.get(v));
            summary.append(String.format("; `%s` %.2f s, %.1f×", String.join(" ", clis.get(v)), m, median(pythonTimes) / m));
        }
        System.out.println(summary);
    }

    private static int connections(LatencyRelay relay) {
        return relay == null ? 0 : relay.connections();
    }

    /** The configuration both sides read, with the S3 stores at {@code endpoint}. */
    private void writeLocalConfig(String endpoint) throws IOException {
        ObjectNode conf = PythonSide.localConfig(db);
        ObjectNode stores = conf.putObject("stores");
        for (String[] s : new String[][] {{"external", "store"}, {"shared", "maps"}}) {
            ObjectNode store = stores.putObject(s[0]);
            store.put("protocol", "s3");
            store.put("endpoint", endpoint);
            store.put("bucket", s3.bucket());
            store.put("location", s[1]);
            store.put("access_key", s3.accessKey());
            store.put("secret_key", s3.secretKey());
            store.put("secure", false);
        }
        ObjectNode local = stores.putObject("local");
        local.put("protocol", "file");
        local.put("location", files.toString());
        PythonSide.writeConfig(work, conf);
    }

    /** Other schemas' objects under both S3 locations: half flat legacy objects, half in the current subfolded layout. */
    private int putForeignObjects(int count) throws Exception {
        int schemas = 10;
        try (ObjectStore store = ObjectStore.open(s3Spec("external", "store")); ObjectStore maps = ObjectStore.open(s3Spec("shared", "maps"))) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int k = i;
                done.add(puts.submit(() -> {
                    String other = "lab_other" + (k % schemas);
                    String name = legacyHash(("foreign " + k).getBytes(StandardCharsets.UTF_8));
                    String path = k % 4 < 2 ? other + "/" + name
                            : other + "/" + name.substring(0, 2) + "/" + name.substring(2, 4) + "/" + name.substring(4, 36);
                    (k % 2 == 0 ? store : maps).put(path, new byte[] {(byte) k}, Map.of());
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return schemas;
    }

    /** The notebook's legacy schema with n references; returns the blob written for each "table id column". */
    private Map<String, byte[]> build(Dovetail conn, String schema, int n, int seed) throws Exception {
        conn.connection().execute("CREATE DATABASE `" + schema + "`");
        conn.connection().execute("CREATE TABLE `" + schema + "`.`~external` (`hash` char(51) NOT NULL COMMENT 'the hash of stored object + store name',"
                + " `size` bigint(20) unsigned NOT NULL COMMENT 'size of object in bytes',"
                + " `timestamp` timestamp NOT NULL DEFAULT current_timestamp() COMMENT 'automatic timestamp', PRIMARY KEY (`hash`))"
                + " ENGINE=InnoDB COMMENT='external storage tracking'");
        for (String table : List.of("a", "b")) {
            String[] first = table.equals("a") ? COLUMNS[0] : COLUMNS[2];
            conn.connection().execute("CREATE TABLE `" + schema + "`.`" + table + "` (`id` int(11) NOT NULL,"
                    + " `" + first[1] + "` char(51) NOT NULL COMMENT ':" + first[2] + ":" + (first[2].equals("external-local") ? "uses files" : "uses S3") + "',"
                    + " `blob_share` char(51) NOT NULL COMMENT ':external-shared:uses S3', PRIMARY KEY (`id`),"
                    + " KEY `" + first[1] + "` (`" + first[1] + "`), KEY `blob_share` (`blob_share`),"
                    + " CONSTRAINT `" + table + "_ibfk_1` FOREIGN KEY (`" + first[1] + "`) REFERENCES `~external` (`hash`),"
                    + " CONSTRAINT `" + table + "_ibfk_2` FOREIGN KEY (`blob_share`) REFERENCES `~external` (`hash`)) ENGINE=InnoDB");
        }
        Map<String, byte[]> expected = new HashMap<>();
        Random random = new Random(seed);
        int rows = n / 4;
        try (ObjectStore store = ObjectStore.open(s3Spec("external", "store")); ObjectStore maps = ObjectStore.open(s3Spec("shared", "maps"))) {
            List<Future<?>> done = new ArrayList<>();
            conn.connection().transaction(() -> conn.connection().withJdbc(jdbc -> {
                try (PreparedStatement ext = jdbc.prepareStatement("INSERT INTO `" + schema + "`.`~external` (hash, size) VALUES (?, ?)");
                     PreparedStatement a = jdbc.prepareStatement("INSERT INTO `" + schema + "`.`a` VALUES (?, ?, ?)");
                     PreparedStatement b = jdbc.prepareStatement("INSERT INTO `" + schema + "`.`b` VALUES (?, ?, ?)")) {
                    for (int id = 0; id < rows; id++) {
                        for (int c = 0; c < COLUMNS.length; c++) {
                            String[] col = COLUMNS[c];
                            byte[] blob = Blob.encode(new double[] {random.nextGaussian(), random.nextGaussian(), id, c});
                            String suffix = col[2].equals("external") ? "" : col[2].substring("external-".length());
                            String hash = legacyHash(blob) + suffix;
                            String path = schema + "/" + hash;
                            switch (col[2]) {
                                case "external-local" -> {
                                    Path file = files.resolve(path);
                                    Files.createDirectories(file.getParent());
                                    Files.write(file, blob);
                                }
                                case "external" -> done.add(puts.submit(() -> store.put(path, blob, Map.of())));
                                default -> done.add(puts.submit(() -> maps.put(path, blob, Map.of())));
                            }
                            expected.put(col[0] + " " + id + " " + col[1], blob);
                            ext.setString(1, hash);
                            ext.setLong(2, blob.length);
                            ext.addBatch();
                            PreparedStatement row = col[0].equals("a") ? a : b;
                            if (c % 2 == 0) {
                                row.setInt(1, id);
                                row.setString(2, hash);
                            } else {
                                row.setString(3, hash);
                                row.addBatch();
                            }
                        }
                        if (id % 2000 == 1999) {
                            ext.executeBatch();
                            a.executeBatch();
                            b.executeBatch();
                        }
                    }
                    ext.executeBatch();
                    a.executeBatch();
                    b.executeBatch();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            for (Future<?> f : done) {
                f.get();
            }
        }
        return expected;
    }

    static String legacyHash(byte[] blob) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob)).substring(0, 43);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private double[] runPython(String python, Path driver, String schema) throws Exception {
        Path out = work.resolve("python-" + schema + ".out");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(python, driver.toString(), schema, "external").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().write("yes\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        String output = Files.readString(out);
        if (code != 0) {
            throw new IllegalStateException("DataJoint-Python's migration failed (exit " + code + "):\n" + output);
        }
        String timings = output.lines().filter(l -> l.startsWith("TIMINGS ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no TIMINGS line from the Python driver:\n" + output));
        JsonNode t = JSON.readTree(timings.substring("TIMINGS ".length()));
        return new double[] {t.get("migrate_s").asDouble(), wall};
    }

    private double runDovetail(List<String> cli, List<String> cliArgs, String schema) throws Exception {
        List<String> command = new ArrayList<>();
        for (String part : cli) {
            // a relative jar or script is relative to where the benchmark was started, not the working directory
            command.add(!part.startsWith("-") && part.contains("/") && Files.exists(Path.of(part)) ? Path.of(part).toAbsolutePath().toString() : part);
        }
        command.addAll(List.of("migrate", "legacy-external", "run", schema));
        command.addAll(cliArgs);
        Path out = work.resolve("dovetail-" + schema + ".out");
        Path err = work.resolve("dovetail-" + schema + ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("dovetail migrate failed (exit " + code + "):\n" + Files.readString(out) + Files.readString(err));
        }
        if (!cliArgs.isEmpty()) {
            System.out.print(Files.readString(err));
        }
        return wall;
    }

    /** Fetches every value of the schema through Dovetail; returns how many equal the blob written. */
    private static int checkValues(Dovetail conn, String schema, Map<String, byte[]> expected) {
        int correct = 0;
        for (String table : List.of("a", "b")) {
            for (Map<String, Object> row : conn.schema(schema).freeTable(table).fetch()) {
                for (var field : row.entrySet()) {
                    if (field.getKey().equals("id")) {
                        continue;
                    }
                    byte[] want = expected.get(table + " " + row.get("id") + " " + field.getKey());
                    if (want != null && BlobJson.toJson(field.getValue()).equals(BlobJson.toJson(Blob.decode(want)))) {
                        correct++;
                    }
                }
            }
        }
        return correct;
    }

    /** Both procedures must leave the same tracking rows (but for the schema name in the path). */
    private static void compareTracking(Dovetail conn, String pySchema, String dtSchema) {
        for (String store : List.of("external", "shared", "local")) {
            TreeSet<String> py = trackingRows(conn, pySchema, store);
            TreeSet<String> dt = trackingRows(conn, dtSchema, store);
            if (!py.equals(dt)) {
                throw new IllegalStateException("~external_" + store + " differs: DataJoint-Python " + py.size() + " rows, Dovetail " + dt.size());
            }
        }
    }

    private static TreeSet<String> trackingRows(Dovetail conn, String schema, String store) {
        return new TreeSet<>(conn.connection().query("SELECT size, filepath, contents_hash FROM `" + schema + "`.`~external_" + store + "`",
                r -> r.getLong(1) + " " + r.getString(2).substring(schema.length()) + " " + UuidBytes.fromBytes(r.getBytes(3))));
    }

    /** Drops the schema and deletes its objects, so that every run sees the same bucket. */
    private void drop(Dovetail conn, String schema) throws Exception {
        conn.connection().execute("DROP DATABASE `" + schema + "`");
        for (StoreSpec spec : List.of(s3Spec("external", "store"), s3Spec("shared", "maps"))) {
            try (ObjectStore store = ObjectStore.open(spec)) {
                List<String> paths = new ArrayList<>();
                store.list(schema + "/", info -> paths.add(info.path()));
                List<Future<?>> done = new ArrayList<>();
                for (String path : paths) {
                    done.add(puts.submit(() -> store.delete(path)));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
        }
        try (var walk = Files.walk(files.resolve(schema))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
