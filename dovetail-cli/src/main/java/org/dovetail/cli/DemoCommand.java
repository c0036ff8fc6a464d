package org.dovetail.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dovetail.connection.Connection;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.KeyHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dovetail demo}: shows, step by step on a real database, what Dovetail does today. Runs on
 * the embedded server when nothing is configured; running it again reuses the demo schema.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Walk through what Dovetail can do, on the configured database or the embedded one.",
                "Safe to run repeatedly: the second run reuses the demo schema."})
final class DemoCommand implements Callable<Integer> {
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
        try (Database.Opened db = Commands.database(spec, global).open()) {
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
                conn.execute("CREATE DATABASE `" + schema.replace("`", "``") + "`");
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

            step(out, 4, "Transactions with DataJoint's semantics");
            conn.transaction(() -> conn.queryValue("SELECT 1", Long.class));
            out.println("   START TRANSACTION WITH CONSISTENT SNAPSHOT ... COMMIT: ok");

            step(out, 5, "Access: an account `" + DEMO_USER + "` with the role dj_user");
            DemoAccess.show(out, conn, db.isEmbedded(), DEMO_USER);

            out.println();
            out.println("Next: `dovetail schemas` lists the schemas on this server; `dovetail server status` shows the embedded server;");
            out.println("`dovetail access --help` manages roles, accounts and passwords.");
            out.flush();
        }
        return ExitCode.OK.code();
    }

    private static void step(PrintWriter out, int n, String title) {
        out.printf("%d. %s%n", n, title);
    }
}
