package org.dovetail.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.TableName;
import org.dovetail.blob.Blob;
import org.dovetail.blob.BlobJson;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.embedded.EmbeddedSettings;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.KeyHash;
import org.dovetail.query.Query;
import org.dovetail.query.Top;
import org.dovetail.schema.DeletePlan;
import org.dovetail.schema.InsertOption;
import org.dovetail.schema.Schema;
import org.dovetail.schema.SchemaPrefixRule;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.store.ExternalStore;
import org.dovetail.store.StoreVerifier;
import org.dovetail.store.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dovetail demo}: shows, step by step on a real database, what Dovetail does today. Runs on
 * the embedded server when nothing is configured; running it again reuses the demo schema.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Walk through what Dovetail can do, on the configured database or the embedded one.",
                "Safe to run repeatedly: the second run reuses the demo schema."})
final class DemoCommand implements Callable<Integer> {
    /** {@code numpy.array([[0., 1., 2.], [3., 4., 5.]])} as DataJoint-Python 0.14.9 packs it. */
    private static final String PYTHON_2X3_MATRIX = "6d596d0041020000000000000002000000000000000300000000000000060000000000000000000000"
            + "000000000000000000000840000000000000f03f000000000000104000000000000000400000000000001440";
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    /** The account the demo creates (and reuses). */
    static final String DEMO_USER = "demo";

    @Option(names = "--schema", defaultValue = "dovetail_demo", description = "Schema the demo works in (default: ${DEFAULT-VALUE}).")
    String schema;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Dovetail demo: DataJoint for the JVM");
        out.println();
        try (Database.Opened db = Commands.database(spec, global).open(this::withDemoModule)) {
            Connection conn = db.connection();
            step(out, 1, "Database");
            if (db.isEmbedded()) {
                out.printf("   embedded %s on %s:%d (%s), data in %s%n", conn.serverVersion().describe(),
                        db.embedded().host(), db.embedded().port(),
                        db.embedded().startedNow() ? "started for this run" : "already running", db.embedded().dataDir());
            } else {
                out.printf("   %s at %s:%d as %s%n", conn.serverVersion().describe(), conn.config().host(),
                        conn.config().port(), conn.config().user().orElse("?"));
            }
            out.printf("   session %d with DataJoint's sql_mode: %s%n", conn.connectionId(),
                    conn.queryValue("SELECT @@SESSION.sql_mode", String.class).orElse(""));

            step(out, 2, "Schema `" + schema + "`");
            boolean existed = conn.queryValue("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?",
                    Long.class, schema).orElse(0L) > 0;
            if (!existed) {
                conn.execute("CREATE DATABASE " + TableName.quote(schema));
            }
            long tables = conn.queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?",
                    Long.class, schema).orElse(0L);
            out.printf("   %s (%d tables)%n", existed ? "exists from an earlier run: reused" : "created", tables);

            step(out, 3, "Hashes, identical to DataJoint-Python's");
            byte[] content = "hello attachment\n".getBytes(StandardCharsets.UTF_8);
            out.printf("   object name of an attachment 'att.txt': %s%n", ContentHash.uuidFromBuffer(content, "att.txt\0"));
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("subject_id", 7);
            key.put("session", "s1");
            out.printf("   ~jobs key_hash of %s: %s%n", key, KeyHash.keyHash(key));

            step(out, 4, "Blobs, byte for byte as DataJoint-Python packs them");
            byte[] packed = Blob.encode(new double[][] {{0, 1, 2}, {3, 4, 5}});
            out.printf("   a 2x3 float64 matrix packs to %d bytes (%s); identical to DataJoint-Python's: %s%n", packed.length,
                    new String(packed, 0, 3, StandardCharsets.US_ASCII),
                    HexFormat.of().formatHex(packed).equals(PYTHON_2X3_MATRIX) ? "yes" : "NO");
            out.printf("   as the canonical JSON tree: %s%n", BlobJson.decodeToJson(packed));

            externalStore(out, conn);

            step(out, 6, "Transactions with DataJoint's semantics");
            conn.transaction(() -> conn.queryValue("SELECT 1", Long.class));
            out.println("   START TRANSACTION WITH CONSISTENT SNAPSHOT ... COMMIT: ok");

            step(out, 7, "A lab pipeline, declared as DataJoint-Python declares it");
            LabPipeline.show(out, db.dovetail(), schema);
            LabPipeline.populate(out, db.dovetail(), schema);

            queriesAndData(out, db.dovetail());

            step(out, 9, "Access: an account `" + DEMO_USER + "` with the role dj_user");
            DemoAccess.show(out, conn, db.isEmbedded(), DEMO_USER);

            out.println();
            out.println("Next: `dovetail tables " + schema + "`, `dovetail describe " + schema + ".Session`, `dovetail diagram "
                    + schema + " --format svg > lab.svg`;");
            out.println("      `dovetail fetch " + schema + ".Weighing --limit 5` prints rows; `dovetail delete ... --dry-run` plans a delete;");
            out.println("      `dovetail blob decode FILE` prints any stored blob as JSON; `dovetail access --help` manages roles,");
            out.println("      accounts and passwords; `dovetail jobs stats " + schema + "` shows the populate's jobs.");
            out.flush();
        }
        return ExitCode.OK.code();
    }

    /** Step 5: a file store under the embedded default's data directory, with DataJoint's paths and tracking. */
    private void externalStore(PrintWriter out, Connection conn) {
        step(out, 5, "External storage, as DataJoint lays it out");
        Path dataDir = global.dataDir != null ? global.dataDir : EmbeddedSettings.defaultStateDir(global.environment);
        Path location = dataDir.resolve("demo-store");
        try {
            Files.createDirectories(location);
        } catch (IOException e) {
            throw new DovetailException(ErrorCode.IO, "Cannot create the demo store folder " + location + ": " + e.getMessage(), e);
        }
        StoreSpec spec = StoreSpec.file("demo", location.toString());
        try (ExternalStore store = ExternalStore.open(conn, spec)) {
            byte[] trace = Blob.encode(new double[] {0.5, 1.5, 2.5, 3.5});
            UUID hash = store.putBlob(schema, trace);
            out.printf("   blob@demo object %s%n", store.objects().address(store.blobPath(schema, hash)));
            out.printf("   tracked in %s (%d rows); reads back equal: %s%n", store.trackingTable(schema),
                    store.trackingRows(schema).size(), Arrays.equals(store.getBlob(schema, hash), trace) ? "yes" : "NO");
            VerifyReport report = new StoreVerifier(store).verify(List.of(schema), true, n -> { });
            out.printf("   verified against its tracking table, contents hashed: %d rows checked, %s%n", report.rowsChecked(),
                    report.clean() ? "store and tracking table agree" : report.findings().size() + " problem(s)");
        }
    }

    /** Step 7: declare two tables, insert, query with DataJoint's operators, plan a cascading delete. */
    private void queriesAndData(PrintWriter out, Dovetail dovetail) {
        step(out, 8, "Queries and data");
        Schema demo = dovetail.createSchema(schema);
        demo.declare(Tier.MANUAL, "Mouse", "mouse_id : int\n---\nstrain : varchar(32)\nweight : float");
        demo.declare(Tier.MANUAL, "Weighing", "-> Mouse\nday : date\n---\ngrams : float");
        Table mouse = demo.table("Mouse");
        Table weighing = demo.table("Weighing");
        List<List<Object>> mice = new ArrayList<>();
        List<Map<String, Object>> weighings = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            mice.add(List.of(i, i % 2 == 0 ? "C57BL/6" : "BALB/c", 20 + i * 0.5));
            for (int d = 1; d <= 5; d++) {
                weighings.add(Map.of("mouse_id", i, "day", LocalDate.of(2024, 1, d), "grams", 20 + i * 0.5 + d * 0.1));
            }
        }
        mouse.insert(mice, InsertOption.SKIP_DUPLICATES);
        weighing.insert(weighings, InsertOption.SKIP_DUPLICATES);
        out.printf("   inserted %d mice and %d weighings (skip_duplicates on a rerun)%n", mouse.count(), weighing.count());
        Query heavy = mouse.restrict(Map.of("strain", "BALB/c")).aggr(weighing, "n=count(*)", "mean=avg(grams)")
                .restrict("mean > 25");
        out.printf("   BALB/c mice averaging over 25 g: %d%n      %s%n", heavy.count(), heavy.sql());
        out.printf("   first by mean: %s%n", heavy.top(Top.limit(1).withOrderBy("mean DESC")).fetch1());
        DeletePlan plan = mouse.restrict("mouse_id > 18").deletePlan();
        out.printf("   deleting mice 19 and 20 would delete: %s%n", plan.toString().strip().replace("\n", "; "));
    }

    /**
     * Unless the configuration lists shared modules, the demo's schema prefix joins Spyglass's
     * list for this run, as a lab registers its own module: its tables are then declared without
     * the schema-prefix warning new tables elsewhere get.
     */
    private Config withDemoModule(Config config) {
        if (config.custom().has("database.shared_modules")) {
            return config;
        }
        ObjectNode custom = (ObjectNode) config.custom();
        ArrayNode modules = custom.putArray("database.shared_modules");
        SchemaPrefixRule.SPYGLASS_SHARED_MODULES.forEach(modules::add);
        modules.add(schema.contains("_") ? schema.substring(0, schema.indexOf('_')) : schema);
        return config.toBuilder().custom(custom).build();
    }

    private static void step(PrintWriter out, int n, String title) {
        out.printf("%d. %s%n", n, title);
    }
}
