package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dovetail.cli.CommandRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process against the test database and against its own embedded server. */
@DovetailTest
class CliIT {
    private static TestDatabase db;

    @TempDir
    Path work;

    @BeforeAll
    static void setUp(TestDatabase database) throws SQLException {
        db = database;
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + db.schema("alpha") + "`");
            s.execute("CREATE TABLE `" + db.schema("alpha") + "`.t (id INT PRIMARY KEY)");
            s.execute("CREATE DATABASE `" + db.schema("beta") + "`");
        }
    }


    private static Map<String, String> dbEnv() {
        return CommandRun.env(db);
    }

    @Test
    void schemasListsTheServersSchemasWithTableCounts() throws Exception {
        Result r = run(dbEnv(), "schemas", "--like", db.schemaPrefix() + "%a", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("schema").asText()).isEqualTo(db.schema("alpha"));
        assertThat(rows.get(0).get("tables").asInt()).isEqualTo(1);
        assertThat(rows.get(1).get("tables").asInt()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void everyOutputFormatCarriesTheSameRows() {
        String like = db.schemaPrefix() + "%a"; // alpha and beta, not the demo test's schema
        assertThat(run(dbEnv(), "schemas", "--like", like).out()).contains("| " + db.schema("alpha") + " |");
        assertThat(run(dbEnv(), "schemas", "--like", like, "--format", "csv").out())
                .isEqualTo("schema,tables\n" + db.schema("alpha") + ",1\n" + db.schema("beta") + ",0\n");
        assertThat(run(dbEnv(), "schemas", "--like", like, "--format", "jsonl").out().lines())
                .containsExactly("{\"schema\":\"" + db.schema("alpha") + "\",\"tables\":1}",
                        "{\"schema\":\"" + db.schema("beta") + "\",\"tables\":0}");
    }

    @Test
    void connectionOptionsOverrideTheEnvironment() {
        Map<String, String> env = dbEnv();
        env.put("DJ_HOST", "127.0.0.1:1");
        Result r = run(env, "--host", db.host() + ":" + db.port(), "schemas", "--like", db.schemaPrefix() + "alpha");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(db.schema("alpha"));
    }

    @Test
    void aConfigFileIsRead() throws Exception {
        Path config = Files.writeString(work.resolve("conf.json"), "{\"database.host\": \"" + db.host() + "\", \"database.port\": "
                + db.port() + ", \"database.user\": \"" + db.user() + "\", \"database.password\": \"" + db.password() + "\"}");
        Result r = run(Map.of(), "--config", config.toString(), "schemas", "--like", db.schemaPrefix() + "beta", "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("schema,tables\n" + db.schema("beta") + ",0\n");
    }

    @Test
    void badConfigExitsTwoWrongPasswordAndUnreachableHostExitOneEachOnOneLineWithItsCode() throws Exception {
        Path bad = Files.writeString(work.resolve("bad.json"), "{\"database.port\": \"abc\"}");
        Result config = run(Map.of(), "--config", bad.toString(), "schemas");
        assertThat(config.code()).isEqualTo(2);
        assertThat(config.err()).isEqualTo("dovetail: error: " + bad + ": `database.port` must be an integer, got \"abc\" [CONFIG]\n");

        Map<String, String> env = dbEnv();
        env.put("DJ_PASS", "wrong");
        Result denied = run(env, "schemas");
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err().lines()).hasSize(1).allMatch(l -> l.startsWith("dovetail: error: Cannot connect to") && l.contains("Access denied") && l.endsWith(" [CONNECTION]"));

        env.put("DJ_HOST", "127.0.0.1:1");
        Result unreachable = run(env, "schemas");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err().lines()).hasSize(1).allMatch(l -> l.endsWith(" [CONNECTION]"));
        assertThat(unreachable.out()).isEmpty();
    }

    @Test
    void debugPrintsTheStackTrace() {
        Map<String, String> env = dbEnv();
        env.put("DJ_HOST", "127.0.0.1:1");
        Result r = run(env, "--debug", "schemas");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("at org.dovetail.connection.Connection");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run(Map.of(), "nonsense").code()).isEqualTo(2);
        assertThat(run(Map.of(), "schemas", "--format", "bogus").code()).isEqualTo(2);
        assertThat(run(Map.of(), "server", "start", "--server-port", "x").code()).isEqualTo(2);
    }

    @Test
    void helpAndVersionOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"demo", "--help"}, {"server", "--help"}, {"server", "start", "--help"},
                {"server", "stop", "--help"}, {"server", "status", "--help"}, {"schemas", "--help"}, {"access", "--help"},
                {"access", "init-roles", "--help"}, {"access", "add-module", "--help"}, {"access", "add-user", "--help"},
                {"access", "set-password", "--help"}, {"access", "reset-password", "--help"}, {"access", "show", "--help"},
                {"access", "check", "--help"}}) {
            Result r = run(Map.of(), args);
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: dovetail");
            assertThat(r.err()).as(String.join(" ", args)).isEmpty();
        }
        assertThat(run(Map.of(), "--version").out()).startsWith("dovetail ").contains("DataJoint-Python 0.14");
        assertThat(run(Map.of(), "generate-completion").out()).contains("complete -F");
    }

    @Test
    void theDemoRunsTwiceOnTheConfiguredDatabase() {
        String schema = db.schema("demo");
        String dataDir = work.toString();
        Result first = run(dbEnv(), "demo", "--schema", schema, "--data-dir", dataDir);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Schema `" + schema + "`").contains("created (0 tables)")
                .contains("8bd42054-69b6-c334-16ae-0f159799fd07").contains("c69fe72dddb4b914f068722892a7f275")
                .contains("identical to DataJoint-Python's: yes")
                .contains("reads back equal: yes").contains("store and tracking table agree");
        assertThat(work.resolve("demo-store").resolve(schema)).isDirectory();
        assertThat(first.out()).contains("Session.Probe", "declared", "-> Session\n", "probe_type", "2 species");
        assertThat(first.out()).contains("SpikeCount (Computed, one row per Session.Probe): 6 of 6 keys to do; populate(reserve_jobs=True)"
                + " made 6; now 6 of 6 done").contains("~jobs rows left: 0").contains("attempts in ~dovetail_jobs: 6");
        Result second = run(dbEnv(), "demo", "--schema", schema, "--data-dir", dataDir);
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("exists from an earlier run: reused", "existed: same definition, left as it is")
                .doesNotContain(" declared\n");
        assertThat(second.out()).contains("0 of 6 keys to do; populate(reserve_jobs=True) made 0; now 6 of 6 done");
    }

    @Test
    void withNothingConfiguredTheDemoAndServerCommandsUseTheEmbeddedServer() throws Exception {
        Path dataDir = Path.of("target", "it-servers", "cli-" + ProcessHandle.current().pid()).toAbsolutePath();
        String[] dir = {"--data-dir", dataDir.toString()};
        try {
            Result status = run(Map.of(), "server", "status", dir[0], dir[1]);
            assertThat(status.code()).isEqualTo(1);
            assertThat(status.out()).contains("not running");

            Result demo = run(Map.of(), "demo", dir[0], dir[1]);
            assertThat(demo.code()).as(demo.err()).isZero();
            assertThat(demo.out()).contains("embedded MariaDB 10.11.5").contains("started for this run");
            assertThat(demo.err()).contains("started the embedded MariaDB");

            assertThat(demo.out()).contains("9. Access: an account `demo` with the role dj_user")
                    .contains("roles dj_guest, dj_collab, dj_user, dj_admin: created")
                    .contains("account demo: created with a random one-time password, not kept")
                    .contains("`dovetail access show demo`:").contains("dj_user  default, active at login");

            Result again = run(Map.of(), "demo", dir[0], dir[1]);
            assertThat(again.out()).contains("already running").contains("exists from an earlier run: reused")
                    .contains("account demo: exists from an earlier run: reused").contains("`dovetail access show demo`:");

            Result start = run(Map.of(), "server", "start", "--format", "json", dir[0], dir[1]);
            JsonNode started = new ObjectMapper().readTree(start.out());
            assertThat(started.get("status").asText()).isEqualTo("already running");
            assertThat(started.has("password")).isFalse();

            Result running = run(Map.of(), "server", "status", "--format", "json", dir[0], dir[1]);
            assertThat(running.code()).isZero();
            assertThat(new ObjectMapper().readTree(running.out()).get("port").asInt()).isEqualTo(started.get("port").asInt());

            Result schemas = run(Map.of(), "schemas", dir[0], dir[1]);
            assertThat(schemas.out()).contains("dovetail_demo");
        } finally {
            Result stop = run(Map.of(), "server", "stop", dir[0], dir[1]);
            assertThat(stop.out()).contains("stopped");
            assertThat(run(Map.of(), "server", "stop", dir[0], dir[1]).out()).contains("not running");
            org.dovetail.embedded.EmbeddedMariaDb.builder().stateDir(dataDir).create().deleteStateDir();
        }
    }
}
