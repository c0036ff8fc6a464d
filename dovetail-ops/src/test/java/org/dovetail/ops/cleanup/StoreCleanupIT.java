package org.dovetail.ops.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.blob.Blob;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.ops.AuditLog;
import org.dovetail.schema.Table;
import org.dovetail.store.ExternalStore;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.FilesystemS3;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cleanup objects} on a planted store (see {@link PlantedStore}), a file directory and an S3 bucket. */
@DovetailTest
class StoreCleanupIT {
    @TempDir
    Path dir;

    @Test
    void aFileStoreIsClassifiedQuarantinedAndRestored(TestDatabase db) throws Exception {
        scenario(PlantedStore.config(db, "plf", null, dir), null);
    }

    @Test
    void anS3StoreIsClassifiedQuarantinedAndRestored(TestDatabase db, TestS3 s3) throws Exception {
        scenario(PlantedStore.config(db, "pls", s3, dir), s3);
    }

    @Test
    void anS3StoreOnTheFilesystemBackendToo(TestDatabase db, @FilesystemS3 TestS3 s3) throws Exception {
        scenario(PlantedStore.config(db, "plb", s3, dir), s3);
    }

    private void scenario(PlantedStore planted, TestS3 bucket) throws Exception {
        try (Dovetail dj = Dovetail.connect(planted.config)) {
            planted.plant(dj, bucket);
            StoreCleanup cleanup = planted.cleanup(dj);

            ObjectsPlan refused = cleanup.plan(ObjectsPlan.Mode.OBJECTS, SweepOptions.DEFAULTS);
            assertThat(refused.refusal()).get().asString().startsWith("Refused by rule max-fraction: the plan would move 6 of "
                    + (planted.s3 ? 16 : 17) + " objects");
            assertThatThrownBy(() -> cleanup.apply(refused)).isInstanceOf(DovetailException.class)
                    .hasMessageContaining("rule max-fraction").extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.REFUSED);

            ObjectsPlan plan = cleanup.plan(ObjectsPlan.Mode.OBJECTS, SweepOptions.DEFAULTS.withMaxFraction(0.6));
            assertThat(plan.refusal()).isEmpty();
            assertThat(paths(plan, Candidate.Kind.UNUSED_ROW)).containsExactlyInAnyOrder(planted.gone1, planted.gone2, "shared/c.dat",
                    "shared/b.dat", "shared/c.dat");
            assertThat(plan.candidates().stream().filter(c -> c.kind() == Candidate.Kind.UNUSED_ROW)
                    .map(c -> c.schema() + ":" + c.path() + ":" + c.moves()).toList()).containsExactlyInAnyOrder(
                    planted.s1 + ":" + planted.gone1 + ":true", planted.s1 + ":" + planted.gone2 + ":true",
                    planted.s1 + ":shared/c.dat:false", planted.s2 + ":shared/b.dat:false", planted.s2 + ":shared/c.dat:true");
            assertThat(paths(plan, Candidate.Kind.UNTRACKED)).containsExactly(planted.oldUntracked);
            assertThat(paths(plan, Candidate.Kind.INCOMPLETE_UPLOAD)).containsExactlyInAnyOrder(planted.savingDovetail, planted.savingPython);
            assertThat(plan.young()).isEqualTo(planted.s3 ? 1 : 2);
            assertThat(plan.toText()).contains(planted.gone3).doesNotContain(planted.gone3 + "  row");
            if (!planted.s3) {
                assertThat(plan.toText()).contains(planted.youngUntracked);
            }
            assertThat(plan.notDataJoint()).isEqualTo(2);
            assertThat(plan.toText()).contains(planted.readme, planted.elsewhere);
            assertThat(plan.folderMarkers()).isEqualTo(planted.s3 ? 1 : 0);
            assertThat(plan.quarantined()).isEqualTo(6);
            assertThat(plan.referencedRows()).as("the NULLs of Maybe do not hide the unused rows").isPositive();

            // the plan survives its file
            ObjectsPlan reread = ObjectsPlan.fromJson(new ObjectMapper().readTree(plan.toJson().toString()));
            assertThat(reread.candidates()).isEqualTo(plan.candidates());
            assertThat(reread.header()).isEqualTo(plan.header());

            ObjectsReport report = cleanup.apply(reread);
            assertThat(report.failures()).isEmpty();
            assertThat(report.skipped()).isEmpty();
            assertThat(report.rowsDeleted()).isEqualTo(5);
            assertThat(report.moved()).isEqualTo(6);
            Quarantine quarantine = cleanup.quarantine();
            assertThat(quarantine.list().stream().map(Quarantine.Entry::path).collect(Collectors.toSet())).isEqualTo(Set.of(
                    planted.gone1, planted.gone2, "shared/c.dat", planted.oldUntracked, planted.savingDovetail, planted.savingPython));

            everyValueFetches(dj, planted);
            assertThat(dj.store(planted.store).objects().stat(planted.readme)).isPresent();
            assertThat(dj.store(planted.store).objects().stat(planted.elsewhere)).isPresent();
            assertThat(dj.store(planted.store).objects().stat(planted.gone3)).as("young orphan kept").isPresent();

            ObjectsPlan again = cleanup.plan(ObjectsPlan.Mode.OBJECTS, SweepOptions.DEFAULTS);
            assertThat(again.isEmpty()).as(again.toText()).isTrue();

            // restore brings the object back, and the row that tracks it again fetches
            QuarantineReport restored = quarantine.apply(quarantine.planRestore(null, List.of(planted.gone1)));
            assertThat(restored.restored()).isEqualTo(1);
            assertThat(dj.store(planted.store).objects().stat(planted.gone1)).isPresent();
            Table gone = dj.schema(planted.s1).table("Gone");
            gone.insert1(Map.of("id", 1, "v", "gone 1"));
            assertThat(gone.restrict(Map.of("id", 1)).fetch1().get("v")).isEqualTo("gone 1");

            // a purge that finds a tracking row naming the object again restores it rather than deleting it
            dj.connection().execute("INSERT INTO " + ExternalStore.trackingTable(planted.s1, planted.store).quoted()
                    + " (hash, size) VALUES (?, 10)", UuidBytes.toBytes(ContentHash.uuidFromBuffer(Blob.encode(planted.orphanValue), "")));
            QuarantineReport purged = quarantine.apply(quarantine.planPurge(Duration.ZERO.minusDays(1)));
            assertThat(purged.restored()).isEqualTo(1);
            assertThat(purged.purged()).isEqualTo(4);
            assertThat(quarantine.list()).isEmpty();
            assertThat(dj.store(planted.store).objects().stat(planted.oldUntracked)).isPresent();

            List<AuditLog.Entry> history = AuditLog.on(dj.connection()).history(10);
            assertThat(history).extracting(AuditLog.Entry::operation).containsOnly(StoreCleanup.OPERATION);
            assertThat(history).extracting(AuditLog.Entry::outcome).containsOnly("OK");
            assertThat(history.get(history.size() - 1).report().get("moved").asLong()).isEqualTo(6);
        }
    }

    private static List<String> paths(ObjectsPlan plan, Candidate.Kind kind) {
        return plan.candidates().stream().filter(c -> c.kind() == kind).map(Candidate::path).toList();
    }

    private static void everyValueFetches(Dovetail dj, PlantedStore planted) throws Exception {
        assertThat(dj.schema(planted.s1).table("Live").fetch()).hasSize(3)
                .allSatisfy(row -> assertThat(row.get("v")).isEqualTo("live " + row.get("id")));
        assertThat(dj.schema(planted.s1).table("Maybe").restrict(Map.of("id", 2)).fetch1().get("v")).isEqualTo("maybe");
        assertThat(dj.schema(planted.s2).table("Live2").fetch()).hasSize(3)
                .allSatisfy(row -> assertThat(row.get("v")).isEqualTo("second schema " + row.get("id")));
        assertThat(dj.schema(planted.s1).table("Files").fetch()).hasSize(2)
                .allSatisfy(row -> assertThat(Files.readString((Path) row.get("f"))).startsWith("file "));
        assertThat(dj.schema(planted.s2).table("Files2").fetch()).hasSize(1)
                .allSatisfy(row -> assertThat(Files.readString((Path) row.get("f"))).isEqualTo("file a"));
    }
}
