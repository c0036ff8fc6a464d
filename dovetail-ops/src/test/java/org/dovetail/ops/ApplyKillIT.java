package org.dovetail.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A process killed in the middle of an apply (SIGKILL, as the OOM killer or a cluster scheduler
 * would): the server releases its lock, its audit record stays {@code RUNNING} (so the
 * interrupted apply is visible), and the next apply runs. The child ({@link ApplyChild}) says on
 * stdout when it is midway; the kill comes then.
 */
@ConnectedTest
class ApplyKillIT {
    @Test
    void aKilledApplyLeavesItsRecordRunningAndItsLockToTheServer(Dovetail dj, TestDatabase db) throws Exception {
        String schema = db.schema("killed");
        String auditSchema = db.schema("audit");
        Scratch scratch = new Scratch(dj.connection(), schema);
        scratch.create();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ApplyChild.class.getName(),
                db.host(), String.valueOf(db.port()), db.user(), db.password(), schema, auditSchema).redirectErrorStream(true).start();
        waitForLine(child, db.schemaPrefix() + "apply-child.log");
        String lock = OperationLock.name(Scratch.OPERATION, schema);
        assertThat(dj.connection().queryValue("SELECT IS_USED_LOCK(?)", Long.class, lock)).as("the child holds the lock midway")
                .hasValueSatisfying(holder -> assertThat(holder).isNotEqualTo(dj.connection().connectionId()));
        assertThat(AuditLog.on(dj.connection(), auditSchema).history(1)).extracting(AuditLog.Entry::outcome).containsExactly("RUNNING");

        child.destroyForcibly().waitFor();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        // The server ends the session when the socket closes; GET_LOCK waits (up to a minute) until it has.
        assertThat(dj.connection().queryValue("SELECT GET_LOCK(?, 60)", Long.class, lock)).contains(1L);
        dj.connection().queryValue("SELECT RELEASE_LOCK(?)", Long.class, lock);
        List<AuditLog.Entry> history = AuditLog.on(dj.connection(), auditSchema).history(1);
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("RUNNING");
            assertThat(e.finished()).isNull();
            assertThat(e.report()).isNull();
            assertThat(e.action()).isEqualTo("add 2 rows");
        });
        assertThat(scratch.count()).as("the row the child added before it was killed").isOne();

        Scratch.Added again = scratch.operation(AuditLog.on(dj.connection(), auditSchema), p -> { }).apply(scratch.plan(2));
        assertThat(again.count()).isEqualTo(2);
        assertThat(AuditLog.on(dj.connection(), auditSchema).history(2)).extracting(AuditLog.Entry::outcome).containsExactly("OK", "RUNNING");
    }

    /** Reads the child's output (kept in a log file) until it says it is midway. */
    private static void waitForLine(Process child, String logName) throws Exception {
        Path log = Files.createDirectories(Path.of("target", "kill-logs")).resolve(logName);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                if (line.equals(ApplyChild.INSIDE_APPLY)) {
                    return;
                }
            }
        }
        child.destroyForcibly().waitFor();
        throw new AssertionError("the child ended without reaching the middle of its apply (exit " + child.exitValue() + "): "
                + Files.readString(log));
    }
}
