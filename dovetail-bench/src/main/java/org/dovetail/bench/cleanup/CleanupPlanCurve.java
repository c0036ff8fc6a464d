package org.dovetail.bench.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.TableName;
import org.dovetail.ops.cleanup.Candidate;
import org.dovetail.ops.cleanup.ObjectsPlan;
import org.dovetail.ops.cleanup.ObjectsReport;
import org.dovetail.ops.cleanup.StoreCleanup;
import org.dovetail.ops.cleanup.SweepOptions;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Tier;
import org.dovetail.store.ExternalStore;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestServers;

/**
 * How {@code cleanup objects plan} grows with the store: for each total size, {@code schemas}
 * schemas share a file store, each with a {@code Holder} table whose external column refers to
 * 95 % of its tracking rows (the rest are unused), one object per tracking row in the store and 1 %
 * more that nothing tracks. Rows are filled by the server from its sequence engine, objects are
 * written as 16-byte files (neither is timed). Times the whole plan — every tracking row read
 * once at READ UNCOMMITTED with its NOT EXISTS test, the listing streamed once — and prints the
 * median of the runs, the rate, and the peak heap of the runs (the sum of the heap pools' peaks, an upper bound).
 *
 * <p>With {@code -Ddovetail.bench.python=/path/to/venv/bin/python}, sizes up to
 * {@code dovetail.bench.python.max} (default 100,000) are also applied once, and the same data,
 * filled again into another database, is collected by DataJoint-Python as the seed's cron does it:
 * {@code unused()} and {@code delete(delete_external_files=True)} of each schema's {@code external[store]}.
 *
 * <pre>
 * java -Xmx512m -cp dovetail-bench/target/dovetail-bench.jar org.dovetail.bench.cleanup.CleanupPlanCurve DIR [runs] [schemas] [sizes...]
 * </pre>
 */
public final class CleanupPlanCurve {
    private CleanupPlanCurve() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int schemas = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long[] sizes = args.length > 3 ? Arrays.stream(args, 3, args.length).mapToLong(Long::parseLong).toArray()
                : new long[] {100_000, 300_000, 1_000_000};
        System.out.printf("cleanup objects plan, %d schemas, %d runs, %d cores, max heap %d MiB%n", schemas, runs,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| tracking rows = objects | unused rows | untracked | median s — runs (s) | rows/s | peak heap (sum of pool peaks), MiB |");
        String python = System.getProperty("dovetail.bench.python");
        long pythonMax = Long.getLong("dovetail.bench.python.max", 100_000);
        List<String> sideBySide = new ArrayList<>();
        try (TestServers servers = TestServers.start()) {
            for (long size : sizes) {
                Path location = Files.createDirectories(dir.resolve("store-" + size));
                try (TestDatabase db = servers.newDatabase();
                     Dovetail dj = Dovetail.connect(TestConfigs.of(db).fileStore("benchstore", location).build())) {
                    long perSchema = size / schemas;
                    for (int s = 0; s < schemas; s++) {
                        fill(dj, db.schema("c" + s), perSchema, location);
                    }
                    ExternalStore store = dj.store("benchstore");
                    StoreCleanup cleanup = new StoreCleanup(dj.connection(), store);
                    SweepOptions options = SweepOptions.DEFAULTS.withMinAge(Duration.ZERO).withMaxFraction(1.0);
                    double[] times = new double[runs];
                    ObjectsPlan plan = null;
                    System.gc();
                    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                    for (int r = 0; r < runs; r++) {
                        long t0 = System.nanoTime();
                        plan = cleanup.plan(ObjectsPlan.Mode.OBJECTS, options);
                        times[r] = (System.nanoTime() - t0) / 1e9;
                    }
                    long heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                            .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
                    long unused = plan.count(Candidate.Kind.UNUSED_ROW);
                    long untracked = plan.count(Candidate.Kind.UNTRACKED);
                    if (plan.trackingRows() != perSchema * schemas || unused != plan.trackingRows() / 20 || untracked != perSchema / 100 * schemas) {
                        throw new IllegalStateException("unexpected plan: " + plan.summary());
                    }
                    System.out.printf("| %,d | %,d | %,d | %.2f — %s | %,.0f | %d |%n", plan.trackingRows(), unused, untracked,
                            median(times), times(times), plan.trackingRows() / median(times), heap);
                    if (python != null && size <= pythonMax) {
                        long t0 = System.nanoTime();
                        ObjectsReport report = cleanup.apply(plan);
                        double apply = (System.nanoTime() - t0) / 1e9;
                        if (report.moved() != plan.quarantined() || !report.failures().isEmpty()) {
                            throw new IllegalStateException("unexpected apply: " + report.summary());
                        }
                        sideBySide.add(String.format("| %,d | %.2f | %.2f (%,d rows, %,d objects) |", size, median(times), apply,
                                report.rowsDeleted(), report.moved()));
                    }
                }
                if (python != null && size <= pythonMax) {
                    Path pyLocation = Files.createDirectories(dir.resolve("python-" + size));
                    try (TestDatabase db = servers.newDatabase();
                         Dovetail dj = Dovetail.connect(TestConfigs.of(db).fileStore("benchstore", pyLocation).build())) {
                        List<String> names = new ArrayList<>();
                        for (int s = 0; s < schemas; s++) {
                            names.add(db.schema("c" + s));
                            fill(dj, names.get(s), size / schemas, pyLocation);
                        }
                        String timings = runPython(python, db, pyLocation, names);
                        int last = sideBySide.size() - 1;
                        sideBySide.set(last, sideBySide.get(last) + " " + timings + " |");
                    }
                }
            }
        }
        if (!sideBySide.isEmpty()) {
            System.out.println();
            System.out.println("| tracking rows | Dovetail plan, median s | Dovetail apply s | DataJoint-Python unused(), all schemas, s | delete(delete_external_files=True) s |");
            sideBySide.forEach(System.out::println);
        }
    }

    /** Runs the DataJoint-Python driver over the schemas; returns "unused s | delete s (rows)". */
    private static String runPython(String python, TestDatabase db, Path location, List<String> schemas) throws Exception {
        Path driver = Files.createTempFile("datajoint_gc", ".py");
        try (InputStream in = CleanupPlanCurve.class.getResourceAsStream("datajoint_gc.py")) {
            Files.copy(in, driver, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(python, driver.toString(), db.host(), Integer.toString(db.port()), db.user(),
                "benchstore", location.toString()));
        command.addAll(schemas);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write((db.password() + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the DataJoint-Python driver failed:\n" + output);
        }
        String line = output.lines().filter(l -> l.startsWith("TIMINGS ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no TIMINGS line:\n" + output));
        JsonNode t = new ObjectMapper().readTree(line.substring("TIMINGS ".length()));
        return String.format("%.2f | %.2f (%,d rows, %d errors)", t.get("unused_s").asDouble(), t.get("delete_s").asDouble(),
                t.get("unused_rows").asLong(), t.get("errors").asLong());
    }

    /** One schema: n tracking rows (every 20th unused), n objects, n/100 untracked objects. */
    private static void fill(Dovetail dj, String name, long n, Path location) throws Exception {
        Schema schema = dj.createSchema(name);
        schema.declare(Tier.MANUAL, "Holder", "id : int unsigned\n---\nv : blob@benchstore");
        String tracking = ExternalStore.trackingTable(name, "benchstore").quoted();
        String seq = TableName.quote(name) + ".seq_1_to_" + (n + n / 100);
        String hash = "UNHEX(MD5(CONCAT(" + quoteString(name + ":") + ", seq)))";
        dj.connection().execute("INSERT INTO " + tracking + " (hash, size, timestamp) SELECT " + hash + ", 16, NOW() - INTERVAL 30 DAY FROM "
                + seq + " WHERE seq <= " + n);
        dj.connection().execute("INSERT INTO " + schema.fullName("holder") + " SELECT seq, " + hash + " FROM " + seq
                + " WHERE seq <= " + n + " AND seq % 20 <> 0");
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        HexFormat hex = HexFormat.of();
        byte[] content = new byte[16];
        for (long i = 1; i <= n + n / 100; i++) {
            String h = hex.formatHex(md5.digest((name + ":" + i).getBytes(StandardCharsets.UTF_8)));
            Path file = location.resolve(name).resolve(h.substring(0, 2)).resolve(h.substring(2, 4)).resolve(h);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String times(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format("%.2f", v));
        }
        return String.join(", ", parts);
    }

    private static String quoteString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
