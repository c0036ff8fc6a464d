package org.dovetail.bench.data;

import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestServers;

/**
 * Side-by-side harness for DataJoint-Python's cascade-delete benchmark:
 * {@code Root(root_id) → Mid(root_id, mid_id) → Leaf(root_id, mid_id, leaf_id)}, one root row,
 * 100 Mid rows and enough Leaf rows for 10k, 100k and 1M descendants, filled by the server (not
 * timed). Times {@code Root.restrict("root_id=1").delete(plan -> true)}: planning with row counts,
 * then deleting leaves first in one transaction. Prints the median of the runs per size.
 *
 * <pre>
 * java -cp dovetail-bench/target/dovetail-bench.jar org.dovetail.bench.data.CascadeDeleteRoundTrip [runs]
 * </pre>
 */
public final class CascadeDeleteRoundTrip {
    private CascadeDeleteRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase();
                Dovetail conn = Dovetail.connect(TestConfigs.of(db).builder().safemode(false).build())) {
            Schema schema = conn.createSchema(db.schema("cascade"));
            schema.declare(Tier.MANUAL, "Root", "root_id : int");
            schema.declare(Tier.MANUAL, "Mid", "-> Root\nmid_id : int");
            schema.declare(Tier.MANUAL, "Leaf", "-> Mid\nleaf_id : int");
            Table root = schema.table("Root");
            System.out.printf("cascade delete, %d runs, %d cores%n", runs, Runtime.getRuntime().availableProcessors());
            System.out.println("| descendants | median s — runs (s) |");
            for (int descendants : List.of(10_000, 100_000, 1_000_000)) {
                double[] times = new double[runs];
                for (int r = 0; r < runs; r++) {
                    fill(conn, schema, descendants);
                    long t0 = System.nanoTime();
                    long deleted = root.restrict("root_id=1").delete(plan -> true);
                    times[r] = (System.nanoTime() - t0) / 1e9;
                    if (deleted != 1 || schema.table("Leaf").count() != 0) {
                        throw new IllegalStateException("the delete left rows behind");
                    }
                }
                System.out.printf("| %,d | %.3f — %s |%n", descendants, RowsRoundTrip.median(times), RowsRoundTrip.times(times));
            }
        }
    }

    private static void fill(Dovetail conn, Schema schema, int descendants) {
        int leavesPerMid = (descendants - 100) / 100;
        String seq = "`" + schema.name() + "`.seq_1_to_"; // MariaDB's sequence engine
        conn.connection().execute("INSERT INTO " + schema.fullName("root") + " VALUES (1)");
        conn.connection().execute("INSERT INTO " + schema.fullName("mid") + " SELECT 1, seq FROM " + seq + "100");
        conn.connection().execute("INSERT INTO " + schema.fullName("leaf") + " SELECT 1, m.seq, l.seq FROM " + seq + "100 m, " + seq + leavesPerMid + " l");
    }
}
