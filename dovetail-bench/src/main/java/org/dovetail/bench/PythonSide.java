package org.dovetail.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dovetail.testkit.TestDatabase;

/** What the side-by-side harnesses give the DataJoint-Python side: its config file and its script. */
public final class PythonSide {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonSide() {
    }

    /** A {@code dj_local_conf.json} tree naming the test database; callers add stores before {@link #writeConfig}. */
    public static ObjectNode localConfig(TestDatabase db) {
        ObjectNode conf = JSON.createObjectNode();
        conf.put("database.host", db.host());
        conf.put("database.port", db.port());
        conf.put("database.user", db.user());
        conf.put("database.password", db.password());
        return conf;
    }

    /** Writes {@code conf} as {@code dj_local_conf.json} in {@code work}, where both sides start. */
    public static void writeConfig(Path work, ObjectNode conf) throws IOException {
        Files.writeString(work.resolve("dj_local_conf.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(conf));
    }

    /** Copies the Python script {@code name}, a resource beside {@code harness}, into {@code work}. */
    public static Path copyScript(Class<?> harness, String name, Path work) throws IOException {
        try (InputStream in = harness.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("No script " + name + " beside " + harness.getName());
            }
            return Files.write(work.resolve(name), in.readAllBytes());
        }
    }
}
