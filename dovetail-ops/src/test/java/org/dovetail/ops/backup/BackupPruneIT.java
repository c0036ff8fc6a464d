package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovetail.DovetailException;
import org.dovetail.Dovetail;
import org.dovetail.ErrorCode;
import org.dovetail.connection.Connection;
import org.dovetail.ops.OperationLock;
import org.dovetail.spi.ObjectStore;
import org.dovetail.testing.ConnectedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup prune} on a directory target: sets deleted by retention, objects swept by the kept manifests, and its refusals. */
@ConnectedTest
class BackupPruneIT {
    private static final Instant DAY0 = Instant.parse("2026-11-01T02:00:00Z");
    private static final RetentionPolicy POLICY = new RetentionPolicy(3, 2, 0, 0, Duration.ofDays(7));

    @TempDir
    Path dir;

    @Test
    void deletesWhatNoRuleKeepsAndSweepsObjectsNoKeptManifestNames(Dovetail dj) {
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            ObjectStore store = target.store();
            List<String> sets = new ArrayList<>();
            // 20 daily sets; object 0 is in every set, object d only in the set of day d
            for (int d = 0; d < 20; d++) {
                sets.add(SyntheticSets.write(store, "lab", DAY0.plus(Duration.ofDays(d)), Manifest.COMPLETE,
                        SyntheticSets.key(0), SyntheticSets.key(100 + d)));
            }
            store.put(SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(999)), new byte[7], Map.of()); // named by no manifest
            store.put(SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(998)) + ".saving.1a2b3c4d", new byte[5], Map.of());

            BackupPrune prune = new BackupPrune(dj);
            PrunePlan plan = prune.plan(target, POLICY, Instant.parse("2026-11-21T00:00:00Z"), n -> Optional.empty());
            // days 19, 18, 17 (daily); ISO week of day 19 (2026-11-20, W47) is day 19, W46 ends Sunday 11-15 = day 14
            assertThat(plan.keptSets()).containsExactly(sets.get(19), sets.get(18), sets.get(17), sets.get(14));
            assertThat(plan.deletedSets()).hasSize(16);
            assertThat(plan.objects()).hasSize(16 + 2).contains(SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(999)))
                    .doesNotContain(SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(0)),
                            SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(114)));
            assertThat(plan.refusal()).isEmpty();
            assertThat(plan.toText()).contains("delete 16 of 20 sets").contains("keep   lab-20261115").contains("weekly 2026-W46");

            PruneReport done = prune.apply(plan, target);
            assertThat(done.deletedSets()).hasSize(16);
            assertThat(done.objects()).isEqualTo(18);
            List<String> left = new ArrayList<>();
            store.list("", info -> left.add(info.path()));
            assertThat(left.stream().filter(p -> p.startsWith(SetLayout.OBJECTS))).containsExactlyInAnyOrder(
                    object(0), object(119), object(118), object(117), object(114));
            assertThat(left.stream().filter(p -> !p.startsWith(SetLayout.OBJECTS)).map(p -> p.substring(0, p.indexOf('/'))).distinct())
                    .containsExactlyInAnyOrder(sets.get(19), sets.get(18), sets.get(17), sets.get(14));
            assertThat(new BackupPrune(dj).plan(target, POLICY, Instant.parse("2026-11-21T00:00:00Z"), n -> Optional.empty())
                    .isEmpty()).as("a second prune finds nothing to do").isTrue();
            assertThat(new SetCatalog(store).sets()).extracting(SetCatalog.Entry::state).containsOnly(SetCatalog.State.COMPLETE);
        }
    }

    private static String object(int n) {
        return SetLayout.object(SyntheticSets.STORE, SyntheticSets.key(n));
    }

    @Test
    void deletesNothingWhileTheNewestRunDidNotComplete(Dovetail dj) {
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            for (int d = 0; d < 10; d++) {
                SyntheticSets.write(target.store(), "lab", DAY0.plus(Duration.ofDays(d)), Manifest.COMPLETE, SyntheticSets.key(d));
            }
            String running = SyntheticSets.unfinished(target.store(), "lab", DAY0.plus(Duration.ofDays(10)));
            BackupPrune prune = new BackupPrune(dj);
            PrunePlan plan = prune.plan(target, POLICY);
            assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("the newest set " + running + " did not complete"));
            assertThat(plan.objects()).as("nothing swept either").isEmpty();
            assertThatThrownBy(() -> prune.apply(plan, target)).isInstanceOf(DovetailException.class)
                    .satisfies(e -> assertThat(((DovetailException) e).code()).isEqualTo(ErrorCode.REFUSED));
            assertThat(new SetCatalog(target.store()).sets()).hasSize(11);
        }
    }

    @Test
    void aPlanMadeBeforeANewSetIsStaleAndABackupRunningLocksItOut(Dovetail dj) {
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            for (int d = 0; d < 6; d++) {
                SyntheticSets.write(target.store(), "lab", DAY0.plus(Duration.ofDays(d)), Manifest.COMPLETE);
            }
            BackupPrune prune = new BackupPrune(dj);
            PrunePlan plan = prune.plan(target, POLICY);
            SyntheticSets.write(target.store(), "lab", DAY0.plus(Duration.ofDays(6)), Manifest.COMPLETE);
            assertThatThrownBy(() -> prune.apply(plan, target))
                    .satisfies(e -> assertThat(((DovetailException) e).code()).isEqualTo(ErrorCode.STALE_PLAN));

            PrunePlan fresh = prune.plan(target, POLICY);
            String lock = OperationLock.name(Backups.OPERATION, target.description());
            try (Connection other = Connection.open(dj.config())) {
                assertThat(other.queryValue("SELECT GET_LOCK(?, 0)", Long.class, lock)).contains(1L);
                assertThatThrownBy(() -> prune.apply(fresh, target))
                        .satisfies(e -> assertThat(((DovetailException) e).code()).isEqualTo(ErrorCode.LOCKED));
            }
            assertThat(prune.apply(fresh, target).deletedSets()).isNotEmpty();
        }
    }

    @Test
    void sweepsNoObjectWhileAKeptManifestCannotBeRead(Dovetail dj) {
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            ObjectStore store = target.store();
            for (int d = 0; d < 5; d++) {
                SyntheticSets.write(store, "lab", DAY0.plus(Duration.ofDays(d)), Manifest.COMPLETE, SyntheticSets.key(d));
            }
            String damaged = SetLayout.dayName("lab", DAY0.plus(Duration.ofDays(5)));
            store.put(damaged + "/schemas/lab/t.0.dtr", new byte[1], Map.of());
            store.put(SetLayout.manifest(damaged), "{\"format\":\"dovetail-backup/1\",".getBytes(), Map.of()); // truncated
            SyntheticSets.write(store, "lab", DAY0.plus(Duration.ofDays(6)), Manifest.COMPLETE, SyntheticSets.key(6));
            PrunePlan plan = new BackupPrune(dj).plan(target, new RetentionPolicy(1, 0, 0, 0, Duration.ofDays(30)));
            assertThat(plan.keptSets()).contains(damaged);
            assertThat(plan.deletedSets()).hasSize(5);
            assertThat(plan.objects()).isEmpty();
            assertThat(plan.notes()).singleElement().asString().contains(damaged).contains("no object is swept");
        }
    }
}
