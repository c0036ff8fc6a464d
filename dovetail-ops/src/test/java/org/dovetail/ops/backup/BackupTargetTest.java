package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dovetail.InvalidInputException;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one place a TARGET argument is read. */
class BackupTargetTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryIsCreatedAndAConfiguredFileStoreIsAPrefixOfItsLocation() throws Exception {
        try (BackupTarget t = BackupTarget.parse(dir.resolve("new/backups").toString(), Config.builder().build())) {
            assertThat(Files.isDirectory(dir.resolve("new/backups"))).isTrue();
            assertThat(t.description()).isEqualTo(dir.resolve("new/backups").toString());
        }
        Config config = Config.builder().store(StoreSpec.file("raw", dir.toString())).build();
        try (BackupTarget t = BackupTarget.parse("store:raw/daily/", config)) {
            assertThat(t.description()).isEqualTo(dir.resolve("daily").toString());
            t.store().put("x", new byte[] {1}, Map.of());
            assertThat(Files.exists(dir.resolve("daily/x"))).isTrue();
        }
    }

    @Test
    void anUnknownStoreSchemeOrSftpWithoutItsStoreIsRefusedByName() {
        Config config = Config.builder().store(StoreSpec.file("raw", dir.toString())).build();
        assertThatThrownBy(() -> BackupTarget.parse("store:nope/x", config)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no store `nope` is configured (stores: raw)");
        assertThatThrownBy(() -> BackupTarget.parse("ftp://host/x", config)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Unknown kind of backup target ftp://host/x");
        assertThatThrownBy(() -> BackupTarget.parse("", config)).isInstanceOf(InvalidInputException.class);
    }
}
