package org.dovetail.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates {@code stores.<name>} exactly as DataJoint-Python 0.14 does: protocol first, then the
 * required keys of that protocol, then no key outside the allowed list.
 */
final class StoreSpecParser {
    private static final Map<StoreSpec.Protocol, List<String>> REQUIRED = Map.of(
            StoreSpec.Protocol.FILE, List.of("protocol", "location"),
            StoreSpec.Protocol.S3, List.of("protocol", "endpoint", "bucket", "access_key", "secret_key", "location"));
    private static final Map<StoreSpec.Protocol, Set<String>> ALLOWED = Map.of(
            StoreSpec.Protocol.FILE, Set.of("protocol", "location", "subfolding", "stage"),
            StoreSpec.Protocol.S3, Set.of("protocol", "endpoint", "bucket", "access_key", "secret_key", "location",
                    "secure", "subfolding", "stage", "proxy_server"));

    private final String source;

    StoreSpecParser(String source) {
        this.source = source;
    }

    StoreSpec parse(String name, JsonNode node) {
        String key = "stores." + name;
        if (!node.isObject()) {
            throw new ConfigException(source, key, "must be an object with at least `protocol` and `location`");
        }
        StoreSpec.Protocol protocol = protocol(key, node.get("protocol"));
        for (String required : REQUIRED.get(protocol)) {
            if (!node.hasNonNull(required)) {
                throw new ConfigException(source, key + "." + required,
                        "is missing: a " + protocol.name().toLowerCase(Locale.ROOT) + " store needs " + REQUIRED.get(protocol));
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!ALLOWED.get(protocol).contains(field)) {
                throw new ConfigException(source, key + "." + field, "is not a valid key of a "
                        + protocol.name().toLowerCase(Locale.ROOT) + " store; allowed: " + ALLOWED.get(protocol));
            }
        }
        return new StoreSpec(name, protocol,
                text(key, node, "location"),
                text(key, node, "endpoint"),
                text(key, node, "bucket"),
                text(key, node, "access_key"),
                text(key, node, "secret_key"),
                node.has("secure") && bool(key + ".secure", node.get("secure")),
                text(key, node, "proxy_server"),
                subfolding(key + ".subfolding", node.get("subfolding")),
                text(key, node, "stage"));
    }

    private StoreSpec.Protocol protocol(String key, JsonNode value) {
        if (value != null && value.isTextual()) {
            String p = value.asText().toLowerCase(Locale.ROOT);
            if (p.equals("file")) {
                return StoreSpec.Protocol.FILE;
            }
            if (p.equals("s3")) {
                return StoreSpec.Protocol.S3;
            }
        }
        throw new ConfigException(source, key + ".protocol", "is missing or invalid: must be \"file\" or \"s3\", got " + value);
    }

    private String text(String key, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ConfigException(source, key + "." + field, "must be a string, got " + value);
        }
        return value.asText();
    }

    private boolean bool(String key, JsonNode value) {
        if (!value.isBoolean()) {
            throw new ConfigException(source, key, "must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    private List<Integer> subfolding(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return StoreSpec.DEFAULT_SUBFOLDING;
        }
        if (!value.isArray()) {
            throw new ConfigException(source, key, "must be a list of folder-name lengths such as [2, 2], got " + value);
        }
        List<Integer> levels = new ArrayList<>();
        for (JsonNode level : value) {
            if (!level.canConvertToInt() || !level.isIntegralNumber() || level.asInt() < 1) {
                throw new ConfigException(source, key, "must contain positive integers, got " + value);
            }
            levels.add(level.asInt());
        }
        return levels;
    }
}
