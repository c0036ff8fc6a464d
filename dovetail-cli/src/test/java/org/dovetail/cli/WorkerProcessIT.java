package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.populate.Job;
import org.dovetail.populate.JobSidecar;
import org.dovetail.populate.JobStatus;
import org.dovetail.populate.JobTable;
import org.dovetail.schema.Schema;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@code dovetail worker} as separate processes (child JVMs running {@link Main}): several on
 * one table, one killed with SIGKILL inside a make, one stopped with SIGTERM inside a make. The
 * children's make ({@link TestMakes.Blocking}) prints a line once it is inside; the kill comes then.
 */
@ConnectedTest
class WorkerProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void severalWorkerProcessesMakeEveryKeyExactlyOnce(Dovetail dj, TestDatabase db) throws Exception {
        Schema schema = TestMakes.numbers(dj, db.schema("many"), 60);
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(start(db, db.schemaPrefix() + "many-" + i + ".err", "worker", schema.name() + ".Squared", "--make",
                    TestMakes.Square.class.getName(), "--threads", "2", "--format", "json"));
        }
        long made = 0;
        for (Process worker : workers) {
            String out = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(worker.waitFor()).as(out).isZero();
            JsonNode report = JSON.readTree(out);
            assertThat(report.get("failed").asInt()).isZero();
            made += report.get("made").asLong();
        }
        assertThat(made).as("every key made once, by one of the workers").isEqualTo(60);
        assertThat(schema.table("Squared").count()).isEqualTo(60);
        assertThat(JobTable.of(schema).jobs()).as("no row left in ~jobs").isEmpty();
        assertThat(dj.connection().queryValue("SELECT SUM(attempts) FROM " + JobSidecar.table(schema.name()).quoted(), Long.class))
                .contains(60L);
    }

    @Test
    void aWorkerKilledInsideAMakeLeavesAReservationThatReleaseStaleFreesOnceItsHeartbeatIsStale(Dovetail dj, TestDatabase db)
            throws Exception {
        Schema schema = TestMakes.numbers(dj, db.schema("killed"), 1);
        Process worker = start(db, null, "worker", schema.name() + ".Squared", "--make", TestMakes.Blocking.class.getName());
        awaitInsideMake(worker, db.schemaPrefix() + "killed-worker.log");
        awaitRunningRecord(dj, schema, worker);

        Result alive = CommandRun.run(CommandRun.env(db), "jobs", "release-stale", schema.name(), "--yes", "--format", "json");
        assertThat(alive.code()).as(alive.err()).isZero();
        assertThat(alive.json().get("deleted_count").asInt()).as("a live worker's heartbeat is fresh").isZero();

        worker.destroyForcibly().waitFor();
        assertThat(worker.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        List<Job> left = JobTable.of(schema).jobs();
        assertThat(left).singleElement().satisfies(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.RESERVED);
            assertThat(j.pid()).isEqualTo(worker.pid());
        });
        assertThat(schema.table("Squared").count()).as("the killed make's insert was rolled back").isZero();

        Result released = CommandRun.run(CommandRun.env(db), "jobs", "release-stale", schema.name(), "--stale-after", "0s", "--yes",
                "--format", "json");
        assertThat(released.code()).as(released.err()).isZero();
        assertThat(released.json().get("deleted_count").asInt()).isEqualTo(1);
        assertThat(JobTable.of(schema).jobs()).isEmpty();
        assertThat(dj.connection().queryValue("SELECT status FROM " + JobSidecar.table(schema.name()).quoted(), String.class))
                .contains("released");

        Result again = CommandRun.run(CommandRun.env(db), "worker", schema.name() + ".Squared", "--make", TestMakes.Square.class.getName(),
                "--format", "json");
        assertThat(again.json().get("made").asInt()).as("the released key is made by the next worker").isEqualTo(1);
    }

    @Test
    void sigtermInsideAMakeAbortsItAsPythonRecordsItAndLeavesNoReservation(Dovetail dj, TestDatabase db) throws Exception {
        Schema schema = TestMakes.numbers(dj, db.schema("term"), 3);
        Process worker = start(db, null, "worker", schema.name() + ".Squared", "--make", TestMakes.Blocking.class.getName(), "--format", "json");
        BufferedReader output = awaitInsideMake(worker, db.schemaPrefix() + "term-worker.log");

        worker.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
        StringBuilder rest = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            rest.append(line).append('\n');
        }
        assertThat(worker.waitFor()).as("ended by SIGTERM").isEqualTo(128 + 15);
        List<Job> jobs = JobTable.of(schema).jobs();
        assertThat(jobs).as(rest.toString()).singleElement().satisfies(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.ERROR);
            assertThat(j.errorMessage()).isEqualTo("SystemExit: SIGTERM received");
        });
        assertThat(schema.table("Squared").count()).as("the aborted make was rolled back; no other key started").isZero();
        assertThat(rest.toString()).contains("aborted `" + schema.name() + "`.`__squared`").contains("\"aborted\" : 1")
                .contains("\"stopped\" : \"SystemExit: SIGTERM received\"");
        assertThat(dj.connection().queryValue("SELECT status FROM " + JobSidecar.table(schema.name()).quoted(), String.class))
                .contains("aborted");
    }

    /**
     * {@code dovetail ARGS} in a child JVM, on the test database; standard error into {@code errLog}
     * under {@code target/kill-logs}, or merged into standard output when null.
     */
    private static Process start(TestDatabase db, String errLog, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (errLog == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(Files.createDirectories(Path.of("target", "kill-logs")).resolve(errLog).toFile());
        }
        Map<String, String> env = builder.environment();
        env.putAll(CommandRun.sandboxed(CommandRun.env(db)));
        return builder.start();
    }

    /**
     * Returns once the worker's record of its running job is written (the heartbeat thread writes
     * it while the make runs); fails if the worker ends first.
     */
    private static void awaitRunningRecord(Dovetail dj, Schema schema, Process worker) {
        String sidecar = JobSidecar.table(schema.name()).quoted();
        // the sidecar exists: the worker creates it before any thread starts
        while (dj.connection().queryValue("SELECT COUNT(*) FROM " + sidecar + " WHERE status = 'running' AND pid = ?", Long.class,
                worker.pid()).orElse(0L) == 0) {
            if (!worker.isAlive()) {
                throw new AssertionError("the worker ended before its running job was recorded (exit " + worker.exitValue() + ")");
            }
            Thread.onSpinWait();
        }
    }

    /** Reads the child's output (kept in a log file) until its make says it is inside; the reader of the rest. */
    private static BufferedReader awaitInsideMake(Process child, String logName) throws Exception {
        Path log = Files.createDirectories(Path.of("target", "kill-logs")).resolve(logName);
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                if (line.equals(TestMakes.INSIDE_MAKE)) {
                    return lines;
                }
            }
        }
        child.destroyForcibly().waitFor();
        throw new AssertionError("the worker ended without reaching its make (exit " + child.exitValue() + "): " + Files.readString(log));
    }
}
