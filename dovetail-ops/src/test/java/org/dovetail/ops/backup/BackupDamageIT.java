package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.config.Config;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code verify} names a corrupted file, a missing object and a truncated manifest; {@code restore} refuses such a set. */
@ConnectedTest
class BackupDamageIT {
    private static Path base;
    private static Config config;
    private static String schema;

    @BeforeAll
    static void load(TestDatabase db, TestS3 s3) throws Exception {
        base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-damage-");
        config = Fixture.config(db, s3, base, "src");
        schema = db.schema("dmg");
        Fixture.load(db, s3, config, schema);
    }

    /** A fresh set of the fixture in its own directory. */
    private static Made backup(String name) {
        Path dir = base.resolve(name);
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            Backups backups = new Backups(dj);
            return new Made(dir, backups.create(backups.plan(BackupRequest.of(schema).withThreads(1), target), target).manifest());
        }
    }

    private record Made(Path dir, Manifest manifest) { }

    private static VerifyResult verify(Made made) {
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(made.dir().toString())) {
            return new Backups(dj).verify(target, null, false);
        }
    }

    private static RestorePlan restorePlan(Made made, String as) {
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(made.dir().toString())) {
            return new Backups(dj).plan(RestoreRequest.of(made.manifest().set()).renaming(schema, as), target);
        }
    }

    @Test
    void aCorruptedFileIsNamedAndTheSetIsNotRestored(TestDatabase db) throws Exception {
        Made made = backup("corrupt");
        assertThat(verify(made).problems()).isEmpty();
        Manifest.Unit unit = made.manifest().schema(schema).orElseThrow().table("blobs").orElseThrow().units().get(0);
        Path file = made.dir().resolve(unit.file());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a; // same size, one byte changed
        Files.write(file, bytes);

        VerifyResult result = verify(made);
        assertThat(result.outcome()).isEqualTo(VerifyResult.Outcome.FAILED);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("corrupted file " + file));
        RestorePlan plan = restorePlan(made, db.schema("dmg_r1"));
        assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("does not verify").contains(file.toString()));
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(made.dir().toString())) {
            assertThatThrownBy(() -> new Backups(dj).restore(plan, target)).isInstanceOf(DovetailException.class)
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.REFUSED);
            assertThat(dj.schemaExists(db.schema("dmg_r1"))).isFalse();
        }
    }

    @Test
    void everyCorruptedFileIsNamedInTheManifestsOrder() throws Exception {
        Made made = backup("corrupt-two");
        java.util.List<Manifest.FileEntry> files = made.manifest().files();
        java.util.List<Path> damaged = java.util.List.of(made.dir().resolve(files.get(1).path()), made.dir().resolve(files.get(files.size() - 1).path()));
        for (Path file : damaged) {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x5a;
            Files.write(file, bytes);
        }
        VerifyResult result = verify(made);
        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).startsWith("corrupted file " + damaged.get(0));
        assertThat(result.problems().get(1)).startsWith("corrupted file " + damaged.get(1));
    }

    /** The plan hashed every file; one that changes before the rows are loaded is still caught, and its rows are not committed. */
    @Test
    void aFileThatChangesAfterThePlanIsCaughtWhileLoading(TestDatabase db) throws Exception {
        Made made = backup("changed");
        String as = db.schema("dmg_r2");
        RestorePlan plan = restorePlan(made, as);
        assertThat(plan.refusal()).isEmpty();
        Manifest.Unit unit = made.manifest().schema(schema).orElseThrow().table("blobs").orElseThrow().units().get(0);
        Path file = made.dir().resolve(unit.file());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(made.dir().toString())) {
            assertThatThrownBy(() -> new Backups(dj).restore(plan, target)).isInstanceOf(DovetailException.class)
                    .hasMessageContaining(file.toString());
        }
        try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + as + "`.`blobs`")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void aMissingObjectIsNamed() throws Exception {
        Made made = backup("missing");
        Manifest.ObjectEntry object = made.manifest().objects().get(3);
        Path file = made.dir().resolve(SetLayout.object(object.store(), object.key()));
        Files.delete(file);
        VerifyResult result = verify(made);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("missing object " + file)
                .contains("store " + object.store()).contains("hash " + object.hash()));
    }

    @Test
    void aTruncatedManifestIsNamedAndTheSetIsNotComplete(TestDatabase db) throws Exception {
        Made made = backup("truncated");
        Path manifest = made.dir().resolve(SetLayout.manifest(made.manifest().set()));
        byte[] bytes = Files.readAllBytes(manifest);
        Files.write(manifest, Arrays.copyOf(bytes, bytes.length / 2));
        VerifyResult result = verify(made);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p).contains(manifest.toString()).contains("not valid JSON"));
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(made.dir().toString())) {
            assertThat(new Backups(dj).list(target).statuses()).containsExactly(made.manifest().set() + " damaged");
            assertThatThrownBy(() -> new Backups(dj).plan(RestoreRequest.of(made.manifest().set()), target))
                    .hasMessageContaining("not valid JSON").hasMessageContaining(manifest.toString());
        }
    }
}
