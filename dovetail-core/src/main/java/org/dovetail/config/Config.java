package org.dovetail.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * DataJoint configuration, as DataJoint-Python 0.14 reads it: {@code dj_local_conf.json} in the
 * working directory, else {@code ~/.datajoint_config.json} (the first file found, not merged),
 * then the {@code DJ_*} environment variables. Immutable once built.
 *
 * <pre>{@code
 * Config config = Config.load();                       // files and environment, as Python does
 * Config test = Config.builder().host("127.0.0.1").port(3306).user("root").password("pw").build();
 * Config changed = config.toBuilder().safemode(false).build();
 * }</pre>
 */
public final class Config {
    private final String source;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Tls tls;
    private final boolean reconnect;
    private final String initFunction;
    private final String charset;
    private final String logLevel;
    private final boolean safemode;
    private final String fetchFormat;
    private final boolean enablePythonNativeBlobs;
    private final boolean addHiddenTimestamp;
    private final Long filepathChecksumSizeLimit;
    private final Long filepathChecksumSizeLimitInsert;
    private final int displayLimit;
    private final int displayWidth;
    private final boolean displayShowTupleCount;
    private final Map<String, StoreSpec> stores;
    private final Path cache;
    private final Path queryCache;
    private final JsonNode custom;
    private final Map<String, JsonNode> legacyStores;
    private final Map<String, JsonNode> otherKeys;
    private final boolean filepathManagement;
    private final boolean adaptedTypes;

    private Config(Builder b) {
        source = b.source;
        HostAndPort hostAndPort = HostAndPort.parse(b.host, "database.host", b.source);
        host = hostAndPort.host();
        port = hostAndPort.port() != null ? hostAndPort.port() : b.port;
        user = b.user;
        password = b.password;
        tls = b.tls;
        reconnect = b.reconnect;
        initFunction = b.initFunction;
        charset = b.charset;
        logLevel = b.logLevel;
        safemode = b.safemode;
        fetchFormat = b.fetchFormat;
        enablePythonNativeBlobs = b.enablePythonNativeBlobs;
        addHiddenTimestamp = b.addHiddenTimestamp;
        filepathChecksumSizeLimit = b.filepathChecksumSizeLimit;
        filepathChecksumSizeLimitInsert = b.filepathChecksumSizeLimitInsert;
        displayLimit = b.displayLimit;
        displayWidth = b.displayWidth;
        displayShowTupleCount = b.displayShowTupleCount;
        stores = Map.copyOf(b.stores);
        cache = b.cache;
        queryCache = b.queryCache;
        custom = b.custom.deepCopy();
        legacyStores = Map.copyOf(b.legacyStores);
        otherKeys = Map.copyOf(b.otherKeys);
        filepathManagement = b.filepathManagement;
        adaptedTypes = b.adaptedTypes;
    }

    /** Loads from the working directory, the home directory and the process environment. */
    public static Config load() {
        return load(System.getenv());
    }

    /**
     * Loads from the working directory and the home directory ({@code HOME} of the given
     * environment, as Python expands {@code ~}), then applies the environment.
     */
    public static Config load(Map<String, String> environment) {
        return ConfigLoader.load(Path.of("").toAbsolutePath(), homeDir(environment), environment);
    }

    /** {@code $HOME} when set, else the JVM's {@code user.home}. */
    public static Path homeDir(Map<String, String> environment) {
        String home = environment.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }

    /** Loads from the given directories and environment (for tests and embedding). */
    public static Config load(Path workingDir, Path homeDir, Map<String, String> environment) {
        return ConfigLoader.load(workingDir, homeDir, environment);
    }

    /** Loads one file and then the environment, ignoring the default file locations. */
    public static Config load(Path file, Map<String, String> environment) {
        return ConfigLoader.loadFile(file, environment);
    }

    /** A builder starting from the built-in defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The file the values came from, or {@code "defaults"} when no file was found. */
    public String source() {
        return source;
    }

    /** {@code database.host} without the port. */
    public String host() {
        return host;
    }

    /** {@code database.port}, or the port of a {@code host:port} value. */
    public int port() {
        return port;
    }

    /** {@code database.user}; empty when unset (DataJoint-Python would prompt). */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** {@code database.password}; empty when unset; {@code ""} is an empty password. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Tls tls() {
        return tls;
    }

    public boolean reconnect() {
        return reconnect;
    }

    /** {@code connection.init_function}: SQL run on every (re)connect. */
    public Optional<String> initFunction() {
        return Optional.ofNullable(initFunction);
    }

    /** {@code connection.charset}; empty string = driver default (utf8mb4). */
    public String charset() {
        return charset;
    }

    public String logLevel() {
        return logLevel;
    }

    public boolean safemode() {
        return safemode;
    }

    public String fetchFormat() {
        return fetchFormat;
    }

    public boolean enablePythonNativeBlobs() {
        return enablePythonNativeBlobs;
    }

    public boolean addHiddenTimestamp() {
        return addHiddenTimestamp;
    }

    public OptionalLong filepathChecksumSizeLimit() {
        return filepathChecksumSizeLimit == null ? OptionalLong.empty() : OptionalLong.of(filepathChecksumSizeLimit);
    }

    public OptionalLong filepathChecksumSizeLimitInsert() {
        return filepathChecksumSizeLimitInsert == null ? OptionalLong.empty() : OptionalLong.of(filepathChecksumSizeLimitInsert);
    }

    public int displayLimit() {
        return displayLimit;
    }

    public int displayWidth() {
        return displayWidth;
    }

    public boolean displayShowTupleCount() {
        return displayShowTupleCount;
    }

    /** Every configured store by name. */
    public Map<String, StoreSpec> stores() {
        return stores;
    }

    /** The store of that name, or an error worded as DataJoint words it. */
    public StoreSpec store(String name) {
        StoreSpec spec = stores.get(name);
        if (spec == null) {
            throw new ConfigException("Storage " + name + " is requested but not configured (add it under `stores` in "
                    + source + "; configured: " + stores.keySet() + ")");
        }
        return spec;
    }

    /** {@code cache}: folder of the external-object cache. */
    public Optional<Path> cache() {
        return Optional.ofNullable(cache);
    }

    public Optional<Path> queryCache() {
        return Optional.ofNullable(queryCache);
    }

    /** {@code custom}: free-form settings (Spyglass keeps its directories here). */
    public JsonNode custom() {
        return custom.deepCopy();
    }

    /** Legacy 0.11 store definitions ({@code external}, {@code external-<name>}), raw, for migration. */
    public Map<String, JsonNode> legacyStores() {
        return legacyStores;
    }

    /** Keys this version does not interpret, kept verbatim. */
    public Map<String, JsonNode> otherKeys() {
        return otherKeys;
    }

    /** {@code DJ_SUPPORT_FILEPATH_MANAGEMENT=TRUE}. */
    public boolean filepathManagement() {
        return filepathManagement;
    }

    /** {@code DJ_SUPPORT_ADAPTED_TYPES=TRUE}. */
    public boolean adaptedTypes() {
        return adaptedTypes;
    }

    @Override
    public String toString() {
        return "Config[" + source + ", " + user + "@" + host + ":" + port + ", tls=" + tls.mode() + ", stores=" + stores.keySet() + "]";
    }

    /** Mutable builder; {@link #build()} validates and freezes. Defaults are DataJoint-Python's. */
    public static final class Builder {
        private String source = "defaults";
        private String host = "localhost";
        private int port = 3306;
        private String user;
        private String password;
        private Tls tls = Tls.PREFERRED;
        private boolean reconnect = true;
        private String initFunction;
        private String charset = "";
        private String logLevel = "INFO";
        private boolean safemode = true;
        private String fetchFormat = "array";
        private boolean enablePythonNativeBlobs = true;
        private boolean addHiddenTimestamp;
        private Long filepathChecksumSizeLimit;
        private Long filepathChecksumSizeLimitInsert;
        private int displayLimit = 12;
        private int displayWidth = 14;
        private boolean displayShowTupleCount = true;
        private final Map<String, StoreSpec> stores = new LinkedHashMap<>();
        private Path cache;
        private Path queryCache;
        private JsonNode custom = JsonNodeFactory.instance.objectNode();
        private final Map<String, JsonNode> legacyStores = new LinkedHashMap<>();
        private final Map<String, JsonNode> otherKeys = new LinkedHashMap<>();
        private boolean filepathManagement;
        private boolean adaptedTypes;

        Builder() {}

        Builder(Config c) {
            source = c.source;
            host = c.host;
            port = c.port;
            // c.host never carries a port: Config splits it.
            user = c.user;
            password = c.password;
            tls = c.tls;
            reconnect = c.reconnect;
            initFunction = c.initFunction;
            charset = c.charset;
            logLevel = c.logLevel;
            safemode = c.safemode;
            fetchFormat = c.fetchFormat;
            enablePythonNativeBlobs = c.enablePythonNativeBlobs;
            addHiddenTimestamp = c.addHiddenTimestamp;
            filepathChecksumSizeLimit = c.filepathChecksumSizeLimit;
            filepathChecksumSizeLimitInsert = c.filepathChecksumSizeLimitInsert;
            displayLimit = c.displayLimit;
            displayWidth = c.displayWidth;
            displayShowTupleCount = c.displayShowTupleCount;
            stores.putAll(c.stores);
            cache = c.cache;
            queryCache = c.queryCache;
            custom = c.custom.deepCopy();
            legacyStores.putAll(c.legacyStores);
            otherKeys.putAll(c.otherKeys);
            filepathManagement = c.filepathManagement;
            adaptedTypes = c.adaptedTypes;
        }

        Builder source(String value) {
            source = value;
            return this;
        }

        /** {@code database.host}; the port of a {@code host:port} value overrides {@link #port(int)}. */
        public Builder host(String value) {
            HostAndPort.parse(value, "database.host", source);
            host = value.strip();
            return this;
        }

        public Builder port(int value) {
            if (value < 1 || value > 65535) {
                throw new ConfigException(source, "database.port", "must be between 1 and 65535, got " + value);
            }
            port = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder password(String value) {
            password = value;
            return this;
        }

        public Builder tls(Tls value) {
            tls = value;
            return this;
        }

        public Builder reconnect(boolean value) {
            reconnect = value;
            return this;
        }

        public Builder initFunction(String value) {
            initFunction = value;
            return this;
        }

        public Builder charset(String value) {
            charset = value == null ? "" : value;
            return this;
        }

        public Builder logLevel(String value) {
            logLevel = LogLevels.check(value, source, "loglevel");
            return this;
        }

        public Builder safemode(boolean value) {
            safemode = value;
            return this;
        }

        public Builder fetchFormat(String value) {
            if (!"array".equals(value) && !"frame".equals(value)) {
                throw new ConfigException(source, "fetch_format", "must be \"array\" or \"frame\", got \"" + value + "\"");
            }
            fetchFormat = value;
            return this;
        }

        public Builder enablePythonNativeBlobs(boolean value) {
            enablePythonNativeBlobs = value;
            return this;
        }

        public Builder addHiddenTimestamp(boolean value) {
            addHiddenTimestamp = value;
            return this;
        }

        public Builder filepathChecksumSizeLimit(Long bytes) {
            filepathChecksumSizeLimit = nonNegative(bytes, "filepath_checksum_size_limit");
            return this;
        }

        public Builder filepathChecksumSizeLimitInsert(Long bytes) {
            filepathChecksumSizeLimitInsert = nonNegative(bytes, "filepath_checksum_size_limit_insert");
            return this;
        }

        public Builder displayLimit(int value) {
            displayLimit = value;
            return this;
        }

        public Builder displayWidth(int value) {
            displayWidth = value;
            return this;
        }

        public Builder displayShowTupleCount(boolean value) {
            displayShowTupleCount = value;
            return this;
        }

        /** Adds or replaces a store. */
        public Builder store(StoreSpec spec) {
            stores.put(spec.name(), spec);
            return this;
        }

        public Builder cache(Path value) {
            cache = value;
            return this;
        }

        public Builder queryCache(Path value) {
            queryCache = value;
            return this;
        }

        public Builder custom(JsonNode value) {
            custom = value == null ? JsonNodeFactory.instance.objectNode() : value.deepCopy();
            return this;
        }

        Builder legacyStore(String key, JsonNode value) {
            legacyStores.put(key, value.deepCopy());
            return this;
        }

        Builder otherKey(String key, JsonNode value) {
            otherKeys.put(key, value.deepCopy());
            return this;
        }

        public Builder filepathManagement(boolean value) {
            filepathManagement = value;
            return this;
        }

        public Builder adaptedTypes(boolean value) {
            adaptedTypes = value;
            return this;
        }

        public Config build() {
            return new Config(this);
        }

        private Long nonNegative(Long bytes, String key) {
            if (bytes != null && bytes < 0) {
                throw new ConfigException(source, key, "must be a byte count >= 0 or null, got " + bytes);
            }
            return bytes;
        }
    }
}
