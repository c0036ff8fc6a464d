package org.dovetail.populate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.connection.Connection;
import org.dovetail.hash.KeyHash;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Heartbeat} and the {@link JobSidecar} rows it writes, on the real database. */
@DovetailTest
class HeartbeatIT {
    private static final LocalDateTime LONG_AGO = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static Dovetail dj;
    private static String schema;

    @BeforeAll
    static void open(TestDatabase db) {
        dj = Dovetail.connect(TestConfigs.of(db));
        schema = db.schema("heartbeat");
        dj.createSchema(schema);
    }

    @AfterAll
    static void close() {
        dj.close();
    }

    @Test
    void anAttemptIsRecordedAndEndsWithItsOutcome(TestDatabase db) {
        try (Heartbeat heartbeat = Heartbeat.start(TestConfigs.of(db), Heartbeat.DEFAULT_INTERVAL)) {
            Heartbeat.Job first = heartbeat.begin(schema, "_attempts", "a".repeat(32), 41);
            heartbeat.flush();
            Map<String, Object> running = row("_attempts", "a".repeat(32));
            assertThat(running).containsEntry("status", "running").containsEntry("attempts", 1L).containsEntry("failures", 0L)
                    .containsEntry("worker", heartbeat.worker()).containsEntry("connection_id", 41L)
                    .containsEntry("pid", ProcessHandle.current().pid());
            assertThat(running.get("heartbeat")).isNotNull();
            assertThat(running.get("finished")).isNull();
            first.failed();
            first.succeeded(); // ignored: an attempt ends once
            heartbeat.flush();
            assertThat(row("_attempts", "a".repeat(32))).containsEntry("status", "error").containsEntry("failures", 1L);
            assertThat(row("_attempts", "a".repeat(32)).get("duration")).isNotNull();

            Heartbeat.Job second = heartbeat.begin(schema, "_attempts", "a".repeat(32), 42);
            second.succeeded();
            heartbeat.flush();
            assertThat(row("_attempts", "a".repeat(32))).containsEntry("status", "success").containsEntry("attempts", 2L)
                    .containsEntry("failures", 1L).containsEntry("connection_id", 42L);
        }
    }

    @Test
    void theBeatIsSeenWhileTheMakesTransactionIsOpenAndOnlyForRunningJobsOfThisWorker(TestDatabase db) {
        try (Heartbeat heartbeat = Heartbeat.start(TestConfigs.of(db), Heartbeat.DEFAULT_INTERVAL);
             Heartbeat other = Heartbeat.start(TestConfigs.of(db), Heartbeat.DEFAULT_INTERVAL)) {
            Heartbeat.Job alive = heartbeat.begin(schema, "_beats", "b".repeat(32), 1);
            Heartbeat.Job done = heartbeat.begin(schema, "_beats", "c".repeat(32), 1);
            done.succeeded();
            Heartbeat.Job othersJob = other.begin(schema, "_beats", "d".repeat(32), 2);
            heartbeat.flush();
            other.flush();
            dj.connection().execute("UPDATE " + JobSidecar.table(schema).quoted() + " SET heartbeat = ? WHERE table_name = '_beats'", LONG_AGO);
            dj.connection().startTransaction(); // as a make's: the heartbeat's own connection is not inside it
            try {
                heartbeat.beatNow();
            } finally {
                dj.connection().cancelTransaction();
            }
            try (Connection observer = Connection.open(TestConfigs.of(db))) {
                List<String> beaten = observer.query("SELECT key_hash FROM " + JobSidecar.table(schema).quoted()
                        + " WHERE table_name = '_beats' AND heartbeat > ? ORDER BY key_hash", r -> r.getString(1), LONG_AGO);
                assertThat(beaten).containsExactly("b".repeat(32));
            }
            alive.succeeded();
            othersJob.aborted();
            other.flush();
            assertThat(row("_beats", "d".repeat(32))).containsEntry("status", "aborted").containsEntry("failures", 1L);
        }
    }

    /**
     * A populate with the heartbeat's listener: one record per key made or failed, written while
     * its make ran; none for a key another worker held, nor for one found made after its
     * reservation; the made key's record is not touched by a later populate that finds it done.
     */
    @Test
    void aPopulatesListenerRecordsTheJobsItMadeOrFailedAndNoOther(TestDatabase db) {
        Pipeline p = Pipeline.declare(dj, db.schema("hbpop"));
        String name = p.schema.name();
        p.table("Subject").insert1(Map.of("subject_id", 4, "weight", 1.0));
        List<String> seenInsideMake = new ArrayList<>();
        try (Heartbeat heartbeat = Heartbeat.start(TestConfigs.of(db), Heartbeat.DEFAULT_INTERVAL);
             Dovetail other = Dovetail.connect(TestConfigs.of(db))) {
            assertThat(heartbeat.prepare(name)).isTrue();
            Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
                if (key.get("subject_id").equals(1L)) {
                    assertThat(JobTable.of(other.schema(name)).reserve("_scan", Map.of("subject_id", 2L))).isTrue(); // another worker's
                    other.connection().execute("INSERT INTO " + p.table("Scan").fullName() + " (subject_id, n_units) VALUES (4, 0)");
                    heartbeat.flush(); // the record of this job, queued as the make began, is written by now
                    seenInsideMake.addAll(other.connection().query("SELECT status FROM " + JobSidecar.table(name).quoted()
                            + " WHERE key_hash = ?", r -> r.getString(1), KeyHash.keyHash(key)));
                }
                if (key.get("subject_id").equals(3L)) {
                    throw new IllegalStateException("no units");
                }
                Pipeline.SCAN.make(key, ctx);
            });
            PopulateReport report = scan.populate(PopulateOptions.defaults().withReserveJobs(true).withSuppressErrors(true)
                    .withListener(heartbeat.listener(p.table("Scan"), new JobListener() { })));
            assertThat(report.results()).extracting(JobResult::outcome)
                    .containsExactly(JobOutcome.MADE, JobOutcome.TAKEN, JobOutcome.FAILED, JobOutcome.ALREADY_DONE);
            scan.populate1(Map.of("subject_id", 1L), true); // done: no attempt
            heartbeat.flush();
        }
        assertThat(seenInsideMake).containsExactly("running");
        assertThat(dj.connection().query("SELECT key_hash, status, attempts, failures FROM " + JobSidecar.table(name).quoted(),
                r -> r.getString(1) + " " + r.getString(2) + " " + r.getLong(3) + " " + r.getLong(4)))
                .containsExactlyInAnyOrder(KeyHash.keyHash(Map.of("subject_id", 3L)) + " error 1 1", KeyHash.keyHash(Map.of("subject_id", 1L)) + " success 1 0");
    }

    /** A populate's listener: another thread told the key is taken does not end the job of the thread that holds it. */
    @Test
    void theListenerEndsOnlyTheJobOfTheThreadThatHoldsIt(TestDatabase db) throws Exception {
        Pipeline p = Pipeline.declare(dj, db.schema("hblisten"));
        Map<String, Object> one = new LinkedHashMap<>(Map.of("subject_id", 1L));
        try (Heartbeat heartbeat = Heartbeat.start(TestConfigs.of(db), Heartbeat.DEFAULT_INTERVAL)) {
            JobListener listener = heartbeat.listener(p.table("Scan"), new JobListener() { });
            listener.reserved(one);
            CompletableFuture.runAsync(() -> listener.skipped(new JobResult(one, JobOutcome.TAKEN, Duration.ZERO, null, null))).get();
            listener.made(new JobResult(one, JobOutcome.MADE, Duration.ofMillis(1), null, null));
            heartbeat.flush();
        }
        assertThat(dj.connection().query("SELECT status, attempts FROM " + JobSidecar.table(p.schema.name()).quoted(),
                r -> r.getString(1) + " " + r.getLong(2))).containsExactly("success 1");
    }

    private static Map<String, Object> row(String table, String hash) {
        return dj.connection().query("SELECT status, attempts, failures, worker, pid, connection_id, heartbeat, finished, duration FROM "
                + JobSidecar.table(schema).quoted() + " WHERE table_name = ? AND key_hash = ?", r -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("status", r.getString(1));
                    m.put("attempts", r.getLong(2));
                    m.put("failures", r.getLong(3));
                    m.put("worker", r.getString(4));
                    m.put("pid", r.getLong(5));
                    m.put("connection_id", r.getLong(6));
                    m.put("heartbeat", r.getObject(7));
                    m.put("finished", r.getObject(8));
                    m.put("duration", r.getObject(9));
                    return m;
                }, table, hash).get(0);
    }
}
