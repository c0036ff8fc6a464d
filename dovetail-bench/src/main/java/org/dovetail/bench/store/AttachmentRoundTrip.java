package org.dovetail.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.store.ExternalStore;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.dovetail.testkit.TestServers;

/**
 * Attachments and filepaths through a table: {@code rows} files of {@code kib} KiB each (random
 * bytes named {@code data<i>.bin}, or with {@code same} all {@code data.bin}, so that fetch numbers
 * them), inserted into
 * {@code item : int --- doc : attach@store} with one {@code Table.insert} call and fetched back into
 * a new folder; then the same files as {@code filepath@store} values, fetched after their local
 * copies are deleted. Rows, tracking rows and objects go between runs. Prints the median of the
 * runs per store.
 *
 * <pre>
 * java -Ddovetail.test.s3.dir=/tmp/s3 -cp dovetail-bench/target/dovetail-bench.jar \
 *     org.dovetail.bench.store.AttachmentRoundTrip [rows] [runs] [kib] [distinct|same]
 * </pre>
 */
public final class AttachmentRoundTrip {
    private AttachmentRoundTrip() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int kib = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        boolean sameName = args.length > 3 && args[3].equals("same");
        Path scratch = Files.createTempDirectory("dovetail-bench-attach");
        for (String folder : List.of("fstore", "fstage", "sstage")) {
            Files.createDirectories(scratch.resolve(folder));
        }
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase(); TestS3 s3 = servers.newBucket()) {
            String schema = db.schema("bench");
            Config config = TestConfigs.of(db).builder().filepathManagement(true)
                    .store(StoreSpec.file("fstore", scratch.resolve("fstore").toString()).withStage(scratch.resolve("fstage").toString()))
                    .store(StoreSpec.s3("s3store", s3.hostAndPort(), s3.bucket(), "bench", s3.accessKey(), s3.secretKey())
                            .withStage(scratch.resolve("sstage").toString()))
                    .build();
            System.out.printf("%d files x %d KiB, attachment names %s, %d runs, %d cores%n", rows, kib, sameName ? "the same" : "distinct",
                    runs, Runtime.getRuntime().availableProcessors());
            System.out.println("| store | attach insert MB/s — runs (s) | attach fetch MB/s — runs (s) | filepath insert MB/s — runs (s)"
                    + " | filepath fetch MB/s — runs (s) |");
            System.out.println("| --- | --- | --- | --- | --- |");
            try (Dovetail conn = Dovetail.connect(config)) {
                Schema lab = conn.createSchema(schema);
                for (String name : List.of("fstore", "s3store")) {
                    try (ExternalStore store = ExternalStore.open(conn.connection(), name)) {
                        System.out.println(measure(lab, store, scratch, rows, kib, runs, sameName));
                    }
                }
            }
        } finally {
            delete(scratch); // after the servers stopped
        }
    }

    private static String measure(Schema lab, ExternalStore store, Path scratch, int rows, int kib, int runs, boolean sameName)
            throws Exception {
        String suffix = store.spec().name().equals("fstore") ? "File" : "S3";
        lab.declare(Tier.MANUAL, "Doc" + suffix, "item : int\n---\ndoc : attach@" + store.spec().name() + "\n");
        lab.declare(Tier.MANUAL, "Raw" + suffix, "item : int\n---\nraw : filepath@" + store.spec().name() + "\n");
        Table docs = lab.table("Doc" + suffix);
        Table raws = lab.table("Raw" + suffix);
        Path stage = Path.of(store.spec().stage()).resolve("bench");
        List<Path> files = files(scratch.resolve("files-" + suffix), stage, rows, kib, sameName);
        double megabytes = rows * kib * 1024 / 1e6;
        double[][] times = new double[4][runs];
        for (int run = 0; run < runs; run++) {
            clear(lab.connection(), store, lab.name(), docs, raws);
            List<Map<String, Object>> attachRows = new ArrayList<>();
            List<Map<String, Object>> pathRows = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                attachRows.add(Map.of("item", i, "doc", files.get(i)));
                pathRows.add(Map.of("item", i, "raw", files.get(rows + i)));
            }
            long t0 = System.nanoTime();
            docs.insert(attachRows);
            times[0][run] = seconds(t0);
            Path into = Files.createTempDirectory(scratch, "fetch");
            long t1 = System.nanoTime();
            check(docs.downloadTo(into).fetch("doc").size(), rows);
            times[1][run] = seconds(t1);
            long t2 = System.nanoTime();
            raws.insert(pathRows);
            times[2][run] = seconds(t2);
            for (int i = 0; i < rows; i++) {
                Files.delete(files.get(rows + i)); // fetch downloads them again, for the next run too
            }
            long t3 = System.nanoTime();
            check(raws.fetch("raw").size(), rows);
            times[3][run] = seconds(t3);
        }
        StringBuilder line = new StringBuilder("| " + store.spec().name() + " |");
        for (double[] t : times) {
            line.append(" **").append(String.format("%.1f", megabytes / median(t))).append("** — ").append(times(t)).append(" |");
        }
        return line.toString();
    }

    /** {@code rows} attachments (each in a folder of its own) and {@code rows} files under the stage. */
    private static List<Path> files(Path dir, Path stage, int rows, int kib, boolean sameName) throws Exception {
        Random random = new Random(11);
        List<Path> files = new ArrayList<>(2 * rows);
        byte[] content = new byte[kib * 1024];
        for (int i = 0; i < rows; i++) {
            random.nextBytes(content);
            files.add(Files.write(Files.createDirectories(dir.resolve("f" + i)).resolve(sameName ? "data.bin" : "data" + i + ".bin"), content));
        }
        for (int i = 0; i < rows; i++) {
            random.nextBytes(content);
            files.add(Files.write(Files.createDirectories(stage.resolve("d" + i % 10)).resolve("raw" + i + ".bin"), content));
        }
        return files;
    }

    /** Removes the scratch folder (some hundred megabytes of files) when the harness ends. */
    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + dir, e);
        }
    }

    private static void clear(Connection conn, ExternalStore store, String schema, Table docs, Table raws) {
        conn.execute("DELETE FROM " + docs.fullName());
        conn.execute("DELETE FROM " + raws.fullName());
        for (var row : store.trackingRows(schema)) {
            store.objects().delete(row.objectPath(schema, store.spec().subfolding()));
        }
        conn.execute("DELETE FROM " + store.trackingTable(schema).quoted());
    }

    private static void check(int fetched, int rows) {
        if (fetched != rows) {
            throw new IllegalStateException("fetched " + fetched + " rows");
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
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
