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

    @Test
    void aStartAddedToTheReservationsRequestIsCommittedWithItBeforeTheMake(TestDatabase db) {
        Pipeline p = Pipeline.declare(dj, db.schema("hbpop"));
        String name = p.schema.name();
        Map<String, Object> one = new LinkedHashMap<>(Map.of("subject_id", 1L));
        Map<String, Object> two = new LinkedHashMap<>(Map.of("subject_id", 2L));
        List<String> seenInsideMake = new ArrayList<>();
        try (Heartbeat heartbeat = Heartbeat.start(TestConfigs.of(db), Heartbeat.DEFAULT_INTERVAL);
             Connection observer = Connection.open(TestConfigs.of(db))) {
            assertThat(heartbeat.prepare(name)).isTrue();
            Populator scan = Populator.of(p.table("Scan"), (key, ctx) -> {
                // another session sees the reservation and the start, committed before the make began
                seenInsideMake.addAll(observer.query("SELECT status FROM " + JobSidecar.table(name).quoted() + " WHERE key_hash = ?",
                        r -> "sidecar " + r.getString(1), KeyHash.keyHash(key)));
                seenInsideMake.addAll(observer.query("SELECT status FROM " + p.schema.jobsTable() + " WHERE key_hash = ?",
                        r -> "jobs " + r.getString(1), KeyHash.keyHash(key)));
                Pipeline.SCAN.make(key, ctx);
            });
            Heartbeat.Job[] job = new Heartbeat.Job[2];
            JobResult made = scan.populate1(one, g -> job[0] = heartbeat.beginIn(g, dj.connection().connectionId(), p.table("Scan"), one));
            assertThat(made.outcome()).isEqualTo(JobOutcome.MADE);
            assertThat(seenInsideMake).containsExactly("sidecar running", "jobs reserved");
            job[0].succeeded();

            try (Dovetail other = Dovetail.connect(TestConfigs.of(db))) {
                assertThat(JobTable.of(other.schema(name)).reserve("_scan", two)).isTrue();
            }
            JobResult taken = scan.populate1(two, g -> job[1] = heartbeat.beginIn(g, dj.connection().connectionId(), p.table("Scan"), two));
            assertThat(taken.outcome()).isEqualTo(JobOutcome.TAKEN);
            job[1].skipped();
            heartbeat.flush();
            assertThat(observer.query("SELECT key_hash, status FROM " + JobSidecar.table(name).quoted(), r -> r.getString(1) + " " + r.getString(2)))
                    .as("no row for the taken key").containsExactly(KeyHash.keyHash(one) + " success");
            assertThat(dj.connection().inTransaction()).isFalse();
        }
        assertThat(JobTable.of(p.schema).jobs()).extracting(Job::key).containsExactly(Map.of("subject_id", 2L));
        assertThat(p.table("Scan").count()).isEqualTo(1);
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

    /**
     * Two threads of one worker list key 1; the first makes it while the second's reservation
     * waits for the first's commit. The second finds the key done: no attempt, and the first's
     * record (its success, one attempt) is left as it was. The window is held open by a session
     * standing in for the first thread, and the server says when the second is waiting in it.
     */
    @Test
    void aKeyMadeWhileItsReservationWaitedIsNoAttemptAndLeavesTheMakersRecord(TestDatabase db) throws Exception {
        Pipeline p = Pipeline.declare(dj, db.schema("hbrace"));
        String name = p.schema.name();
        Map<String, Object> one = new LinkedHashMap<>(Map.of("subject_id", 1L));
        String hash = KeyHash.keyHash(one);
        try (Heartbeat heartbeat = Heartbeat.start(TestConfigs.of(db), Heartbeat.DEFAULT_INTERVAL);
             Dovetail first = Dovetail.connect(TestConfigs.of(db)); Dovetail second = Dovetail.connect(TestConfigs.of(db))) {
            assertThat(heartbeat.prepare(name)).isTrue();
            // the first thread: reserved, its attempt recorded, its make and the end of its reservation not yet committed
            assertThat(JobTable.of(first.schema(name)).reserve("_scan", one)).isTrue();
            Heartbeat.Job firstJob = heartbeat.begin(name, "_scan", hash, first.connection().connectionId());
            first.connection().startTransaction();
            first.connection().execute("INSERT INTO " + p.table("Scan").fullName() + " (subject_id, n_units) VALUES (1, 0)");
            first.connection().execute("DELETE FROM " + p.schema.jobsTable() + " WHERE table_name = '_scan' AND key_hash = ?", hash);

            Populator scan = Populator.of(second.schema(name).table("Scan"), Pipeline.SCAN);
            Heartbeat.Job[] secondJob = new Heartbeat.Job[1];
            CompletableFuture<JobResult> result = CompletableFuture.supplyAsync(() -> scan.populate1(one,
                    g -> secondJob[0] = heartbeat.beginIn(g, second.connection().connectionId(), second.schema(name).table("Scan"), one)));
            awaitReservationInsert(second.connection().connectionId(), result);
            first.connection().commitTransaction();
            firstJob.succeeded();

            assertThat(result.get().outcome()).isEqualTo(JobOutcome.ALREADY_DONE);
            secondJob[0].skipped();
            heartbeat.flush();
        }
        assertThat(dj.connection().query("SELECT key_hash, status, attempts FROM " + JobSidecar.table(name).quoted(),
                r -> r.getString(1) + " " + r.getString(2) + " " + r.getLong(3))).containsExactly(hash + " success 1");
        assertThat(JobTable.of(p.schema).jobs()).as("the second's reservation is released").isEmpty();
    }

    /**
     * Returns once the server shows {@code connectionId} running its insert into {@code ~jobs}
     * (its transaction begun, the insert held by the other session's lock); fails if {@code work}
     * ends first. The process list, not INNODB_TRX: MariaDB lists a transaction there only once it
     * has written something.
     */
    private static void awaitReservationInsert(long connectionId, CompletableFuture<?> work) {
        try (Connection watcher = Connection.open(dj.config())) {
            while (watcher.queryValue("SELECT COUNT(*) FROM information_schema.processlist WHERE id = ? AND command = 'Query'"
                    + " AND info LIKE 'INSERT INTO %~jobs%'", Long.class, connectionId).orElse(0L) == 0) {
                if (work.isDone()) {
                    throw new AssertionError("connection " + connectionId + " ended its work before its reservation's insert: " + work.join());
                }
                Thread.onSpinWait();
            }
        }
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
