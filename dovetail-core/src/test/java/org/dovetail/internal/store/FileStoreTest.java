package org.dovetail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dovetail.StoreException;
import org.dovetail.config.StoreSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object paths start with the schema name, and a schema may be named {@code /somewhere} or
 * {@code ../x} (the server allows both): such paths are refused, never written outside the store.
 */
class FileStoreTest {
    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    private FileStore store() {
        return new FileStore(new StoreSpec("local", StoreSpec.Protocol.FILE, root.toString(), null, null, null, null, false, null,
                StoreSpec.DEFAULT_SUBFOLDING, null));
    }

    @Test
    void anObjectPathThatWouldLeaveTheStoreIsRefused() {
        FileStore store = store();
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        String absolute = elsewhere.resolve("lab").toString() + "/7c/86/7c86ec03cff623dddc703a11559e8310";
        assertThatThrownBy(() -> store.put(absolute, content, Map.of())).isInstanceOf(StoreException.class)
                .hasMessage("Store `local`: refusing an absolute object path: " + absolute);
        assertThatThrownBy(() -> store.put("../x/7c/86/hash", content, Map.of())).isInstanceOf(StoreException.class)
                .hasMessageContaining("refusing object path with `..`");
        assertThat(elsewhere.resolve("lab")).doesNotExist();
        assertThat(root.getParent().resolve("x")).doesNotExist();
    }

    @Test
    void aSchemaNameWithOtherCharactersIsOneFolderInsideTheStore() throws Exception {
        FileStore store = store();
        store.put("q`uote; DROP #/7c/86/hash", "y".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(Files.readString(root.resolve("q`uote; DROP #").resolve("7c/86/hash"))).isEqualTo("y");
    }
}
