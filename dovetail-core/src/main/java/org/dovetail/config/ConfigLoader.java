package org.dovetail.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads configuration the way DataJoint-Python 0.14 does: defaults, then one file
 * ({@code dj_local_conf.json} in the working directory, else {@code ~/.datajoint_config.json}),
 * then environment variables. Unlike Python, values from the file are type-checked, and every
 * error names the file and the key.
 */
final class ConfigLoader {
    static final String LOCAL_FILE = "dj_local_conf.json";
    static final String GLOBAL_FILE = ".datajoint_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigLoader() {}

    static Config load(Path workingDir, Path homeDir, Map<String, String> env) {
        Path local = workingDir.resolve(LOCAL_FILE);
        Path global = homeDir.resolve(GLOBAL_FILE);
        Config.Builder builder = Config.builder();
        if (Files.exists(local)) {
            readFile(local, builder);
        } else if (Files.exists(global)) {
            readFile(global, builder);
        }
        applyEnvironment(env, builder);
        return builder.build();
    }

    static Config loadFile(Path file, Map<String, String> env) {
        if (!Files.exists(file)) {
            throw new ConfigException(file + ": the configuration file does not exist");
        }
        Config.Builder builder = Config.builder();
        readFile(file, builder);
        applyEnvironment(env, builder);
        return builder.build();
    }

    private static void readFile(Path file, Config.Builder builder) {
        String source = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(source + ": must contain one JSON object with keys such as \"database.host\"");
        }
        builder.source(source);
        FileValues values = new FileValues(source);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            values.apply(field.getKey(), field.getValue(), builder);
        }
    }

    private static void applyEnvironment(Map<String, String> env, Config.Builder builder) {
        String host = env.get("DJ_HOST");
        if (host != null) {
            HostAndPort.parse(host, "DJ_HOST", "environment variable DJ_HOST");
            builder.host(host);
        }
        if (env.containsKey("DJ_USER")) {
            builder.user(env.get("DJ_USER"));
        }
        if (env.containsKey("DJ_PASS")) {
            builder.password(env.get("DJ_PASS"));
        }
        if (env.containsKey("DJ_LOG_LEVEL")) {
            builder.logLevel(LogLevels.check(env.get("DJ_LOG_LEVEL"), "environment variable DJ_LOG_LEVEL", "DJ_LOG_LEVEL"));
        }
        Map<String, String> legacyKeys = new HashMap<>();
        legacyKeys.put("DJ_AWS_ACCESS_KEY_ID", "external.aws_access_key_id");
        legacyKeys.put("DJ_AWS_SECRET_ACCESS_KEY", "external.aws_secret_access_key");
        legacyKeys.forEach((variable, key) -> {
            if (env.containsKey(variable)) {
                builder.otherKey(key, JSON.getNodeFactory().textNode(env.get(variable)));
            }
        });
        builder.filepathManagement(isTrue(env.get("DJ_SUPPORT_FILEPATH_MANAGEMENT")));
        builder.adaptedTypes(isTrue(env.get("DJ_SUPPORT_ADAPTED_TYPES")));
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().toUpperCase(Locale.ROOT).equals("TRUE");
    }
}
