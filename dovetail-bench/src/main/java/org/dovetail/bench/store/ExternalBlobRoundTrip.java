package org.dovetail.bench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.dovetail.blob.Blob;
import org.dovetail.blob.EncodeOptions;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.hash.UuidBytes;
import org.dovetail.store.ExternalStore;
import org.dovetail.store.StagedObject;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.dovetail.testkit.TestServers;

/**
 * Side-by-side harness for DataJoint-Python's external-blob benchmark: 200 rows of a table
 * {@code item : int --- data : blob@store}, each a different 1 MiB float64 array; insert them
 * in one call, then fetch them all (no cache). Runs on the embedded MariaDB and s3proxy (start
 * the JVM with {@code -Ddovetail.test.s3.dir=DIR} for s3proxy's filesystem backend, which the
 * Python baseline used). Prints the median of 3 runs per store.
 *
 * <pre>
 * java -Ddovetail.test.s3.dir=/tmp/s3 -cp dovetail-bench/target/dovetail-bench.jar \
 *     org.dovetail.bench.store.ExternalBlobRoundTrip [rows] [runs]
 * </pre>
 */
public final class ExternalBlobRoundTrip {
    private static final int ELEMENTS = 131_072;

    private ExternalBlobRoundTrip() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase(); TestS3 s3 = servers.newBucket()) {
            Path files = Files.createTempDirectory("dovetail-bench-fstore");
            String schema = db.schema("bench");
            Config config = Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password())
                    .store(new StoreSpec("fstore", StoreSpec.Protocol.FILE, files.toString(), null, null, null, null, false, null,
                            StoreSpec.DEFAULT_SUBFOLDING, null))
                    .store(new StoreSpec("s3store", StoreSpec.Protocol.S3, "bench", s3.hostAndPort(), s3.bucket(), s3.accessKey(),
                            s3.secretKey(), false, null, StoreSpec.DEFAULT_SUBFOLDING, null))
                    .build();
            List<double[]> arrays = arrays(rows);
            System.out.printf("%d x %d-byte float64 arrays, %d runs, %d cores%n", rows, ELEMENTS * 8, runs,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| store | insert MB/s (median) — runs (s) | fetch MB/s (median) — runs (s) |");
            System.out.println("| --- | --- | --- |");
            try (Connection conn = Connection.open(config)) {
                conn.execute("CREATE DATABASE `" + schema + "`");
                for (String name : List.of("fstore", "s3store")) {
                    try (ExternalStore store = ExternalStore.open(conn, name)) {
                        System.out.println(measure(conn, store, schema, arrays, runs));
                    }
                }
            }
        }
    }

    private static String measure(Connection conn, ExternalStore store, String schema, List<double[]> arrays, int runs) {
        String table = "`" + schema + "`.`item_" + store.spec().name() + "`";
        store.tracking(schema);
        conn.execute("CREATE TABLE " + table + " (item INT NOT NULL, data BINARY(16) NOT NULL COMMENT ':blob@" + store.spec().name()
                + ":', PRIMARY KEY (item), FOREIGN KEY (data) REFERENCES " + store.tracking(schema).fullName() + " (hash)) ENGINE=InnoDB");
        double[] insert = new double[runs];
        double[] fetch = new double[runs];
        double megabytes = arrays.size() * ELEMENTS * 8 / 1e6;
        for (int run = 0; run < runs; run++) {
            clear(conn, store, schema, table);
            long t0 = System.nanoTime();
            insert(conn, store, schema, table, arrays);
            insert[run] = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            List<Object> values = fetch(conn, store, schema, table);
            fetch[run] = (System.nanoTime() - t1) / 1e9;
            if (values.size() != arrays.size()) {
                throw new IllegalStateException("fetched " + values.size() + " rows");
            }
        }
        return "| " + store.spec().name() + " | **" + String.format("%.1f", megabytes / median(insert)) + "** — " + times(insert)
                + " | **" + String.format("%.1f", megabytes / median(fetch)) + "** — " + times(fetch) + " |";
    }

    /** The insert path: pack on all cores, upload in parallel, then one transaction for tracking rows and table rows. */
    private static void insert(Connection conn, ExternalStore store, String schema, String table, List<double[]> arrays) {
        List<byte[]> blobs = Blob.encodeAll(new ArrayList<>(arrays), EncodeOptions.defaults());
        List<StagedObject> staged = store.stageBlobs(schema, blobs);
        conn.transaction(() -> {
            staged.forEach(s -> store.track(schema, s));
            return conn.withJdbc(jdbc -> {
                try (PreparedStatement ps = jdbc.prepareStatement("INSERT INTO " + table + " (item, data) VALUES (?, ?)")) {
                    for (int i = 0; i < staged.size(); i++) {
                        ps.setInt(1, i);
                        ps.setBytes(2, UuidBytes.toBytes(staged.get(i).hash()));
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                }
            });
        });
    }

    private static List<Object> fetch(Connection conn, ExternalStore store, String schema, String table) {
        List<UUID> hashes = conn.query("SELECT data FROM " + table + " ORDER BY item", r -> UuidBytes.fromBytes(r.getBytes(1)));
        List<byte[]> blobs = store.getBlobs(schema, hashes);
        return blobs.parallelStream().map(Blob::decode).toList();
    }

    /** Between runs, as in the Python benchmark: rows, tracking rows and objects go. */
    private static void clear(Connection conn, ExternalStore store, String schema, String table) {
        conn.execute("DELETE FROM " + table);
        for (var row : store.tracking(schema).rows()) {
            store.objects().delete(row.objectPath(schema, store.spec().subfolding()));
        }
        conn.execute("DELETE FROM " + store.tracking(schema).fullName());
    }

    private static List<double[]> arrays(int rows) {
        Random random = new Random(7);
        List<double[]> arrays = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            double[] a = new double[ELEMENTS];
            for (int j = 0; j < ELEMENTS; j++) {
                a[j] = random.nextGaussian();
            }
            arrays.add(a);
        }
        return arrays;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String times(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format("%.2f", v));
        }
        return sb.toString();
    }
}
