package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.ops.backup.sftp.SftpStore;
import org.dovetail.ops.backup.sftp.SftpTargets;
import org.dovetail.ops.backup.sftp.TestSftpServer;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * The DataJoint-Python fixture (a file store and an S3 store included) backed up straight to an
 * SFTP server (in process), verified there by a test restore, and restored from it under another
 * schema name into fresh stores: every value fetches to expected.json, DDL equal to the original.
 * The login options come from the configuration, as a cron job's would.
 */
@ConnectedTest
class BackupSftpRoundTripIT {
    @Test
    void toAnSftpServerAndBackUnderAnotherNameIntoFreshStores(TestDatabase db, TestS3 s3) throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-sftp-");
        try (TestSftpServer server = TestSftpServer.start(base.resolve("sftp"))) {
            Files.createDirectories(server.root().resolve("srv/backups"));
            ObjectNode custom = JsonNodeFactory.instance.objectNode()
                    .put(SftpTargets.IDENTITY_KEY, server.identity().toString())
                    .put(SftpTargets.KNOWN_HOSTS_KEY, server.knownHosts().toString());
            String url = "sftp://" + TestSftpServer.USER + "@127.0.0.1:" + server.port() + "/srv/backups";
            Config source = Fixture.config(db, s3, base, "sftp-src").toBuilder().custom(custom).build();
            String original = db.schema("sftp_fx");
            String restored = db.schema("sftp_fx_restored");
            Fixture.load(db, s3, source, original);
            String set;
            try (Dovetail dj = Dovetail.connect(source); BackupTarget target = BackupTarget.parse(url, source)) {
                assertThat(target.store()).isInstanceOf(SftpStore.class);
                Backups backups = new Backups(dj);
                CreateReport made = backups.create(backups.plan(BackupRequest.of(original), target), target);
                set = made.manifest().set();
                assertThat(made.manifest().status()).isEqualTo(Manifest.COMPLETE);
                assertThat(made.manifest().objects()).hasSize(56);
                VerifyResult verified = backups.verify(target, set, true);
                assertThat(verified.problems()).isEmpty();
                assertThat(verified.tables()).isEqualTo(19);
            }
            assertThat(server.root().resolve("srv/backups").resolve(SetLayout.manifest(set))).exists();

            Config fresh = Fixture.config(db, s3, base, "sftp-dst").toBuilder().custom(custom).build();
            try (Dovetail dj = Dovetail.connect(fresh); BackupTarget target = BackupTarget.parse(url, fresh)) {
                Backups backups = new Backups(dj);
                RestoreReport report = backups.restore(backups.plan(RestoreRequest.of(set).renaming(original, restored), target), target);
                assertThat(report.problems()).isEmpty();
                assertThat(report.objects().get(restored)[0]).isEqualTo(56);
                assertThat(Fixture.assertEveryValue(dj, restored)).isGreaterThan(300);
                assertThat(BackupRoundTripIT.ddl(dj.connection(), restored)).isEqualTo(BackupRoundTripIT.ddl(dj.connection(), original));
            }
        }
    }
}
