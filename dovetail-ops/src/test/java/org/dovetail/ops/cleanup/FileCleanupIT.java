package org.dovetail.ops.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cleanup files}: a filepath store whose stage is its location, tracked by two schemas, as Spyglass' analysis folder is. */
@DovetailTest
class FileCleanupIT {
    @TempDir
    Path dir;

    @Test
    void untrackedFilesOfAnySchemaGoToQuarantineTrackedOnesOfEitherSchemaStay(TestDatabase db) throws Exception {
        StoreSpec spec = StoreSpec.file("analysisf", dir.toString()).withStage(dir.toString());
        Config config = Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password()).store(spec)
                .filepathManagement(true).custom(JsonNodeFactory.instance.objectNode().put("database.audit_schema", db.schema("audit"))).build();
        Path a = Files.writeString(Files.createDirectories(dir.resolve("nwb")).resolve("a.nwb"), "a");
        Path b = Files.writeString(dir.resolve("nwb/b.nwb"), "b");
        Path old = Files.writeString(dir.resolve("nwb/old.nwb"), "left by a crashed make");
        Path copying = Files.writeString(dir.resolve("nwb/c.nwb.copying"), "half a copy");
        Path young = Files.writeString(dir.resolve("nwb/young.nwb"), "a make in progress");
        try (Dovetail dj = Dovetail.connect(config)) {
            Table one = dj.createSchema(db.schema("files1")).declare(Tier.MANUAL, "Analysis", "id : int\n---\nf : filepath@analysisf");
            Table two = dj.createSchema(db.schema("files2")).declare(Tier.MANUAL, "Analysis", "id : int\n---\nf : filepath@analysisf");
            one.insert1(Map.of("id", 1, "f", a));
            two.insert1(Map.of("id", 1, "f", b));
            for (Path f : new Path[] {a, b, old, copying}) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
            }
            StoreCleanup cleanup = new StoreCleanup(dj.connection(), dj.store("analysisf"));
            ObjectsPlan plan = cleanup.plan(ObjectsPlan.Mode.FILES, SweepOptions.DEFAULTS.withMaxFraction(0.7));
            assertThat(plan.candidates()).extracting(c -> c.kind() + " " + c.path())
                    .containsExactly("INCOMPLETE_UPLOAD nwb/c.nwb.copying", "UNTRACKED nwb/old.nwb");
            assertThat(plan.young()).isEqualTo(1);
            assertThat(plan.objects()).isEqualTo(5);
            ObjectsReport report = cleanup.apply(plan);
            assertThat(report.moved()).isEqualTo(2);
            assertThat(old).doesNotExist();
            assertThat(copying).doesNotExist();
            assertThat(young).exists();
            assertThat(Files.readString((Path) one.fetch1().get("f"))).isEqualTo("a");
            assertThat(Files.readString((Path) two.fetch1().get("f"))).isEqualTo("b");
            assertThat(cleanup.quarantine().list()).extracting(Quarantine.Entry::path).containsExactly("nwb/c.nwb.copying", "nwb/old.nwb");
        }
    }
}
