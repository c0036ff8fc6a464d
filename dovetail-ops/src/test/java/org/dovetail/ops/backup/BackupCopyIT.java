package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.Report;
import org.dovetail.config.Config;
import org.dovetail.ops.backup.sftp.SftpStore;
import org.dovetail.ops.backup.sftp.SftpTargets;
import org.dovetail.ops.backup.sftp.TestSftpServer;
import org.dovetail.spi.ObjectStore;
import org.dovetail.testing.ConnectedTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup copy} from a directory to an SFTP server (in process): sets and new objects copied and verified, then the source pruned. */
@ConnectedTest
class BackupCopyIT {
    private static final Instant DAY0 = Instant.parse("2026-11-23T02:00:00Z");

    @TempDir
    Path dir;
    private TestSftpServer server;
    private BackupTarget local;
    private BackupTarget remote;

    @BeforeEach
    void targets() throws Exception {
        server = TestSftpServer.start(dir.resolve("sftp"));
        Files.createDirectories(server.root().resolve("backups"));
        local = BackupTarget.ofDirectory(dir.resolve("local").toString());
        remote = target(SftpStore.connect(server.location("backups"), server.options()));
    }

    @AfterEach
    void close() throws Exception {
        local.close();
        remote.close();
        server.close();
        BackupTarget.useSftp(SftpTargets::open);
    }

    /** An SFTP target as BackupTarget.parse makes it, with the test server's key and known_hosts. */
    private BackupTarget target(SftpStore store) {
        BackupTarget.useSftp((uri, config) -> store);
        return BackupTarget.parse(store.location().toString(), Config.builder().build());
    }

    @Test
    void copiesTheNewSetsAndOnlyTheMissingObjectsThenPrunesTheSourceOfWhatVerified(Dovetail dj) {
        List<String> sets = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            sets.add(SyntheticSets.write(local.store(), "lab", DAY0.plus(Duration.ofDays(d)), Manifest.COMPLETE,
                    SyntheticSets.key(0), SyntheticSets.key(10 + d)));
        }
        BackupCopy copy = new BackupCopy(dj);
        CopyPlan plan = copy.plan(local, remote, List.of());
        assertThat(plan.sets()).extracting(CopyPlan.SetCopy::name).containsExactlyElementsOf(sets);
        assertThat(plan.sets()).extracting(CopyPlan.SetCopy::newObjects).containsExactly(2, 1, 1, 1);

        CopyReport done = copy.apply(plan, local, remote, new RetentionPolicy(1, 0, 0, 0, Duration.ofDays(7)));
        assertThat(done.verified()).containsExactlyElementsOf(sets);
        assertThat(done.objectsCopied()).isEqualTo(5);
        assertThat(done.outcome()).isEqualTo(Report.Outcome.OK);
        assertThat(done.pruned().deletedSets()).containsExactlyInAnyOrderElementsOf(sets.subList(0, 3));
        assertThat(new Backups(dj).list(remote).complete()).containsExactlyElementsOf(sets);
        assertThat(new Backups(dj).list(local).complete()).containsExactly(sets.get(3));
        assertThat(server.root().resolve("backups/" + SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(11))))
                .hasBinaryContent(SyntheticSets.object(SyntheticSets.key(11)));

        // the next day: one new set, one new object; the shared object is not copied again
        String next = SyntheticSets.write(local.store(), "lab", DAY0.plus(Duration.ofDays(4)), Manifest.COMPLETE,
                SyntheticSets.key(0), SyntheticSets.key(14));
        CopyPlan daily = copy.plan(local, remote, List.of());
        assertThat(daily.sets()).extracting(CopyPlan.SetCopy::name).containsExactly(next);
        CopyReport second = copy.apply(daily, local, remote);
        assertThat(second.objectsCopied()).isEqualTo(1);
        assertThat(second.objectsPresent()).isEqualTo(1);
        assertThat(copy.plan(local, remote, List.of()).isEmpty()).isTrue();
    }

    @Test
    void aSourceFileThatDoesNotMatchItsManifestIsNotCopiedAndNothingIsPruned(Dovetail dj) throws Exception {
        String older = SyntheticSets.write(local.store(), "lab", DAY0, Manifest.COMPLETE, SyntheticSets.key(1));
        String newer = SyntheticSets.write(local.store(), "lab", DAY0.plus(Duration.ofDays(1)), Manifest.COMPLETE, SyntheticSets.key(2));
        Files.writeString(dir.resolve("local").resolve(newer + "/schemas/lab/t.0.dtr"), "bit rot");
        BackupCopy copy = new BackupCopy(dj);
        CopyPlan plan = copy.plan(local, remote, List.of());
        assertThatThrownBy(() -> copy.apply(plan, local, remote, new RetentionPolicy(1, 0, 0, 0, Duration.ZERO)))
                .isInstanceOf(DovetailException.class).hasMessageContaining(newer + "/schemas/lab/t.0.dtr").hasMessageContaining("not copied")
                .satisfies(e -> assertThat(((DovetailException) e).code()).isEqualTo(ErrorCode.INTEGRITY));
        assertThat(new Backups(dj).list(remote).complete()).containsExactly(older);
        assertThat(new Backups(dj).list(remote).statuses()).doesNotContain(newer + " complete");
        assertThat(new Backups(dj).list(local).complete()).containsExactly(older, newer);
    }

    @Test
    void thePruneOfTheSourceKeepsWhatTheDestinationDoesNotHave(Dovetail dj) {
        List<String> sets = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            sets.add(SyntheticSets.write(local.store(), "lab", DAY0.plus(Duration.ofDays(d)), Manifest.COMPLETE, SyntheticSets.key(d)));
        }
        BackupCopy copy = new BackupCopy(dj);
        CopyReport done = copy.apply(copy.plan(local, remote, List.of(sets.get(2))), local, remote,
                new RetentionPolicy(1, 0, 0, 0, Duration.ofDays(7)));
        assertThat(done.verified()).containsExactly(sets.get(2));
        assertThat(done.pruned().deletedSets()).isEmpty();
        assertThat(done.prune().sets()).filteredOn(v -> v.set().name().equals(sets.get(0))).singleElement()
                .satisfies(v -> assertThat(v.reasons()).containsExactly("not at the destination (kept at the source)"));

        // a set damaged at the destination after it was copied does not verify there: it stays at the source
        copy.apply(copy.plan(local, remote, List.of(sets.get(1))), local, remote);
        remote.store().put(sets.get(1) + "/schemas/lab/t.0.dtr", new byte[] {9}, Map.of());
        CopyReport again = copy.apply(copy.plan(local, remote, List.of(sets.get(0))), local, remote,
                new RetentionPolicy(1, 0, 0, 0, Duration.ofDays(7)));
        assertThat(again.pruned().deletedSets()).containsExactly(sets.get(0));
        assertThat(again.prune().sets()).filteredOn(v -> v.set().name().equals(sets.get(1))).singleElement()
                .satisfies(v -> assertThat(v.reasons()).singleElement().asString().startsWith("does not verify at the destination"));
        ObjectStore source = local.store();
        assertThat(source.stat(SetLayout.manifest(sets.get(1)))).isPresent();
    }
}
