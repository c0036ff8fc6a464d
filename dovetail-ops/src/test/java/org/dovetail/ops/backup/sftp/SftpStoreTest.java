package org.dovetail.ops.backup.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.spi.ObjectInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SftpStore} against an in-process SFTP server: objects, streaming, atomic writes, login and host keys. */
class SftpStoreTest {
    @TempDir
    Path dir;
    private TestSftpServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestSftpServer.start(dir);
        Files.createDirectories(server.root().resolve("backups"));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void writesReadsListsAndDeletesObjectsInFoldersItCreates() {
        try (SftpStore store = SftpStore.connect(server.location("backups"), server.options())) {
            store.put("lab-20261203/manifest.json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
            store.put("lab-20261203/schemas/lab_ephys/raw.0.dtd", new byte[] {1, 2, 3}, Map.of());
            store.put("objects/raw/ab/cd/abcd", new byte[10], Map.of());

            assertThat(server.root().resolve("backups/lab-20261203/schemas/lab_ephys/raw.0.dtd")).hasBinaryContent(new byte[] {1, 2, 3});
            assertThat(store.read("lab-20261203/manifest.json")).asString(StandardCharsets.UTF_8).isEqualTo("{}");
            assertThat(store.stat("objects/raw/ab/cd/abcd")).hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(10));
            assertThat(store.stat("objects/raw/ab/cd")).as("a folder is no object").isEmpty();
            assertThat(store.stat("nothing/here")).isEmpty();
            assertThat(paths(store, "")).containsExactlyInAnyOrder("lab-20261203/manifest.json",
                    "lab-20261203/schemas/lab_ephys/raw.0.dtd", "objects/raw/ab/cd/abcd");
            assertThat(paths(store, "lab-20261203/")).containsExactlyInAnyOrder("lab-20261203/manifest.json",
                    "lab-20261203/schemas/lab_ephys/raw.0.dtd");
            assertThat(paths(store, "lab-")).hasSize(2);
            assertThat(paths(store, "missing/")).isEmpty();

            store.delete("lab-20261203/manifest.json");
            store.delete("lab-20261203/manifest.json"); // a missing object is not an error
            assertThat(store.stat("lab-20261203/manifest.json")).isEmpty();
            assertThatThrownBy(() -> store.read("lab-20261203/manifest.json")).isInstanceOf(MissingExternalFileException.class)
                    .hasMessageContaining(server.location("backups") + "/lab-20261203/manifest.json");
            assertThat(store.address("a/b")).isEqualTo("sftp://backup@127.0.0.1:" + server.port() + "/backups/a/b");
        }
    }

    @Test
    void streamsLargeObjectsBothWays() throws Exception {
        Path source = dir.resolve("large.bin");
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        try (var out = Files.newOutputStream(source)) {
            for (int i = 0; i < 24; i++) {
                out.write(chunk);
            }
        }
        Path back = dir.resolve("back/large.bin");
        try (SftpStore store = SftpStore.connect(server.location("backups"), server.options())) {
            store.put("objects/large.bin", source, Map.of());
            store.download("objects/large.bin", back);
            try (InputStream in = store.open("objects/large.bin")) {
                assertThat(sha256(in)).isEqualTo(sha256(Files.newInputStream(source)));
            }
        }
        assertThat(Files.size(back)).isEqualTo(24L << 20);
        assertThat(sha256(Files.newInputStream(back))).isEqualTo(sha256(Files.newInputStream(source)));
        try (Stream<Path> files = Files.list(back.getParent())) {
            assertThat(files).as("no temporary file left by the download").hasSize(1);
        }
    }

    @Test
    void replacesAnObjectAndLeavesNoTemporaryFile() throws IOException {
        try (SftpStore store = SftpStore.connect(server.location("backups"), server.options())) {
            store.put("set/manifest.json", "first".getBytes(StandardCharsets.UTF_8), Map.of());
            store.put("set/manifest.json", "second, longer".getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(store.read("set/manifest.json")).asString(StandardCharsets.UTF_8).isEqualTo("second, longer");
        }
        try (Stream<Path> files = Files.list(server.root().resolve("backups/set"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("manifest.json");
        }
    }

    @Test
    void failedWriteLeavesNeitherObjectNorTemporaryFile() throws IOException {
        Path missingSource = dir.resolve("does-not-exist.bin");
        try (SftpStore store = SftpStore.connect(server.location("backups"), server.options())) {
            assertThatThrownBy(() -> store.put("set/data.bin", missingSource, Map.of())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot write").hasMessageContaining("set/data.bin");
            assertThat(store.stat("set/data.bin")).isEmpty();
            assertThat(paths(store, "")).isEmpty();
        }
    }

    @Test
    void servesConcurrentCallersOverOneConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (SftpStore store = SftpStore.connect(server.location("backups"), server.options())) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    byte[] content = ("object " + n).repeat(1000).getBytes(StandardCharsets.UTF_8);
                    store.put("objects/" + (n % 5) + "/o" + n, content, Map.of());
                    return store.read("objects/" + (n % 5) + "/o" + n);
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).asString(StandardCharsets.UTF_8).isEqualTo(("object " + i).repeat(1000));
            }
            assertThat(paths(store, "objects/")).hasSize(48);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesPathsOutsideTheDirectory() {
        try (SftpStore store = SftpStore.connect(server.location("backups"), server.options())) {
            assertThatThrownBy(() -> store.put("../escape", new byte[1], Map.of())).hasMessageContaining("`..`");
            assertThatThrownBy(() -> store.stat("/etc/passwd")).hasMessageContaining("absolute");
        }
        assertThat(server.root().resolve("escape")).doesNotExist();
    }

    @Test
    void refusesADirectoryThatDoesNotExist() {
        assertThatThrownBy(() -> SftpStore.connect(server.location("nowhere"), server.options()))
                .isInstanceOf(StoreException.class).hasMessageContaining("/nowhere is not an existing directory");
    }

    @Test
    void refusesAnUnknownHostAndLeavesKnownHostsAsItWas() throws IOException {
        Files.writeString(server.knownHosts(), "");
        assertThatThrownBy(() -> SftpStore.connect(server.location("backups"), server.options()))
                .isInstanceOf(HostKeyException.class)
                .hasMessageContaining("the host key of [127.0.0.1]:" + server.port())
                .hasMessageContaining("is not in " + server.knownHosts().toAbsolutePath())
                .hasMessageContaining("SHA256:")
                .hasMessageContaining("--accept-new-host-key");
        assertThat(server.knownHosts()).isEmptyFile();
    }

    @Test
    void acceptsANewHostOnlyWhenTold_andThenKnowsIt() throws IOException {
        Files.delete(server.knownHosts());
        try (SftpStore store = SftpStore.connect(server.location("backups"), server.options().withAcceptNewHostKey(true))) {
            assertThat(store.addedHostKey()).hasValueSatisfying(k -> assertThat(k).startsWith("ecdsa-sha2-nistp256 SHA256:"));
        }
        assertThat(Files.readString(server.knownHosts())).contains("[127.0.0.1]:" + server.port());
        try (SftpStore store = SftpStore.connect(server.location("backups"), server.options())) {
            assertThat(store.addedHostKey()).isEmpty();
        }
    }

    @Test
    void refusesAChangedHostKeyEvenWhenNewKeysAreAccepted() throws Exception {
        String before = server.knownHostsLine(TestSftpServer.ecKey().getPublic());
        Files.writeString(server.knownHosts(), before);
        assertThatThrownBy(() -> SftpStore.connect(server.location("backups"), server.options().withAcceptNewHostKey(true)))
                .isInstanceOf(HostKeyException.class)
                .hasMessageContaining("has CHANGED")
                .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + server.port() + "'");
        assertThat(server.knownHosts()).hasContent(before.strip());
    }

    @Test
    void refusesAKeyTheServerDoesNotKnow() throws Exception {
        Path other = dir.resolve("id_other");
        TestSftpServer.writePrivateKey(TestSftpServer.ecKey(), other, null);
        assertThatThrownBy(() -> SftpStore.connect(server.location("backups"), server.options().withIdentity(other)))
                .isInstanceOf(StoreException.class).isNotInstanceOf(HostKeyException.class)
                .hasMessageContaining("cannot log in as backup with the key " + other.toAbsolutePath());
    }

    @Test
    void namesAMissingOrEncryptedKeyFile() throws Exception {
        Path missing = dir.resolve("id_missing");
        assertThatThrownBy(() -> SftpStore.connect(server.location("backups"), server.options().withIdentity(missing)))
                .hasMessageContaining("the private key " + missing.toAbsolutePath() + " does not exist");
        Path encrypted = dir.resolve("id_encrypted");
        TestSftpServer.writePrivateKey(TestSftpServer.ecKey(), encrypted, "secret words");
        assertThatThrownBy(() -> SftpStore.connect(server.location("backups"), server.options().withIdentity(encrypted)))
                .hasMessageContaining("has a passphrase");
    }

    private static List<String> paths(SftpStore store, String prefix) {
        List<String> paths = new ArrayList<>();
        store.list(prefix, (ObjectInfo info) -> paths.add(info.path()));
        return paths;
    }

    private static String sha256(InputStream in) throws Exception {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
