package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovetail fetch | insert | delete | drop} against the test database. */
@ConnectedTest
class DataCommandsIT {
    private static TestDatabase db;
    private static String lab;

    @TempDir
    Path work;

    @BeforeAll
    static void declare(TestDatabase database, Dovetail dj) {
        db = database;
        lab = db.schema("lab");
        Schema schema = dj.createSchema(lab);
        schema.declare(TableDefinition.of(Tier.MANUAL, "Subject", """
                subject_id : int
                ---
                species : enum('mouse','rat')
                dob = null : date
                weight = null : decimal(5,2)
                tag = null : uuid
                trace = null : longblob
                """));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Session", "-> Subject\nsession : smallint\n---\nnotes = '' : varchar(100)"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Scratch", "id : int"));
        schema.table("Scratch").insert(List.of(List.of(1), List.of(2)));
    }

    private static Result run(String... args) {
        return CommandRun.run(CommandRun.env(db), args);
    }

    @Test
    void insertFetchDeleteRoundTrip() throws Exception {
        Path jsonl = Files.writeString(work.resolve("subjects.jsonl"), """
                {"subject_id": 1, "species": "mouse", "dob": "2024-01-02", "weight": "21.50", "tag": "00000000-0000-0000-0000-00000000000a", "trace": {"t": "array", "dtype": "float64", "shape": [2], "data": [0.5, 1.5]}}
                {"subject_id": 2, "species": "rat", "dob": null, "weight": null, "tag": null, "trace": null}

                {"subject_id": 3, "species": "rat", "dob": "2024-03-04", "weight": 3, "tag": null, "trace": {"t": "list", "items": [{"t": "int", "v": 1}, {"t": "str", "v": "two"}]}}
                """);
        Result inserted = run("insert", lab + ".Subject", "--file", jsonl.toString(), "--format", "json");
        assertThat(inserted.code()).as(inserted.err()).isZero();
        assertThat(new ObjectMapper().readTree(inserted.out()).get("rows").asLong()).isEqualTo(3);
        Path csv = Files.writeString(work.resolve("sessions.csv"), "subject_id,session,notes\n1,1,\"first, with comma\"\n1,2,\n2,1,x\n");
        assertThat(run("insert", lab + ".Session", "--file", csv.toString()).code()).isZero();

        Result fetched = run("fetch", lab + ".Subject", "--where", "subject_id = 1", "--format", "jsonl");
        assertThat(fetched.code()).as(fetched.err()).isZero();
        JsonNode row = new ObjectMapper().readTree(fetched.out());
        assertThat(row.get("weight").asText()).isEqualTo("21.50");
        assertThat(row.get("tag").asText()).isEqualTo("00000000-0000-0000-0000-00000000000a");
        assertThat(row.get("dob").asText()).isEqualTo("2024-01-02");
        assertThat(row.get("trace").get("data").toString()).isEqualTo("[0.5,1.5]");

        // the fetched JSON inserts again unchanged
        Path again = Files.writeString(work.resolve("again.jsonl"), fetched.out().replace("\"subject_id\":1", "\"subject_id\":11"));
        assertThat(run("insert", lab + ".Subject", "--file", again.toString()).code()).isZero();
        Result copy = run("fetch", lab + ".Subject", "--where", "subject_id = 11", "--format", "jsonl");
        assertThat(copy.out()).isEqualTo(fetched.out().replace("\"subject_id\":1", "\"subject_id\":11"));

        Result csvOut = run("fetch", lab + ".Session", "--attrs", "KEY,notes", "--order-by", "session DESC,KEY", "--limit", "2", "--format", "csv");
        assertThat(csvOut.out()).isEqualTo("subject_id,session,notes\n1,2,\n1,1,\"first, with comma\"\n");
        assertThat(run("fetch", lab + ".Subject", "--format", "table").out()).contains("=BLOB=").contains("| mouse   |");

        Result duplicate = run("insert", lab + ".Subject", "--file", jsonl.toString());
        assertThat(duplicate.code()).isEqualTo(1);
        assertThat(duplicate.err()).startsWith("dovetail: error: ").contains("Duplicate entry").contains("SKIP_DUPLICATES").endsWith(" [DUPLICATE]\n");
        assertThat(run("insert", lab + ".Subject", "--file", jsonl.toString(), "--skip-duplicates").code()).isZero();

        Result plan = run("delete", lab + ".Subject", "--where", "subject_id = 1", "--format", "csv");
        assertThat(plan.code()).isEqualTo(3);
        assertThat(plan.out()).isEqualTo("table,rows\n`" + lab + "`.`subject`,1\n`" + lab + "`.`session`,2\n");
        assertThat(plan.err()).contains("--yes");
        assertThat(run("delete", lab + ".Subject", "--where", "subject_id = 1", "--dry-run").code()).isZero();
        Result deleted = run("delete", lab + ".Subject", "--where", "subject_id = 1", "--yes", "--format", "csv");
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("deleted");
        assertThat(run("fetch", lab + ".Session", "--format", "csv").out()).isEqualTo("subject_id,session,notes\n2,1,x\n");
    }

    @Test
    void badInputIsOneLineWithItsCode() throws Exception {
        Path bad = Files.writeString(work.resolve("bad.jsonl"), "{\"subject_id\": 5, \"species\": \"dog\"}\n");
        Result r = run("insert", lab + ".Subject", "--file", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1).allMatch(l -> l.contains("`species`") && l.contains("'dog'"));
        Result unknown = run("fetch", lab + ".Subject", "--where", "nope = 1");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("dovetail: error: Attribute `nope` is not found in query. [UNKNOWN_ATTRIBUTE]\n");
        assertThat(run("fetch", "nodot").code()).as("a table argument without a schema is a usage error").isEqualTo(2);
        Path tree = Files.writeString(work.resolve("tree.jsonl"), "{\"subject_id\": 6, \"species\": \"rat\", \"trace\": [1]}\n");
        assertThat(run("insert", lab + ".Subject", "--file", tree.toString()).err()).contains("`trace`").contains("canonical");
        assertThat(run("delete", lab + ".Subject", "--dry-run", "--yes").code()).isEqualTo(2);
    }

    @Test
    void dropPlansFirst() {
        Result plan = run("drop", lab + ".Scratch", "--format", "csv");
        assertThat(plan.code()).isEqualTo(3);
        assertThat(plan.out()).isEqualTo("table,rows\n`" + lab + "`.`scratch`,2\n");
        assertThat(run("drop", lab + ".Scratch", "--yes").code()).isZero();
        assertThat(run("fetch", lab + ".Scratch").code()).isEqualTo(1);
    }

    @Test
    void helpOnEveryDataCommand() {
        for (String command : List.of("fetch", "insert", "delete", "drop")) {
            Result r = run(command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("Usage: dovetail " + command);
        }
    }
}
