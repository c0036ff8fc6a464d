package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dovetail.config.Config;
import org.dovetail.ops.backup.sftp.SftpTargets;
import org.dovetail.ops.backup.sftp.TestSftpServer;
import org.dovetail.spi.ObjectStore;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.FilesystemS3;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * {@link ObjectStore#listFolders} on the three kinds of target, one level only, as a backup
 * target's list of sets needs it beside a large object area: the same folders as the full
 * listing gives, and none for a missing folder.
 */
@ConnectedTest
class ListFoldersIT {
    private static final Map<String, String> NONE = Map.of();

    @Test
    void aDirectory() throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "folders-dir-");
        try (BackupTarget target = BackupTarget.ofDirectory(base.toString())) {
            listsOneLevel(target.store());
            Files.createDirectories(base.resolve("emptied-20260101"));
            assertThat(folders(target.store(), "")).as("a directory may be named without objects").contains("emptied-20260101");
        }
    }

    @Test
    void anS3Store(TestDatabase db, TestS3 s3) throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "folders-s3-");
        Config config = Fixture.config(db, s3, base, "folders");
        try (BackupTarget target = BackupTarget.parse("store:s3store/folders", config)) {
            listsOneLevel(target.store());
            target.store().put("marked/", new byte[0], NONE); // a folder marker is a folder of its own
            assertThat(folders(target.store(), "")).contains("marked");
        }
    }

    @Test
    void anS3StoreOnTheFilesystemBackend(TestDatabase db, @FilesystemS3 TestS3 s3) throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "folders-s3fs-");
        try (BackupTarget target = BackupTarget.parse("store:s3store/folders", Fixture.config(db, s3, base, "folders-fs"))) {
            listsOneLevel(target.store());
        }
    }

    @Test
    void anSftpServer(TestDatabase db, TestS3 s3) throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "folders-sftp-");
        try (TestSftpServer server = TestSftpServer.start(base.resolve("sftp"))) {
            Files.createDirectories(server.root().resolve("srv/folders"));
            ObjectNode custom = JsonNodeFactory.instance.objectNode()
                    .put(SftpTargets.IDENTITY_KEY, server.identity().toString())
                    .put(SftpTargets.KNOWN_HOSTS_KEY, server.knownHosts().toString());
            Config config = Fixture.config(db, s3, base, "folders-sftp").toBuilder().custom(custom).build();
            String url = "sftp://" + TestSftpServer.USER + "@127.0.0.1:" + server.port() + "/srv/folders";
            try (BackupTarget target = BackupTarget.parse(url, config)) {
                listsOneLevel(target.store());
            }
        }
    }

    private static void listsOneLevel(ObjectStore store) {
        store.put("lab-20260101/manifest.json", new byte[] {1}, NONE);
        store.put("lab-20260101/rows/a.rows", new byte[] {2}, NONE);
        store.put("lab-20260102-101500/manifest.json", new byte[] {3}, NONE);
        store.put("objects/s3store/00/k1", new byte[] {4}, NONE);
        store.put("objects/s3store/01/k2", new byte[] {5}, NONE);
        store.put("objects/fstore/ab/k3", new byte[] {6}, NONE);
        store.put("notes.txt", new byte[] {7}, NONE);

        assertThat(folders(store, "")).containsExactlyInAnyOrder("lab-20260101", "lab-20260102-101500", "objects")
                .isEqualTo(fromFullListing(store, ""));
        assertThat(folders(store, "objects/")).containsExactlyInAnyOrder("s3store", "fstore")
                .isEqualTo(fromFullListing(store, "objects/"));
        assertThat(folders(store, "objects/s3store/")).containsExactlyInAnyOrder("00", "01");
        assertThat(folders(store, "lab-20260101/")).containsExactly("rows");
        assertThat(folders(store, "missing/")).isEmpty();
    }

    private static Set<String> folders(ObjectStore store, String prefix) {
        Set<String> out = new TreeSet<>();
        store.listFolders(prefix, out::add);
        return out;
    }

    /** What the interface's default computes: the next segment of every object's path. */
    private static Set<String> fromFullListing(ObjectStore store, String prefix) {
        Set<String> out = new TreeSet<>();
        store.list(prefix, info -> {
            String rest = info.path().substring(prefix.length());
            if (rest.indexOf('/') > 0) {
                out.add(rest.substring(0, rest.indexOf('/')));
            }
        });
        return out;
    }
}
