package org.dovetail.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies one key of a configuration file to a builder, checking its type. */
final class FileValues {
    private final String source;

    FileValues(String source) {
        this.source = source;
    }

    void apply(String key, JsonNode value, Config.Builder b) {
        switch (key) {
            case "database.host" -> b.host(requiredText(key, value));
            case "database.port" -> b.port(port(key, value));
            case "database.user" -> b.user(optionalText(key, value));
            case "database.password" -> b.password(optionalText(key, value));
            case "database.use_tls" -> b.tls(tls(key, value));
            case "database.reconnect" -> b.reconnect(bool(key, value));
            case "connection.init_function" -> b.initFunction(optionalText(key, value));
            case "connection.charset" -> b.charset(optionalText(key, value));
            case "loglevel" -> b.logLevel(requiredText(key, value));
            case "safemode" -> b.safemode(bool(key, value));
            case "fetch_format" -> b.fetchFormat(requiredText(key, value));
            case "enable_python_native_blobs" -> b.enablePythonNativeBlobs(bool(key, value));
            case "add_hidden_timestamp" -> b.addHiddenTimestamp(bool(key, value));
            case "filepath_checksum_size_limit" -> b.filepathChecksumSizeLimit(optionalLong(key, value));
            case "filepath_checksum_size_limit_insert" -> b.filepathChecksumSizeLimitInsert(optionalLong(key, value));
            case "display.limit" -> b.displayLimit(integer(key, value));
            case "display.width" -> b.displayWidth(integer(key, value));
            case "display.show_tuple_count" -> b.displayShowTupleCount(bool(key, value));
            case "stores" -> stores(key, value, b);
            case "cache" -> b.cache(path(key, value));
            case "query_cache" -> b.queryCache(path(key, value));
            case "custom" -> b.custom(value);
            default -> {
                if (key.equals("external") || key.startsWith("external-")) {
                    b.legacyStore(key, value);
                } else {
                    b.otherKey(key, value);
                }
            }
        }
    }

    private void stores(String key, JsonNode value, Config.Builder b) {
        if (!value.isObject()) {
            throw new ConfigException(source, key, "must be an object mapping store names to store settings");
        }
        StoreSpecParser parser = new StoreSpecParser(source);
        Map<String, StoreSpec> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> store = it.next();
            parsed.put(store.getKey(), parser.parse(store.getKey(), store.getValue()));
        }
        parsed.values().forEach(b::store);
    }

    private Tls tls(String key, JsonNode value) {
        if (value.isNull()) {
            return Tls.PREFERRED;
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? Tls.REQUIRED : Tls.DISABLED;
        }
        if (value.isObject()) {
            Map<String, String> options = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> option = it.next();
                options.put(option.getKey(), option.getValue().isTextual() ? option.getValue().asText() : option.getValue().toString());
            }
            return new Tls(Tls.Mode.REQUIRED, options);
        }
        throw new ConfigException(source, key, "must be true, false, null or an object of TLS options, got " + value);
    }

    private int port(String key, JsonNode value) {
        // DataJoint-Python accepts a numeric string from the file ("3310"); so do we.
        if (value.isTextual() && value.asText().strip().matches("\\d{1,5}")) {
            return Integer.parseInt(value.asText().strip());
        }
        return integer(key, value);
    }

    private int integer(String key, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new ConfigException(source, key, "must be an integer, got " + value);
        }
        return value.asInt();
    }

    private Long optionalLong(String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(source, key, "must be an integer number of bytes or null, got " + value);
        }
        return value.asLong();
    }

    private boolean bool(String key, JsonNode value) {
        if (!value.isBoolean()) {
            throw new ConfigException(source, key, "must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    private String requiredText(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw new ConfigException(source, key, "must be a string, got " + value);
        }
        return value.asText();
    }

    private String optionalText(String key, JsonNode value) {
        return value.isNull() ? null : requiredText(key, value);
    }

    private Path path(String key, JsonNode value) {
        String text = optionalText(key, value);
        return text == null ? null : Path.of(text);
    }
}
