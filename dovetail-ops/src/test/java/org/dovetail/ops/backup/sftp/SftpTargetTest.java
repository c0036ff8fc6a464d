package org.dovetail.ops.backup.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dovetail.InvalidInputException;
import org.dovetail.config.Config;
import org.dovetail.ops.backup.BackupTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sftp://} TARGET arguments through {@link BackupTarget#parse}, with the login options from the configuration. */
class SftpTargetTest {
    @TempDir
    Path dir;
    private TestSftpServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestSftpServer.start(dir);
        Files.createDirectories(server.root().resolve("srv/backups"));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void anSftpTargetIsTheSftpStoreWithTheConfiguredKeyAndKnownHosts() {
        ObjectNode custom = JsonNodeFactory.instance.objectNode();
        custom.put(SftpTargets.IDENTITY_KEY, server.identity().toString());
        custom.put(SftpTargets.KNOWN_HOSTS_KEY, server.knownHosts().toString());
        Config config = Config.builder().custom(custom).build();
        String url = "sftp://backup@127.0.0.1:" + server.port() + "/srv/backups";
        try (BackupTarget target = BackupTarget.parse(url, config)) {
            assertThat(target.store()).isInstanceOf(SftpStore.class);
            target.store().write("lab-20261203/manifest.json", Map.of(), out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(server.root().resolve("srv/backups/lab-20261203/manifest.json")).hasContent("{}");
    }

    @Test
    void everySpellingOfOneDirectoryIsOneTargetAndABadAddressIsNamed() {
        Config config = Config.builder().custom(JsonNodeFactory.instance.objectNode()
                .put(SftpTargets.IDENTITY_KEY, server.identity().toString())
                .put(SftpTargets.KNOWN_HOSTS_KEY, server.knownHosts().toString())).build();
        String url = "sftp://backup@127.0.0.1:" + server.port() + "/srv/backups";
        try (BackupTarget plain = BackupTarget.parse(url, config); BackupTarget slashed = BackupTarget.parse(url + "/", config)) {
            assertThat(slashed.description()).isEqualTo(plain.description()).isEqualTo(url);
        }
        assertThatThrownBy(() -> BackupTarget.parse("sftp://backup@127.0.0.1:" + server.port() + "/srv/my backups", config))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sftp://backup@127.0.0.1:" + server.port() + "/srv/my backups");
    }

    @Test
    void aStreamedWriteThatFailsLeavesNothing() {
        Config config = Config.builder().custom(JsonNodeFactory.instance.objectNode()
                .put(SftpTargets.IDENTITY_KEY, server.identity().toString())
                .put(SftpTargets.KNOWN_HOSTS_KEY, server.knownHosts().toString())).build();
        try (BackupTarget target = BackupTarget.parse("sftp://backup@127.0.0.1:" + server.port() + "/srv/backups", config)) {
            assertThatThrownBy(() -> target.store().write("set/unit.0.dtr", Map.of(), out -> {
                out.write(new byte[300_000]);
                throw new IOException("the dump failed midway");
            })).hasMessageContaining("the dump failed midway").hasMessageContaining("set/unit.0.dtr");
        }
        assertThat(server.root().resolve("srv/backups/set")).isEmptyDirectory();
    }

    @Test
    void withoutAKnownHostsEntryTheTargetIsRefused() throws IOException {
        Files.writeString(server.knownHosts(), "");
        Config config = Config.builder().custom(JsonNodeFactory.instance.objectNode()
                .put(SftpTargets.IDENTITY_KEY, server.identity().toString())
                .put(SftpTargets.KNOWN_HOSTS_KEY, server.knownHosts().toString())).build();
        assertThatThrownBy(() -> BackupTarget.parse("sftp://backup@127.0.0.1:" + server.port() + "/srv/backups", config))
                .isInstanceOf(HostKeyException.class).hasMessageContaining("is not in");
    }
}
