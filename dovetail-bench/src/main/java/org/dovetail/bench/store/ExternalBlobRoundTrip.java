package org.dovetail.bench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.store.ExternalStore;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.dovetail.testkit.TestServers;

/**
 * Side-by-side harness for DataJoint-Python's external-blob benchmark: 200 rows of a table
 * {@code item : int --- data : blob@store}, each a different 1 MiB float64 array; insert them
 * in one {@code Table.insert} call, then {@code fetch("data")} them all (no cache). Runs on the embedded MariaDB and s3proxy (start
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
            Config config = TestConfigs.of(db).fileStore("fstore", files).s3Store("s3store", s3, "bench").build();
            List<double[]> arrays = arrays(rows);
            System.out.printf("%d x %d-byte float64 arrays, %d runs, %d cores%n", rows, ELEMENTS * 8, runs,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| store | insert MB/s (median) — runs (s) | fetch MB/s (median) — runs (s) |");
            System.out.println("| --- | --- | --- |");
            try (Dovetail conn = Dovetail.connect(config)) {
                for (String name : List.of("fstore", "s3store")) {
                    try (ExternalStore store = ExternalStore.open(conn.connection(), name)) {
                        System.out.println(measure(conn, store, schema, arrays, runs));
                    }
                }
            }
        }
    }

    private static String measure(Dovetail conn, ExternalStore store, String schema, List<double[]> arrays, int runs) {
        String className = "Item" + (store.spec().name().equals("fstore") ? "File" : "S3");
        Schema lab = conn.createSchema(schema);
        lab.declare(Tier.MANUAL, className, "item : int\n---\ndata : blob@" + store.spec().name() + "\n");
        Table items = lab.table(className);
        String table = items.heading().fullTableName();
        double[] insert = new double[runs];
        double[] fetch = new double[runs];
        double megabytes = arrays.size() * ELEMENTS * 8 / 1e6;
        for (int run = 0; run < runs; run++) {
            clear(conn, store, schema, table);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < arrays.size(); i++) {
                rows.add(Map.of("item", i, "data", arrays.get(i)));
            }
            long t0 = System.nanoTime();
            items.insert(rows);
            insert[run] = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            List<Map<String, Object>> values = items.fetch("data");
            fetch[run] = (System.nanoTime() - t1) / 1e9;
            if (values.size() != arrays.size()) {
                throw new IllegalStateException("fetched " + values.size() + " rows");
            }
        }
        return "| " + store.spec().name() + " | **" + String.format("%.1f", megabytes / median(insert)) + "** — " + times(insert)
                + " | **" + String.format("%.1f", megabytes / median(fetch)) + "** — " + times(fetch) + " |";
    }

    /** Between runs, as in the Python benchmark: rows, tracking rows and objects go. */
    private static void clear(Dovetail conn, ExternalStore store, String schema, String table) {
        conn.connection().execute("DELETE FROM " + table);
        for (var row : store.trackingRows(schema)) {
            store.objects().delete(row.objectPath(schema, store.spec().subfolding()));
        }
        conn.connection().execute("DELETE FROM " + store.trackingTable(schema).quoted());
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
