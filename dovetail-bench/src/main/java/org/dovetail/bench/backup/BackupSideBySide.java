package org.dovetail.bench.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.embedded.MariaDbBinaries;
import org.dovetail.ops.backup.BackupRequest;
import org.dovetail.ops.backup.BackupTarget;
import org.dovetail.ops.backup.Backups;
import org.dovetail.ops.backup.Compression;
import org.dovetail.ops.backup.CreateReport;
import org.dovetail.ops.backup.RestorePlan;
import org.dovetail.ops.backup.RestoreReport;
import org.dovetail.ops.backup.RestoreRequest;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestServers;

/**
 * {@code dovetail backup} beside {@code mariadb-dump} / {@code mariadb < dump.sql}, same server, same
 * run: a blob-heavy schema (64 x 8 MiB longblobs, even rows random bytes, odd rows an int16 random
 * walk) and a small-row schema (5k sessions, 500k trials with a composite key and a foreign key).
 * Then a schema with external blobs in a file store backed up twice: the second run copies no
 * object. Prints one table row per measurement.
 *
 * <pre>
 * java -cp dovetail-bench/target/dovetail-bench.jar org.dovetail.bench.backup.BackupSideBySide [trials] [threads] [restore threads] [zstd|none|gzip]
 * </pre>
 */
public final class BackupSideBySide {
    private static final int BLOBS = 64;
    private static final int BLOB_SIZE = 8 << 20;

    private BackupSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int restoreThreads = args.length > 2 ? Integer.parseInt(args[2]) : threads;
        Compression compression = args.length > 3 ? Compression.parse(args[3]) : Compression.ZSTD;
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "backup-bench-");
        MariaDbBinaries bin = MariaDbBinaries.unpackedInto(Path.of(System.getProperty("user.home"), ".cache", "dovetail"));
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase()) {
            Path ext = Files.createDirectories(work.resolve("store"));
            Config config = TestConfigs.of(db).fileStore("raw", ext).build();
            Path defaults = Files.writeString(work.resolve("client.cnf"), "[client]\nuser=" + db.user() + "\npassword=" + db.password()
                    + "\nhost=" + db.host() + "\nport=" + db.port() + "\nprotocol=TCP\nmax-allowed-packet=1G\n");
            Files.setPosixFilePermissions(defaults, PosixFilePermissions.fromString("rw-------"));
            String blob = db.schema("bk_blob");
            String small = db.schema("bk_small");
            fillBlobs(db, blob);
            fillSmall(db, small, trials);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                // the server's size estimates decide how tables are split into units: as current as on a live server
                st.execute("ANALYZE TABLE `" + blob + "`.`raw`, `" + small + "`.`session`, `" + small + "`.`trial`");
            }
            System.out.printf("%d cores; blob schema %d x %d MiB = %.1f MB; small-row schema %d + %d rows; %d dump threads, %d restore threads%n",
                    Runtime.getRuntime().availableProcessors(), BLOBS, BLOB_SIZE >> 20, BLOBS * (double) BLOB_SIZE / 1e6, trials / 100, trials, threads, restoreThreads);
            System.out.println("| what | dovetail backup | mariadb-dump / mariadb client | ratio |");
            System.out.println("|---|---|---|---|");
            try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(work.resolve("sets").toString())) {
                Backups backups = new Backups(dj);
                double mb = BLOBS * (double) BLOB_SIZE / 1e6;

                CreateReport blobSet = time(() -> backups.create(backups.plan(BackupRequest.of(blob).withThreads(threads).withCompression(compression).withLabel("blob"), target), target));
                double tDump = lastSeconds;
                double tSql = shell(work, bin.dump() + " --defaults-extra-file=" + defaults + " --single-transaction --skip-comments " + blob
                        + " > " + work.resolve("blob.sql"));
                System.out.println("  " + blobSet.manifest().durations());
                row("dump, blobs", tDump, mb / tDump + " MB/s", tSql, mb / tSql + " MB/s", tSql / tDump);
                System.out.printf("|   sizes | %s bytes in the set (" + compression.manifestName() + ") | %d bytes of SQL | |%n", blobSet.manifest().bytes(), Files.size(work.resolve("blob.sql")));
                System.out.printf("|   commits blocked | %d ms (%s, %d threads) | (one transaction: none) | |%n",
                        blobSet.manifest().snapshot().commitBlockMs(), blobSet.manifest().snapshot().method(), blobSet.manifest().snapshot().threads());

                // twice each, alternating: the first Dovetail run reads pages the blob dump pushed out of the buffer pool and
                // runs the JVM's small-row path for the first time; mariadb-dump then finds the pages it just read
                CreateReport smallSet = null;
                long rows = 0;
                double tSmallSql = 0;
                for (int round = 1; round <= 2; round++) {
                    smallSet = time(() -> backups.create(backups.plan(BackupRequest.of(small).withThreads(threads).withCompression(compression).withLabel("small"), target), target));
                    double tSmall = lastSeconds;
                    tSmallSql = shell(work, bin.dump() + " --defaults-extra-file=" + defaults + " --single-transaction --skip-comments " + small
                            + " > " + work.resolve("small.sql"));
                    rows = smallSet.manifest().rows();
                    System.out.println("  " + smallSet.manifest().durations());
                    row("dump, small rows (run " + round + " of 2)", tSmall, rows / tSmall + " rows/s", tSmallSql, rows / tSmallSql + " rows/s", tSmallSql / tSmall);
                }
                CreateReport smallSetMade = smallSet;

                RestorePlan p1 = time(() -> backups.plan(RestoreRequest.of(blobSet.manifest().set()).renaming(blob, blob + "_r")
                        .withThreads(restoreThreads), target));
                double tCheck = lastSeconds;
                RestoreReport r1 = time(() -> backups.restore(p1, target));
                double tRestore = lastSeconds + tCheck;
                System.out.printf("  restore, blobs: %.2f s checking the set (SHA-256 of every file), %.2f s loading%n", tCheck, lastSeconds);
                double tClient = restoreWithClient(work, db, bin, defaults, blob + "_sql", work.resolve("blob.sql"));
                row("restore, blobs", tRestore, mb / tRestore + " MB/s", tClient, mb / tClient + " MB/s", tClient / tRestore);
                check(r1);
                double tFloor = insertFromMemory(db, blob + "_floor", restoreThreads);
                System.out.printf("|   the server alone: the same rows from memory, %d sessions, no file, no check | %.2f s, %.0f MB/s | | %.1fx |%n",
                        restoreThreads, tFloor, mb / tFloor, tClient / tFloor);

                RestorePlan p2 = time(() -> backups.plan(RestoreRequest.of(smallSetMade.manifest().set()).renaming(small, small + "_r")
                        .withThreads(restoreThreads), target));
                double tCheckSmall = lastSeconds;
                RestoreReport r2 = time(() -> backups.restore(p2, target));
                double tRestoreSmall = lastSeconds + tCheckSmall;
                System.out.printf("  restore, small rows: %.2f s checking the set, %.2f s loading%n", tCheckSmall, lastSeconds);
                double tClientSmall = restoreWithClient(work, db, bin, defaults, small + "_sql", work.resolve("small.sql"));
                row("restore, small rows", tRestoreSmall, rows / tRestoreSmall + " rows/s", tClientSmall, rows / tClientSmall + " rows/s",
                        tClientSmall / tRestoreSmall);
                check(r2);
                double tInserts = restoreWithoutLocalInfile(db, () -> {
                    RestorePlan p3 = backups.plan(RestoreRequest.of(smallSetMade.manifest().set()).renaming(small, small + "_i")
                            .withThreads(restoreThreads), target);
                    RestoreReport r3 = backups.restore(p3, target);
                    check(r3);
                    return r3;
                });
                row("restore, small rows, batched INSERTs (local_infile off)", tInserts, rows / tInserts + " rows/s", tClientSmall,
                        rows / tClientSmall + " rows/s", tClientSmall / tInserts);

                String objects = db.schema("bk_ext");
                Schema s = dj.createSchema(objects);
                s.declare(Tier.MANUAL, "Scan", "scan_id : int\n---\nimage : blob@raw");
                Table scan = s.table("Scan");
                Random random = new Random(7);
                for (int i = 0; i < 200; i++) {
                    double[] data = new double[128 * 1024];
                    for (int j = 0; j < data.length; j++) {
                        data[j] = random.nextGaussian();
                    }
                    scan.insert1(Map.of("scan_id", i, "image", data));
                }
                CreateReport first = time(() -> backups.create(backups.plan(BackupRequest.of(objects).withThreads(threads).withLabel("ext"), target), target));
                double tFirst = lastSeconds;
                CreateReport second = time(() -> backups.create(backups.plan(BackupRequest.of(objects).withThreads(threads).withLabel("ext"), target), target));
                double tSecond = lastSeconds;
                System.out.printf("| external objects, 200 x 1 MiB blobs, first backup | %.2f s: %s | | |%n", tFirst, last(first.manifest().notes()));
                System.out.printf("| same, second backup of the unchanged store | %.2f s: %s | | |%n", tSecond, last(second.manifest().notes()));
            }
        }
    }

    private static String last(List<String> notes) {
        return notes.isEmpty() ? "" : notes.get(notes.size() - 1);
    }

    private static void check(RestoreReport r) {
        if (!r.problems().isEmpty()) {
            throw new IllegalStateException(r.toText());
        }
    }

    private static double lastSeconds;

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> T time(Work<T> work) throws Exception {
        long t0 = System.nanoTime();
        T out = work.run();
        lastSeconds = (System.nanoTime() - t0) / 1e9;
        return out;
    }

    private static void row(String what, double tOurs, String ours, double tTheirs, String theirs, double ratio) {
        System.out.printf("| %s | %.2f s, %s | %.2f s, %s | %.1fx |%n", what, tOurs, round(ours), tTheirs, round(theirs), ratio);
    }

    private static String round(String figure) {
        String[] parts = figure.split(" ", 2);
        return String.format("%,.0f %s", Double.parseDouble(parts[0]), parts[1]);
    }

    /** Times a restore while the server refuses LOAD DATA LOCAL INFILE, so that it takes the batched INSERTs; the setting is put back. */
    private static double restoreWithoutLocalInfile(TestDatabase db, Work<RestoreReport> restore) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL local_infile = 0");
        }
        try {
            RestoreReport r = time(restore);
            System.out.println("  " + r.notes());
            return lastSeconds;
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL local_infile = 1");
            }
        }
    }

    static double restoreWithClient(Path work, TestDatabase db, MariaDbBinaries bin, Path defaults, String schema, Path dump) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
        }
        return shell(work, bin.home().resolve("bin/mariadb") + " --defaults-extra-file=" + defaults + " " + schema + " < " + dump);
    }

    static double shell(Path work, String command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("shell.log").toFile()).start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(command + " exited " + code + ": " + Files.readString(work.resolve("shell.log")));
        }
        return s;
    }

    /**
     * What the server alone needs to take the blob schema's rows: the same values, already in
     * memory, inserted by {@code sessions} connections through server-prepared statements, one
     * row and one commit at a time; no file, no decompression, no check. A restore cannot be
     * faster than this on the same server.
     */
    private static double insertFromMemory(TestDatabase db, String schema, int sessions) throws Exception {
        byte[][] blobs = blobs();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("CREATE TABLE `" + schema + "`.`raw` (id int NOT NULL PRIMARY KEY, data longblob NOT NULL) ENGINE=InnoDB");
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            long t0 = System.nanoTime();
            List<Future<Object>> done = new ArrayList<>();
            for (int t = 0; t < sessions; t++) {
                done.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(db.jdbcUrl() + "?useServerPrepStmts=true", db.user(), db.password());
                         PreparedStatement p = c.prepareStatement("INSERT INTO `" + schema + "`.`raw` VALUES (?, ?)")) {
                        c.setAutoCommit(false);
                        for (int i = next.getAndIncrement(); i < BLOBS; i = next.getAndIncrement()) {
                            p.setInt(1, i);
                            p.setBytes(2, blobs[i]);
                            p.executeUpdate();
                            c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<Object> f : done) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    /** The blob schema's values: even rows random bytes, odd rows an int16 random walk. */
    private static byte[][] blobs() {
        Random random = new Random(42);
        byte[][] out = new byte[BLOBS][];
        for (int i = 0; i < BLOBS; i++) {
            byte[] data = new byte[BLOB_SIZE];
            if (i % 2 == 0) {
                random.nextBytes(data);
            } else {
                ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                short v = 0;
                while (b.hasRemaining()) {
                    v += (short) (random.nextInt(21) - 10);
                    b.putShort(v);
                }
            }
            out[i] = data;
        }
        return out;
    }

    private static void fillBlobs(TestDatabase db, String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl() + "?useServerPrepStmts=true", db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("CREATE TABLE `" + schema + "`.`raw` (id int NOT NULL PRIMARY KEY, data longblob NOT NULL) ENGINE=InnoDB");
            byte[][] blobs = blobs();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO `" + schema + "`.`raw` VALUES (?, ?)")) {
                for (int i = 0; i < BLOBS; i++) {
                    p.setInt(1, i);
                    p.setBytes(2, blobs[i]);
                    p.executeUpdate();
                }
            }
        }
    }

    static void fillSmall(TestDatabase db, String schema, int trials) throws Exception {
        int sessions = Math.max(1, trials / 100);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("USE `" + schema + "`");
            s.execute("CREATE TABLE `" + schema + "`.`session` (session_id int NOT NULL PRIMARY KEY, operator varchar(32) NOT NULL,"
                    + " started datetime NOT NULL) ENGINE=InnoDB");
            s.execute("CREATE TABLE `" + schema + "`.`trial` (session_id int NOT NULL, trial_id int NOT NULL, label varchar(32) NOT NULL,"
                    + " n int NOT NULL, value double NOT NULL, kind enum('go','nogo','probe') NOT NULL, at datetime(3) NOT NULL,"
                    + " PRIMARY KEY (session_id, trial_id), FOREIGN KEY (session_id) REFERENCES `session` (session_id)) ENGINE=InnoDB");
            s.execute("INSERT INTO `" + schema + "`.`session` SELECT seq, concat('user', seq % 17), '2024-01-01' + INTERVAL seq HOUR FROM seq_1_to_" + sessions);
            s.execute("INSERT INTO `" + schema + "`.`trial` SELECT 1 + (seq - 1) DIV 100, (seq - 1) % 100, concat('trial ', seq), seq * 7,"
                    + " seq * 0.37, ELT(1 + seq % 3, 'go', 'nogo', 'probe'), '2024-01-01' + INTERVAL seq SECOND FROM seq_1_to_" + trials);
        }
    }

}
