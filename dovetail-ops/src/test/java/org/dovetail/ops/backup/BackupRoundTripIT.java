package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * The DataJoint-Python fixture (a file store and an S3 store included) backed up to a directory
 * and to S3, restored under another schema name into fresh stores: every value fetches to
 * expected.json and every table's DDL is the original's.
 */
@ConnectedTest
class BackupRoundTripIT {
    @Test
    void toADirectoryAndBackUnderAnotherNameIntoFreshStores(TestDatabase db, TestS3 s3) throws Exception {
        roundTrip(db, s3, "dir", base -> base.resolve("backups").toString());
    }

    @Test
    void toS3ThroughAConfiguredStoreAndBack(TestDatabase db, TestS3 s3) throws Exception {
        roundTrip(db, s3, "s3", base -> "store:s3store/backups");
    }

    private void roundTrip(TestDatabase db, TestS3 s3, String tag, Function<Path, String> targetOf) throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-" + tag + "-");
        Config source = Fixture.config(db, s3, base, tag + "-src");
        String original = db.schema(tag + "_fx");
        String restored = db.schema(tag + "_fx_restored");
        Fixture.load(db, s3, source, original);
        String set;
        try (Dovetail dj = Dovetail.connect(source); BackupTarget target = BackupTarget.parse(targetOf.apply(base), source)) {
            Backups backups = new Backups(dj);
            CreateReport made = backups.create(backups.plan(BackupRequest.of(original), target), target);
            set = made.manifest().set();
            assertThat(made.outcome()).isEqualTo(CreateReport.Outcome.OK);
            assertThat(made.manifest().status()).isEqualTo(Manifest.COMPLETE);
            assertThat(made.manifest().objects()).hasSize(56).allSatisfy(o -> assertThat(o.sha256()).hasSize(64));
            assertThat(made.manifest().schema(original).orElseThrow().tables()).hasSize(19);
            assertThat(backups.list(target).statuses()).containsExactly(set + " complete");
            VerifyResult verified = backups.verify(target, set, true);
            assertThat(verified.problems()).isEmpty();
            assertThat(verified.tables()).isEqualTo(19);

            CreateReport again = backups.create(backups.plan(BackupRequest.of(original), target), target);
            assertThat(again.manifest().set()).startsWith(set + "-");
            assertThat(again.manifest().notes()).contains("objects: 0 copied, 56 already in the object area");
        }

        Config fresh = Fixture.config(db, s3, base, tag + "-dst");
        try (Dovetail dj = Dovetail.connect(fresh); BackupTarget target = BackupTarget.parse(targetOf.apply(base), source)) {
            Backups backups = new Backups(dj);
            RestorePlan plan = backups.plan(RestoreRequest.of(set).renaming(original, restored), target);
            assertThat(plan.refusal()).isEmpty();
            RestoreReport report = backups.restore(plan, target);
            assertThat(report.problems()).isEmpty();
            assertThat(report.objects().get(restored)[0]).isEqualTo(56);
            assertThat(Fixture.assertEveryValue(dj, restored)).isGreaterThan(300);
            assertThat(ddl(dj.connection(), restored)).isEqualTo(ddl(dj.connection(), original));

            RestorePlan again = backups.plan(RestoreRequest.of(set).renaming(original, restored), target);
            assertThat(again.refusal()).hasValueSatisfying(r -> assertThat(r).contains("exists and holds 19 tables"));
            RestoreReport replaced = backups.restore(backups.plan(RestoreRequest.of(set).renaming(original, restored).replacing(), target), target);
            assertThat(replaced.problems()).isEmpty();
            assertThat(replaced.objects().get(restored)).containsExactly(0, 56);
        }
    }

    static Map<String, String> ddl(Connection c, String schema) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> tables = c.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME",
                rs -> rs.getString(1), schema);
        for (String t : tables) {
            out.put(t, c.query("SHOW CREATE TABLE `" + schema + "`.`" + t.replace("`", "``") + "`", rs -> rs.getString(2)).get(0));
        }
        return out;
    }
}
