package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.hash.KeyHash;
import org.dovetail.populate.Heartbeat;
import org.dovetail.populate.JobSidecar;
import org.dovetail.populate.JobTable;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.config.Config;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@code dovetail jobs ...} on a {@code ~jobs} table holding what workers leave: a reservation
 * without heartbeat (as DataJoint-Python writes it), a Java reservation whose heartbeat went
 * silent, one whose heartbeat is fresh, an error and an ignore row.
 */
@ConnectedTest
class JobsCliIT {
    private static final String TARGET = "__spike_count";

    @Test
    void listShowsEveryRowAndErrorsTheErrorsWithKeyAndMessage(Dovetail dj, TestDatabase db) throws Exception {
        String schema = db.schema("jobs_list");
        dj.createSchema(schema);
        JobTable jobs = JobTable.of(dj.schema(schema));
        jobs.reserve(TARGET, key(1));
        jobs.error(TARGET, key(2), "ValueError: no spikes in probe 2", "Traceback (most recent call last): ...");
        jobs.ignore(TARGET, key(3));

        Result list = CommandRun.run(CommandRun.env(db), "jobs", "list", schema, "--format", "json");
        assertThat(list.code()).as(list.err()).isZero();
        List<String> statuses = new ArrayList<>();
        list.json().get("jobs").forEach(j -> statuses.add(j.get("status").asText()));
        assertThat(statuses).containsExactlyInAnyOrder("reserved", "error", "ignore");

        Result errors = CommandRun.run(CommandRun.env(db), "jobs", "errors", schema, "--format", "json");
        JsonNode error = errors.json().get("jobs");
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("error_message").asText()).isEqualTo("ValueError: no spikes in probe 2");
        assertThat(error.get(0).get("key").get("probe_idx").asLong()).isEqualTo(2);
        assertThat(error.get(0).get("key_hash").asText()).isEqualTo(KeyHash.keyHash(key(2)));
        assertThat(error.get(0).get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());

        Result text = CommandRun.run(CommandRun.env(db), "jobs", "errors", schema, "--table", TARGET);
        assertThat(text.out()).contains("error  " + TARGET + " {subject_id=1, probe_idx=2}").contains("ValueError: no spikes in probe 2");
    }

    @Test
    void releaseStaleFreesSilentJavaReservationsAndPythonOnesOnlyWhenAskedAndOldEnough(Dovetail dj, Config config, TestDatabase db) throws Exception {
        String schema = db.schema("jobs_stale");
        dj.createSchema(schema);
        JobTable jobs = JobTable.of(dj.schema(schema));
        jobs.reserve(TARGET, key(1)); // no heartbeat: as a Python worker's
        try (Heartbeat heartbeat = Heartbeat.start(config, Heartbeat.DEFAULT_INTERVAL)) {
            jobs.reserve(TARGET, key(4));
            heartbeat.begin(schema, TARGET, KeyHash.keyHash(key(4)), dj.connection().connectionId());
            jobs.reserve(TARGET, key(5));
            heartbeat.begin(schema, TARGET, KeyHash.keyHash(key(5)), dj.connection().connectionId());
            heartbeat.flush();

            Result fresh = CommandRun.run(CommandRun.env(db), "jobs", "release-stale", schema, "--format", "json");
            assertThat(fresh.code()).as("nothing to release: exit 0").isZero();
            assertThat(fresh.json().get("delete")).isEmpty();
            assertThat(fresh.json().get("keep")).hasSize(3);

            // key 4's worker died: its heartbeat is an hour old
            dj.connection().execute("UPDATE " + JobSidecar.table(schema).quoted() + " SET heartbeat = NOW(3) - INTERVAL 1 HOUR"
                    + " WHERE key_hash = ?", KeyHash.keyHash(key(4)));
            Result plan = CommandRun.run(CommandRun.env(db), "jobs", "release-stale", schema, "--python-older-than", "24h", "--format", "json");
            assertThat(plan.code()).as("a plan without --yes").isEqualTo(3);
            assertThat(plan.err()).contains("run again with --yes to delete 1 row");
            assertThat(hashes(plan.json().get("delete"))).containsExactly(KeyHash.keyHash(key(4)));
            assertThat(jobs.job(TARGET, KeyHash.keyHash(key(4)))).as("nothing changed without --yes").isPresent();

            Result applied = CommandRun.run(CommandRun.env(db), "jobs", "release-stale", schema, "--yes", "--format", "json");
            assertThat(applied.code()).as(applied.err()).isZero();
            assertThat(applied.json().get("deleted_count").asInt()).isEqualTo(1);
            assertThat(jobs.job(TARGET, KeyHash.keyHash(key(4)))).isEmpty();
            assertThat(jobs.job(TARGET, KeyHash.keyHash(key(5)))).as("a live heartbeat").isPresent();
            assertThat(jobs.job(TARGET, KeyHash.keyHash(key(1)))).as("no heartbeat, not asked").isPresent();
            assertThat(dj.connection().queryValue("SELECT status FROM " + JobSidecar.table(schema).quoted() + " WHERE key_hash = ?",
                    String.class, KeyHash.keyHash(key(4)))).contains("released");

            Result python = CommandRun.run(CommandRun.env(db), "jobs", "release-stale", schema, "--python-older-than", "0s", "--yes",
                    "--format", "json");
            assertThat(python.code()).as(python.err()).isZero();
            assertThat(hashes(python.json().get("deleted"))).containsExactly(KeyHash.keyHash(key(1)));
            assertThat(jobs.job(TARGET, KeyHash.keyHash(key(5)))).isPresent();
        }
    }

    @Test
    void clearDeletesErrorAndIgnoreRowsNeverReservations(Dovetail dj, TestDatabase db) throws Exception {
        String schema = db.schema("jobs_clear");
        dj.createSchema(schema);
        JobTable jobs = JobTable.of(dj.schema(schema));
        jobs.reserve(TARGET, key(1));
        jobs.error(TARGET, key(2), "RuntimeError", null);
        jobs.ignore(TARGET, key(3));

        Result dryRun = CommandRun.run(CommandRun.env(db), "jobs", "clear", schema, "--dry-run");
        assertThat(dryRun.code()).isZero();
        assertThat(dryRun.out()).contains("2 rows to delete");
        assertThat(jobs.jobs()).hasSize(3);

        Result errorsOnly = CommandRun.run(CommandRun.env(db), "jobs", "clear", schema, "--status", "error", "--yes");
        assertThat(errorsOnly.code()).as(errorsOnly.err()).isZero();
        assertThat(jobs.jobs()).extracting(j -> j.status().sqlValue()).containsExactlyInAnyOrder("reserved", "ignore");

        Result rest = CommandRun.run(CommandRun.env(db), "jobs", "clear", schema, "--yes");
        assertThat(rest.out()).contains("1 row deleted");
        assertThat(jobs.jobs()).extracting(j -> j.status().sqlValue()).containsExactly("reserved");
    }

    @Test
    void statsCountsAttemptsFailuresAndSuccesses(Dovetail dj, Config config, TestDatabase db) throws Exception {
        String schema = db.schema("jobs_stats");
        dj.createSchema(schema);
        try (Heartbeat heartbeat = Heartbeat.start(config, Heartbeat.DEFAULT_INTERVAL)) {
            heartbeat.begin(schema, TARGET, KeyHash.keyHash(key(1)), 0).failed();
            heartbeat.begin(schema, TARGET, KeyHash.keyHash(key(1)), 0).succeeded();
            heartbeat.begin(schema, TARGET, KeyHash.keyHash(key(2)), 0).succeeded();
            heartbeat.begin(schema, TARGET, KeyHash.keyHash(key(3)), 0);
        }
        Result stats = CommandRun.run(CommandRun.env(db), "jobs", "stats", schema, "--window", "1d", "--format", "json");
        assertThat(stats.code()).as(stats.err()).isZero();
        JsonNode table = stats.json().get("tables").get(0);
        assertThat(table.get("table_name").asText()).isEqualTo(TARGET);
        assertThat(table.get("attempts").asLong()).isEqualTo(4);
        assertThat(table.get("failures").asLong()).isEqualTo(1);
        assertThat(table.get("failure_rate").asDouble()).isEqualTo(0.25);
        assertThat(table.get("succeeded").asLong()).isEqualTo(2);
        assertThat(table.get("recent_successes").asLong()).isEqualTo(2);
        assertThat(table.get("running").asLong()).isEqualTo(1);
    }

    private static Map<String, Object> key(long probe) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("subject_id", 1L);
        key.put("probe_idx", probe);
        return key;
    }

    private static List<String> hashes(JsonNode rows) {
        List<String> hashes = new ArrayList<>();
        rows.forEach(r -> hashes.add(r.get("key_hash").asText()));
        return hashes;
    }
}
