package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.ops.OperationLock;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs killed with SIGKILL (a child JVM, {@link BackupChild}, says when it is inside the window):
 * a backup killed inside the dump or inside the object copy leaves no set that {@code list} shows
 * as complete, and the next run succeeds; a restore killed midway is reported by the next one,
 * which restores the schema again from the start.
 */
@ConnectedTest
class BackupKillIT {
    private static Path base;
    private static Config config;
    private static String schema;
    private static final String TAG = "src";

    @BeforeAll
    static void load(TestDatabase db, TestS3 s3) throws Exception {
        base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-kill-");
        config = Fixture.config(db, s3, base, TAG);
        schema = db.schema("kill");
        Fixture.load(db, s3, config, schema);
    }

    private static void killInside(TestDatabase db, TestS3 s3, Path targetDir, String mode, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BackupChild.class.getName(), mode, db.host(), String.valueOf(db.port()),
                db.user(), db.password(), s3.hostAndPort(), s3.bucket(), s3.accessKey(), s3.secretKey(), base.toString(), TAG, schema,
                targetDir.toString()));
        command.addAll(List.of(more));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        waitForLine(child, db.schemaPrefix() + "backup-" + mode + ".log");
        child.destroyForcibly().waitFor();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        // the server ends the child's session when its socket closes; wait for its lock to go
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(targetDir.toString())) {
            String lock = OperationLock.name(Backups.OPERATION, target.description());
            assertThat(dj.connection().queryValue("SELECT GET_LOCK(?, 60)", Long.class, lock)).contains(1L);
            dj.connection().queryValue("SELECT RELEASE_LOCK(?)", Long.class, lock);
        }
    }

    private static CreateReport backupAgain(Path dir) {
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            Backups backups = new Backups(dj);
            return backups.create(backups.plan(BackupRequest.of(schema).withThreads(1), target), target);
        }
    }

    private static SetList list(Path dir) {
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            return new Backups(dj).list(target);
        }
    }

    @Test
    void aBackupKilledInsideTheDumpLeavesNoCompleteSet(TestDatabase db, TestS3 s3) throws Exception {
        Path dir = base.resolve("killed-dump");
        killInside(db, s3, dir, "dump");
        SetList after = list(dir);
        assertThat(after.complete()).isEmpty();
        assertThat(after.statuses()).singleElement().satisfies(s -> assertThat(s).endsWith(" unfinished"));
        CreateReport next = backupAgain(dir);
        assertThat(next.manifest().status()).isEqualTo(Manifest.COMPLETE);
        assertThat(list(dir).complete()).containsExactly(next.manifest().set());
    }

    @Test
    void aBackupKilledInsideTheObjectCopyLeavesNoCompleteSet(TestDatabase db, TestS3 s3) throws Exception {
        Path dir = base.resolve("killed-objects");
        killInside(db, s3, dir, "objects");
        assertThat(list(dir).complete()).isEmpty();
        assertThat(Files.exists(dir.resolve(SetLayout.OBJECTS))).as("no object copied yet").isFalse();
        CreateReport next = backupAgain(dir);
        assertThat(next.manifest().status()).isEqualTo(Manifest.COMPLETE);
        assertThat(next.manifest().notes()).contains("objects: 56 copied, 0 already in the object area");
        assertThat(list(dir).statuses()).hasSize(2).last().satisfies(s -> assertThat(s).isEqualTo(next.manifest().set() + " complete"));
    }

    @Test
    void aRestoreKilledMidwayIsReportedAndRunsAgainFromTheStart(TestDatabase db, TestS3 s3) throws Exception {
        Path dir = base.resolve("killed-restore");
        String set = backupAgain(dir).manifest().set();
        String restored = db.schema("kill_restored");
        killInside(db, s3, dir, "restore", set, restored);
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            Backups backups = new Backups(dj);
            RestorePlan plan = backups.plan(RestoreRequest.of(set).renaming(schema, restored), target);
            assertThat(plan.refusal()).isEmpty();
            assertThat(plan.toText()).contains("an interrupted restore of " + set + " is there: restored again from the start");
            RestoreReport report = backups.restore(plan, target);
            assertThat(report.problems()).isEmpty();
            assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("interrupted restore of " + set));
            assertThat(dj.connection().queryValue("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                    Long.class, restored, Restorer.MARKER)).contains(0L);
            assertThat(Fixture.assertEveryValue(dj, restored)).isGreaterThan(300);
        }
    }

    /** Reads the child's output (kept in a log file) until it says it is inside the window. */
    private static void waitForLine(Process child, String logName) throws Exception {
        Path log = Files.createDirectories(Path.of("target", "kill-logs")).resolve(logName);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                if (line.equals(BackupChild.INSIDE)) {
                    return;
                }
            }
        }
        child.destroyForcibly().waitFor();
        throw new AssertionError("the child ended without reaching its window (exit " + child.exitValue() + "): " + Files.readString(log));
    }
}
