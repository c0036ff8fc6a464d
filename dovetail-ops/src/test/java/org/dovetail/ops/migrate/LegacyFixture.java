package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dovetail.config.Config;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;

/**
 * The legacy package written by DataJoint-Python 0.11.1, loaded into a schema: its dump, and its
 * objects in a file store ({@code external-local}) and the test bucket ({@code external} under
 * {@code store/}, {@code external-shared} under {@code maps/}). Configured with the current
 * stores the migration maps them to: {@code external}, {@code shared}, {@code local}.
 */
final class LegacyFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WRITER_SCHEMA = "dvt_legacy";

    final String schema;
    final Path local;
    final Config config;

    private LegacyFixture(String schema, Path local, Config config) {
        this.schema = schema;
        this.local = local;
        this.config = config;
    }

    static Config config(TestDatabase db, TestS3 s3, Path local) {
        return TestConfigs.of(db).s3Store("external", s3, "store").s3Store("shared", s3, "maps").fileStore("local", local).build();
    }

    static LegacyFixture load(TestDatabase db, TestS3 s3, String name, Path local) throws Exception {
        String schema = db.loadScript(name, new String(bytes("schema.sql"), StandardCharsets.UTF_8));
        JsonNode stores = json("stores.json");
        for (JsonNode object : stores.get("objects")) {
            String relative = schema + object.get("relative").asText().substring(WRITER_SCHEMA.length());
            byte[] content = bytes(object.get("file").asText());
            JsonNode store = stores.get("stores").get(object.get("store").asText());
            if (store.get("protocol").asText().equals("file")) {
                Path target = local.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.write(target, content);
            } else {
                s3.putObject(store.get("location").asText() + "/" + relative, content, Map.of());
            }
        }
        return new LegacyFixture(schema, local, config(db, s3, local));
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String path) {
        try (InputStream in = LegacyFixture.class.getClassLoader().getResourceAsStream("legacy-011/" + path)) {
            if (in == null) {
                throw new IOException("missing test resource legacy-011/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
