package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.ops.backup.sftp.SftpStore;
import org.dovetail.ops.backup.sftp.SftpTargets;
import org.dovetail.ops.backup.sftp.TestSftpServer;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy to an SFTP server killed (SIGKILL) in the middle of an object's upload: the destination
 * holds no set that looks complete and no object under its final name, and the next copy
 * completes and verifies. The child ({@link CopyChild}) says on stdout when it is midway.
 */
@ConnectedTest
class BackupCopyKillIT {
    @TempDir
    Path dir;

    @Test
    void aCopyKilledMidObjectLeavesNothingCompleteAndTheNextCopySucceeds(Dovetail dj, TestDatabase db) throws Exception {
        try (TestSftpServer server = TestSftpServer.start(dir.resolve("sftp"))) {
            Path remoteDir = Files.createDirectories(server.root().resolve("backups"));
            Path localDir = dir.resolve("local");
            String set;
            try (BackupTarget local = BackupTarget.ofDirectory(localDir.toString())) {
                set = SyntheticSets.write(local.store(), "lab", Instant.parse("2026-12-03T02:00:00Z"), Manifest.COMPLETE,
                        SyntheticSets.key(1), SyntheticSets.key(2));
            }
            String url = server.location("backups").toString();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CopyChild.class.getName(),
                    db.host(), String.valueOf(db.port()), db.user(), db.password(), localDir.toString(), url,
                    server.identity().toString(), server.knownHosts().toString()).redirectErrorStream(true).start();
            String object = waitForLine(child, db.schemaPrefix() + "copy-child.log");
            assertThat(object).isIn(SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(1)),
                    SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(2)));
            assertThat(temporaryFiles(remoteDir)).as("midway: the object is being written under a temporary name")
                    .anySatisfy(p -> assertThat(p.toString()).contains(object + SftpStore.TEMP_MARKER));

            child.destroyForcibly().waitFor();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

            assertThat(remoteDir.resolve(SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(1)))).doesNotExist();
            assertThat(remoteDir.resolve(SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(2)))).doesNotExist();
            assertThat(remoteDir.resolve(SetLayout.manifest(set))).doesNotExist();
            try (SftpStore sftp = SftpStore.connect(server.location("backups"), server.options())) {
                BackupTarget.useSftp((uri, c) -> sftp);
                try (BackupTarget remote = BackupTarget.parse(url, dj.config()); BackupTarget local = BackupTarget.ofDirectory(localDir.toString())) {
                    assertThat(new Backups(dj).list(remote).complete()).isEmpty();
                    BackupCopy copy = new BackupCopy(dj);
                    CopyReport again = copy.apply(copy.plan(local, remote, List.of()), local, remote);
                    assertThat(again.verified()).containsExactly(set);
                    assertThat(again.objectsCopied()).isEqualTo(2);
                    assertThat(new Backups(dj).list(remote).complete()).containsExactly(set);
                }
            } finally {
                BackupTarget.useSftp(SftpTargets::open);
            }
            assertThat(remoteDir.resolve(SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(1))))
                    .hasBinaryContent(SyntheticSets.object(SyntheticSets.key(1)));
        }
    }

    private static List<Path> temporaryFiles(Path root) throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().contains(SftpStore.TEMP_MARKER)).forEach(found::add);
        }
        return found;
    }

    /** Reads the child's output (kept in a log file) until it says it is midway; returns the object it is writing. */
    private static String waitForLine(Process child, String logName) throws Exception {
        Path log = Files.createDirectories(Path.of("target", "kill-logs")).resolve(logName);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                if (line.startsWith(CopyChild.INSIDE_OBJECT + " ")) {
                    return line.substring(CopyChild.INSIDE_OBJECT.length() + 1);
                }
            }
        }
        child.destroyForcibly().waitFor();
        throw new AssertionError("the child ended without reaching the middle of an object (exit " + child.exitValue() + "): "
                + Files.readString(log));
    }
}
