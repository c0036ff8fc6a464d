package org.dovetail.bench.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dovetail.Dovetail;
import org.dovetail.blob.Blob;
import org.dovetail.config.Config;
import org.dovetail.ops.migrate.LegacyMigration;
import org.dovetail.ops.migrate.RunReport;
import org.dovetail.ops.migrate.StoreMap;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.dovetail.testkit.TestServers;

/**
 * Side-by-side harness for the 0.11 → 0.12 migration: a legacy schema like the upstream
 * notebook's ({@code A(blob_external: external, blob_share: external-shared)}), N references split
 * between a file store and an S3 store, each a different small blob; times {@code run} (which
 * plans first) for each N given.
 *
 * <pre>
 * java -Ddovetail.test.s3.dir=/tmp/s3 -cp dovetail-bench/target/dovetail-bench.jar \
 *     org.dovetail.bench.migrate.LegacyMigrationCurve 1000 10000
 * java -Ddovetail.bench.stores=file -cp dovetail-bench/target/dovetail-bench.jar \
 *     org.dovetail.bench.migrate.LegacyMigrationCurve 10000 100000 1000000
 * </pre>
 */
public final class LegacyMigrationCurve {
    /** {@code -Ddovetail.bench.stores=file}: every object in the file store (the S3 test server's listing is quadratic). */
    private static final boolean FILE_ONLY = "file".equals(System.getProperty("dovetail.bench.stores"));

    private LegacyMigrationCurve() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0 ? List.of(1000, 10000) : Arrays.stream(args).map(Integer::valueOf).toList();
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase(); TestS3 s3 = servers.newBucket()) {
            Path files = Files.createTempDirectory("dovetail-bench-legacy");
            Config config = TestConfigs.of(db).fileStore("local", files).s3Store("shared", s3, "maps").build();
            System.out.println("| legacy references | objects (file + S3) | run (s) | references/s |");
            System.out.println("| --- | --- | --- | --- |");
            try (Dovetail conn = Dovetail.connect(config)) {
                for (int n : sizes) {
                    String schema = db.schema("legacy" + n);
                    build(conn, s3, files, schema, n);
                    long t0 = System.nanoTime();
                    RunReport report = new LegacyMigration(conn, StoreMap.parse(List.of())).run(schema, false, true);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (!report.complete()) {
                        throw new IllegalStateException("not migrated: " + report);
                    }
                    int inFiles = FILE_ONLY ? n : (n + 1) / 2;
                    System.out.printf("| %,d | %,d + %,d | %.2f | %,.0f |%n", n, inFiles, n - inFiles, seconds, n / seconds);
                }
            }
        }
    }

    /** A legacy schema with n rows: half in a file column, half in an S3 column, each object distinct. */
    private static void build(Dovetail conn, TestS3 s3, Path files, String schema, int n) throws Exception {
        conn.connection().execute("CREATE DATABASE `" + schema + "`");
        conn.connection().execute("CREATE TABLE `" + schema + "`.`~external` (`hash` char(51) NOT NULL COMMENT 'the hash of stored object + store name',"
                + " `size` bigint unsigned NOT NULL, `timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`hash`))"
                + " ENGINE=InnoDB COMMENT='external storage tracking'");
        conn.connection().execute("CREATE TABLE `" + schema + "`.`a` (`id` int NOT NULL, `blob_local` char(51) DEFAULT NULL COMMENT ':external-local:on disk',"
                + " `blob_share` char(51) DEFAULT NULL COMMENT ':external-shared:in S3', PRIMARY KEY (`id`),"
                + " FOREIGN KEY (`blob_local`) REFERENCES `" + schema + "`.`~external` (`hash`),"
                + " FOREIGN KEY (`blob_share`) REFERENCES `" + schema + "`.`~external` (`hash`)) ENGINE=InnoDB");
        Random random = new Random(n);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        conn.connection().transaction(() -> conn.connection().withJdbc(jdbc -> {
            try (PreparedStatement ext = jdbc.prepareStatement("INSERT INTO `" + schema + "`.`~external` (hash, size) VALUES (?, ?)");
                 PreparedStatement row = jdbc.prepareStatement("INSERT INTO `" + schema + "`.`a` (id, blob_local, blob_share) VALUES (?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    boolean local = FILE_ONLY || i % 2 == 0;
                    byte[] blob = Blob.encode(new double[] {random.nextGaussian(), random.nextGaussian(), i});
                    String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(blob)).substring(0, 43)
                            + (local ? "local" : "shared");
                    if (local) {
                        Path file = files.resolve(schema).resolve(hash);
                        Files.createDirectories(file.getParent());
                        Files.write(file, blob);
                    } else {
                        s3.putObject("maps/" + schema + "/" + hash, blob, Map.of());
                    }
                    ext.setString(1, hash);
                    ext.setLong(2, blob.length);
                    ext.addBatch();
                    row.setInt(1, i);
                    row.setString(2, local ? hash : null);
                    row.setString(3, local ? null : hash);
                    row.addBatch();
                    if (i % 5000 == 4999) {
                        ext.executeBatch();
                        row.executeBatch();
                    }
                }
                ext.executeBatch();
                row.executeBatch();
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
