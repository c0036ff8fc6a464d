package org.dovetail.bench.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.embedded.MariaDbBinaries;
import org.dovetail.ops.backup.BackupRequest;
import org.dovetail.ops.backup.BackupTarget;
import org.dovetail.ops.backup.Backups;
import org.dovetail.ops.backup.Compression;
import org.dovetail.ops.backup.CreateReport;
import org.dovetail.ops.backup.RestoreReport;
import org.dovetail.ops.backup.RestoreRequest;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestServers;

/**
 * The small-row schema of {@link BackupSideBySide} only, in rounds that alternate the tools on one
 * server: per round a {@code dovetail backup} and a {@code mariadb-dump}, then a restore through
 * {@code LOAD DATA}, one with the server's {@code local_infile} off (batched {@code INSERT}s), and
 * {@code mariadb < dump.sql}. Prints every round and the medians, so that warm figures of both
 * sides can be compared on a machine whose load changes from one second to the next.
 *
 * <pre>
 * java -cp dovetail-bench/target/dovetail-bench.jar org.dovetail.bench.backup.BackupSmallRows [trials] [rounds] [threads]
 * </pre>
 */
public final class BackupSmallRows {
    private BackupSmallRows() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "backup-small-");
        MariaDbBinaries bin = MariaDbBinaries.unpackedInto(Path.of(System.getProperty("user.home"), ".cache", "dovetail"));
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase()) {
            Config config = TestConfigs.of(db).build();
            Path defaults = Files.writeString(work.resolve("client.cnf"), "[client]\nuser=" + db.user() + "\npassword=" + db.password()
                    + "\nhost=" + db.host() + "\nport=" + db.port() + "\nprotocol=TCP\nmax-allowed-packet=1G\n");
            Files.setPosixFilePermissions(defaults, PosixFilePermissions.fromString("rw-------"));
            String small = db.schema("bk_small");
            BackupSideBySide.fillSmall(db, small, trials);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("ANALYZE TABLE `" + small + "`.`session`, `" + small + "`.`trial`");
            }
            List<List<Double>> times = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                times.add(new ArrayList<>());
            }
            long rows = 0;
            System.out.printf("%d cores; %d + %d rows; %d threads; seconds per round%n", Runtime.getRuntime().availableProcessors(), trials / 100, trials, threads);
            System.out.println("| round | dovetail backup | mariadb-dump | restore, LOAD DATA | restore, batched INSERTs | mariadb client |");
            System.out.println("|---|---|---|---|---|---|");
            try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(work.resolve("sets").toString())) {
                Backups backups = new Backups(dj);
                for (int r = 1; r <= rounds; r++) {
                    long t0 = System.nanoTime();
                    CreateReport set = backups.create(backups.plan(BackupRequest.of(small).withThreads(threads).withCompression(Compression.ZSTD)
                            .withLabel("small"), target), target);
                    double dump = (System.nanoTime() - t0) / 1e9;
                    rows = set.manifest().rows();
                    double sqlDump = BackupSideBySide.shell(work, bin.dump() + " --defaults-extra-file=" + defaults + " --single-transaction --skip-comments "
                            + small + " > " + work.resolve("small.sql"));
                    double loadData = restore(backups, target, set.manifest().set(), small, small + "_r", threads, null);
                    double inserts = restore(backups, target, set.manifest().set(), small, small + "_i", threads, db);
                    double client = BackupSideBySide.restoreWithClient(work, db, bin, defaults, small + "_s", work.resolve("small.sql"));
                    try (Connection c = db.connect(); Statement st = c.createStatement()) {
                        for (String s : List.of("_r", "_i", "_s")) {
                            st.execute("DROP DATABASE `" + small + s + "`");
                        }
                    }
                    double[] round = {dump, sqlDump, loadData, inserts, client};
                    for (int i = 0; i < 5; i++) {
                        times.get(i).add(round[i]);
                    }
                    System.out.printf("| %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", r, dump, sqlDump, loadData, inserts, client);
                }
            }
            double[] median = new double[5];
            for (int i = 0; i < 5; i++) {
                List<Double> sorted = new ArrayList<>(times.get(i));
                Collections.sort(sorted);
                median[i] = sorted.get(sorted.size() / 2);
            }
            System.out.printf("| median | %.3f s, %,.0f rows/s | %.3f s, %,.0f rows/s | %.3f s, %,.0f rows/s | %.3f s, %,.0f rows/s | %.3f s, %,.0f rows/s |%n",
                    median[0], rows / median[0], median[1], rows / median[1], median[2], rows / median[2], median[3], rows / median[3], median[4], rows / median[4]);
            System.out.printf("| ratio of medians | dump %.2fx mariadb-dump | | restore %.2fx the client (LOAD DATA) | %.2fx (INSERTs) | |%n",
                    median[1] / median[0], median[4] / median[2], median[4] / median[3]);
        }
    }

    /** A restore, timed from its plan (the set's check) on; with {@code localInfileOff} the server refuses LOAD DATA meanwhile. */
    private static double restore(Backups backups, BackupTarget target, String set, String from, String to, int threads, TestDatabase localInfileOff)
            throws Exception {
        if (localInfileOff != null) {
            try (Connection c = localInfileOff.connect(); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL local_infile = 0");
            }
        }
        try {
            long t0 = System.nanoTime();
            RestoreReport r = backups.restore(backups.plan(RestoreRequest.of(set).renaming(from, to).withThreads(threads), target), target);
            double s = (System.nanoTime() - t0) / 1e9;
            if (!r.problems().isEmpty()) {
                throw new IllegalStateException(r.toText());
            }
            return s;
        } finally {
            if (localInfileOff != null) {
                try (Connection c = localInfileOff.connect(); Statement s = c.createStatement()) {
                    s.execute("SET GLOBAL local_infile = 1");
                }
            }
        }
    }
}
