package org.dovetail.bench.data;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestServers;

/**
 * Side-by-side harness for DataJoint-Python's row benchmark: a table
 * {@code row_id : int unsigned --- a : int, b : double, c : varchar(32), d : datetime}; insert 100k
 * rows in one call (emptied with deleteQuick before each run), fetch them all as maps. Then, with
 * {@code stream}, streams N rows (filled by the server) and reports the peak heap in use.
 * Prints medians of the runs. Runs on the embedded MariaDB of the test kit.
 *
 * <pre>
 * java -Xmx256m -cp dovetail-bench/target/dovetail-bench.jar org.dovetail.bench.data.RowsRoundTrip [rows] [runs] [streamRows]
 * </pre>
 */
public final class RowsRoundTrip {
    private RowsRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long streamRows = args.length > 2 ? Long.parseLong(args[2]) : 0;
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase();
                Dovetail conn = Dovetail.connect(TestConfigs.of(db).build())) {
            Schema schema = conn.createSchema(db.schema("bench"));
            schema.declare(Tier.MANUAL, "Rows", "row_id : int unsigned\n---\na : int\nb : double\nc : varchar(32)\nd : datetime");
            Table table = schema.table("Rows");
            List<Map<String, Object>> data = new ArrayList<>(rows);
            LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
            for (int i = 0; i < rows; i++) {
                data.add(Map.of("row_id", i, "a", i * 7, "b", i * 0.5, "c", "row " + i, "d", start.plusSeconds(i)));
            }
            double[] insert = new double[runs];
            double[] fetch = new double[runs];
            for (int r = 0; r < runs + 1; r++) { // the first run warms the JVM up and is not counted
                table.deleteQuick();
                long t0 = System.nanoTime();
                table.insert(data);
                long t1 = System.nanoTime();
                int fetched = table.fetch().size();
                long t2 = System.nanoTime();
                if (fetched != rows) {
                    throw new IllegalStateException("fetched " + fetched + " rows");
                }
                if (r > 0) {
                    insert[r - 1] = (t1 - t0) / 1e9;
                    fetch[r - 1] = (t2 - t1) / 1e9;
                }
            }
            System.out.printf("%d rows x 5 columns, %d runs, %d cores%n", rows, runs, Runtime.getRuntime().availableProcessors());
            System.out.printf("| insert(list of maps) | %,.0f rows/s — %s s |%n", rows / median(insert), times(insert));
            System.out.printf("| fetch() as maps | %,.0f rows/s — %s s |%n", rows / median(fetch), times(fetch));
            if (streamRows > 0) {
                stream(conn, table, streamRows);
            }
        }
    }

    private static void stream(Dovetail conn, Table table, long n) {
        table.deleteQuick();
        conn.connection().execute("INSERT INTO " + table.fullName() + " SELECT seq, seq * 7, seq * 0.5, concat('row ', seq),"
                + " '2024-01-01' + INTERVAL seq SECOND FROM `" + table.heading().database() + "`.seq_1_to_" + n);
        Runtime runtime = Runtime.getRuntime();
        long peak = 0;
        long count = 0;
        long t0 = System.nanoTime();
        try (Stream<Map<String, Object>> rows = table.stream()) {
            var it = rows.iterator();
            while (it.hasNext()) {
                it.next();
                if (++count % 100_000 == 0) {
                    peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("| stream() %,d rows | %,.0f rows/s (%.1f s), peak heap in use %d MiB of -Xmx %d MiB |%n", count, count / seconds,
                seconds, peak >> 20, runtime.maxMemory() >> 20);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String times(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format("%.2f", v));
        }
        return String.join(", ", parts);
    }
}
