package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.populate.JobSidecar;
import org.dovetail.populate.JobTable;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@code dovetail worker} and {@code dovetail populate} in-process: Java makes by class name, a
 * pipeline made by a shell script through {@code --make-command}, failures listed by
 * {@code jobs errors}.
 */
@ConnectedTest
class WorkerCliIT {
    /** The Imported master's make: one row and two part rows per session, values from the key. */
    private static final String RECORDING_SCRIPT = """
            read key
            id=$(echo "$key" | sed 's/.*"session_id":\\([0-9]*\\).*/\\1/')
            echo "{\\"session_id\\": $id, \\"n_units\\": 2}"
            echo "{\\"_table\\": \\"Unit\\", \\"session_id\\": $id, \\"unit_id\\": 1, \\"rate\\": $id.5}"
            echo "{\\"_table\\": \\"Recording.Unit\\", \\"session_id\\": $id, \\"unit_id\\": 2, \\"rate\\": 1.25}"
            """;
    /** The Computed table's make, from DOVETAIL_KEY; fails (exit 3, a message on stderr) for session 4. */
    private static final String SUMMARY_SCRIPT = """
            id=$(echo "$DOVETAIL_KEY" | sed 's/.*"session_id":\\([0-9]*\\).*/\\1/')
            if [ "$id" = 4 ]; then echo "no units for session $id" >&2; exit 3; fi
            echo "{\\"session_id\\": $id, \\"label\\": \\"session-$id\\"}"
            """;

    @Test
    void aPipelineIsPopulatedByAShellScriptAndItsFailureIsAJobError(Dovetail dj, TestDatabase db) throws Exception {
        String lab = db.schema("script");
        Schema schema = dj.createSchema(lab);
        schema.declare(TableDefinition.of(Tier.MANUAL, "Session", "session_id : int"));
        schema.declare(TableDefinition.of(Tier.IMPORTED, "Recording", "-> Session\n---\nn_units : int")
                .withPart("Unit", "-> master\nunit_id : int\n---\nrate : float"));
        schema.declare(TableDefinition.of(Tier.COMPUTED, "Summary", "-> Recording\n---\nlabel : varchar(32)"));
        schema.table("Session").insert(List.of(List.of(1), List.of(2), List.of(3), List.of(4)));

        Result recordings = CommandRun.run(CommandRun.env(db), "worker", lab + ".Recording", "--make-command", RECORDING_SCRIPT,
                "--format", "json");
        assertThat(recordings.code()).as(recordings.err()).isZero();
        assertThat(recordings.json().get("made").asInt()).isEqualTo(4);
        assertThat(recordings.err().lines()).hasSize(4).allMatch(l -> l.startsWith("dovetail worker: made `" + lab + "`.`_recording` {session_id="));
        assertThat(schema.table("Recording.Unit").restrict(Map.of("session_id", 3)).fetch())
                .extracting(r -> ((Number) r.get("rate")).doubleValue()).containsExactly(3.5, 1.25);

        Result summaries = CommandRun.run(CommandRun.env(db), "populate", lab + ".Summary", "--reserve-jobs", "--suppress-errors",
                "--make-command", SUMMARY_SCRIPT, "--format", "json");
        assertThat(summaries.code()).as("a failed key fails the run").isEqualTo(1);
        assertThat(schema.table("Summary").fetch()).extracting(r -> r.get("label")).containsExactlyInAnyOrder("session-1", "session-2", "session-3");
        Result errors = CommandRun.run(CommandRun.env(db), "jobs", "errors", lab, "--format", "json");
        JsonNode error = errors.json().get("jobs");
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("table_name").asText()).isEqualTo("__summary");
        assertThat(error.get(0).get("key").get("session_id").asInt()).isEqualTo(4);
        assertThat(error.get(0).get("error_message").asText()).isEqualTo("MakeCommandError: no units for session 4");
    }

    @Test
    void aJavaMakeByClassNameAndAMakeThatThrowsListedByJobsErrors(Dovetail dj, TestDatabase db) throws Exception {
        String lab = db.schema("javamake");
        Schema schema = TestMakes.numbers(dj, lab, 6);

        Result run = CommandRun.run(CommandRun.env(db), "worker", lab + ".Squared", "--make", TestMakes.FailsOnOdd.class.getName(),
                "--threads", "2", "--format", "json");
        assertThat(run.code()).as("failed jobs: exit 1").isEqualTo(1);
        assertThat(run.json().get("made").asInt()).isEqualTo(3);
        assertThat(run.json().get("failed").asInt()).isEqualTo(3);
        assertThat(run.json().get("stopped").asText()).isEqualTo("empty");
        assertThat(run.err()).contains("FAILED `" + lab + "`.`__squared` {n=3}").contains("IllegalStateException: no spikes for n=3");

        Result errors = CommandRun.run(CommandRun.env(db), "jobs", "errors", lab, "--format", "json");
        List<String> messages = new ArrayList<>();
        errors.json().get("jobs").forEach(j -> messages.add(j.get("error_message").asText()));
        assertThat(messages).containsExactlyInAnyOrder("IllegalStateException: no spikes for n=1",
                "IllegalStateException: no spikes for n=3", "IllegalStateException: no spikes for n=5");
        assertThat(JobTable.of(schema).jobs()).noneMatch(j -> j.status().sqlValue().equals("reserved"));
        assertThat(dj.connection().queryValue("SELECT SUM(attempts) FROM " + JobSidecar.table(lab).quoted(), Long.class)).contains(6L);

        Result again = CommandRun.run(CommandRun.env(db), "worker", lab + ".Squared", "--make", TestMakes.Square.class.getName(),
                "--format", "json");
        assertThat(again.json().get("made").asInt()).as("keys with error rows are not retried until cleared").isZero();
        CommandRun.run(CommandRun.env(db), "jobs", "clear", lab, "--yes");
        Result retried = CommandRun.run(CommandRun.env(db), "worker", lab + ".Squared", "--make", TestMakes.Square.class.getName(),
                "--max-jobs", "2", "--format", "json");
        assertThat(retried.json().get("made").asInt()).isEqualTo(2);
        assertThat(retried.json().get("stopped").asText()).isEqualTo("max-jobs");
        Result stats = CommandRun.run(CommandRun.env(db), "jobs", "stats", lab, "--format", "json");
        JsonNode squared = stats.json().get("tables").get(0);
        assertThat(squared.get("attempts").asInt()).isEqualTo(8);
        assertThat(squared.get("failures").asInt()).isEqualTo(3);
        assertThat(squared.get("succeeded").asInt()).isEqualTo(5);
    }

    @Test
    void prioritizedKeysAreMadeFirstAndStatsCountThemQueuedUntilThen(Dovetail dj, TestDatabase db) throws Exception {
        String lab = db.schema("priority");
        Schema schema = TestMakes.numbers(dj, lab, 30);

        Result urgent = CommandRun.run(CommandRun.env(db), "jobs", "prioritize", lab + ".Squared", "1", "--where", "n IN (7, 23)",
                "--format", "json");
        assertThat(urgent.code()).as(urgent.err()).isZero();
        assertThat(urgent.json().get("count").asInt()).isEqualTo(2);
        assertThat(CommandRun.run(CommandRun.env(db), "jobs", "prioritize", lab + ".Squared", "3", "--where", "n = 11").out())
                .isEqualTo("priority 3 for 1 key still to do in `" + lab + "`.`__squared`\n");
        Result queued = CommandRun.run(CommandRun.env(db), "jobs", "stats", lab, "--format", "json");
        assertThat(queued.json().get("tables").get(0).get("queued").asInt()).isEqualTo(3);
        assertThat(queued.json().get("tables").get(0).get("jobs").asInt()).as("no attempt yet").isZero();

        Result run = CommandRun.run(CommandRun.env(db), "worker", lab + ".Squared", "--make", TestMakes.Square.class.getName(),
                "--max-jobs", "3", "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(schema.table("Squared").fetch()).extracting(r -> ((Number) r.get("n")).intValue()).containsExactlyInAnyOrder(7, 23, 11);
        assertThat(run.err().lines().toList()).hasSize(3).last(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .as("priority 3 after priority 1").contains("{n=11}");
        Result after = CommandRun.run(CommandRun.env(db), "jobs", "stats", lab, "--format", "json");
        assertThat(after.json().get("tables").get(0).get("queued").asInt()).isZero();
        assertThat(after.json().get("tables").get(0).get("succeeded").asInt()).isEqualTo(3);
        assertThat(dj.connection().query("SELECT priority, status FROM " + JobSidecar.table(lab).quoted() + " ORDER BY priority",
                r -> r.getInt(1) + " " + r.getString(2))).as("a priority stays through the attempt")
                .containsExactly("1 success", "1 success", "3 success");

        Result none = CommandRun.run(CommandRun.env(db), "jobs", "prioritize", lab + ".Squared", "1", "--where", "n = 7");
        assertThat(none.out()).as("made keys are not to do").contains("priority 1 for 0 keys").contains("(no key matched)");
    }
}
