package org.dovetail.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
    @TempDir
    Path work;
    @TempDir
    Path home;

    private Path local(String json) throws IOException {
        return Files.writeString(work.resolve("dj_local_conf.json"), json);
    }

    private Path global(String json) throws IOException {
        return Files.writeString(home.resolve(".datajoint_config.json"), json);
    }

    private Config load(Map<String, String> env) {
        return Config.load(work, home, env);
    }

    @Test
    void defaultsAreDataJointsWhenNothingIsConfigured() {
        Config c = load(Map.of());
        assertThat(c.source()).isEqualTo("defaults");
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(c.port()).isEqualTo(3306);
        assertThat(c.user()).isEmpty();
        assertThat(c.password()).isEmpty();
        assertThat(c.tls()).isEqualTo(Tls.PREFERRED);
        assertThat(c.reconnect()).isTrue();
        assertThat(c.safemode()).isTrue();
        assertThat(c.logLevel()).isEqualTo("INFO");
        assertThat(c.fetchFormat()).isEqualTo("array");
        assertThat(c.enablePythonNativeBlobs()).isTrue();
        assertThat(c.addHiddenTimestamp()).isFalse();
        assertThat(c.filepathChecksumSizeLimit()).isEmpty();
        assertThat(c.displayLimit()).isEqualTo(12);
        assertThat(c.displayWidth()).isEqualTo(14);
        assertThat(c.stores()).isEmpty();
        assertThat(c.filepathManagement()).isFalse();
    }

    @Test
    void theLocalFileWinsAndIsNotMergedWithTheGlobalOne() throws IOException {
        local("{\"database.host\": \"localhost-file\"}");
        global("{\"database.host\": \"global\", \"database.user\": \"global-user\"}");
        Config c = load(Map.of());
        assertThat(c.host()).isEqualTo("localhost-file");
        assertThat(c.user()).isEmpty();
        assertThat(c.source()).isEqualTo(work.resolve("dj_local_conf.json").toString());
    }

    @Test
    void theGlobalFileIsReadWhenThereIsNoLocalOne() throws IOException {
        global("{\"database.host\": \"global\", \"database.user\": \"global-user\"}");
        Config c = load(Map.of());
        assertThat(c.host()).isEqualTo("global");
        assertThat(c.user()).contains("global-user");
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        local("{\"database.host\": \"filehost\", \"database.port\": 3310, \"database.user\": \"fileuser\","
                + " \"database.password\": \"filepass\", \"loglevel\": \"INFO\"}");
        Config c = load(Map.of("DJ_HOST", "envhost:3399", "DJ_USER", "envuser", "DJ_PASS", "", "DJ_LOG_LEVEL", "debug"));
        assertThat(c.host()).isEqualTo("envhost");
        assertThat(c.port()).isEqualTo(3399);
        assertThat(c.user()).contains("envuser");
        assertThat(c.password()).contains("");
        assertThat(c.logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void aHostWithoutPortKeepsTheConfiguredPort() throws IOException {
        local("{\"database.host\": \"filehost:3310\", \"database.port\": 3320}");
        assertThat(load(Map.of()).port()).isEqualTo(3310);
        // The environment replaces the whole host value, port included, as in DataJoint-Python.
        Config c = load(Map.of("DJ_HOST", "envhost"));
        assertThat(c.host()).isEqualTo("envhost");
        assertThat(c.port()).isEqualTo(3320);
    }

    @Test
    void programmaticSettingsOverrideFileAndEnvironment() throws IOException {
        local("{\"database.host\": \"filehost\", \"safemode\": true}");
        Config c = load(Map.of("DJ_USER", "envuser")).toBuilder().user("explicit").safemode(false).build();
        assertThat(c.user()).contains("explicit");
        assertThat(c.safemode()).isFalse();
        assertThat(c.host()).isEqualTo("filehost");
    }

    @Test
    void aSpyglassConfigLoadsUnchanged() throws IOException {
        local("""
                {
                    "database.host": "lmf-db.cin.ucsf.edu",
                    "database.port": 3306,
                    "database.user": "alice",
                    "database.password": "secret",
                    "database.use_tls": true,
                    "filepath_checksum_size_limit": 1073741824,
                    "enable_python_native_blobs": true,
                    "connection.init_function": null,
                    "loglevel": "INFO",
                    "safemode": true,
                    "fetch_format": "array",
                    "display.limit": 12,
                    "display.width": 14,
                    "display.show_tuple_count": true,
                    "database.reconnect": true,
                    "connection.charset": "",
                    "stores": {
                        "raw": {"protocol": "file", "location": "/data/raw", "stage": "/data/raw"},
                        "analysis": {"protocol": "file", "location": "/data/analysis", "stage": "/data/analysis"}
                    },
                    "custom": {"spyglass_dirs": {"base": "/data", "raw": "/data/raw"}, "debug_mode": false}
                }
                """);
        Config c = load(Map.of("DJ_SUPPORT_FILEPATH_MANAGEMENT", "TRUE"));
        assertThat(c.tls()).isEqualTo(Tls.REQUIRED);
        assertThat(c.filepathChecksumSizeLimit()).hasValue(1073741824L);
        assertThat(c.stores()).containsOnlyKeys("raw", "analysis");
        StoreSpec raw = c.store("raw");
        assertThat(raw.protocol()).isEqualTo(StoreSpec.Protocol.FILE);
        assertThat(raw.location()).isEqualTo("/data/raw");
        assertThat(raw.stageDir()).contains("/data/raw");
        assertThat(raw.subfolding()).containsExactly(2, 2);
        assertThat(c.custom().at("/spyglass_dirs/base").asText()).isEqualTo("/data");
        assertThat(c.filepathManagement()).isTrue();
        assertThat(c.otherKeys()).isEmpty();
    }

    @Test
    void anS3StoreWithEveryOptionalKey() throws IOException {
        local("""
                {"stores": {"shared": {"protocol": "S3", "endpoint": "s3.example.org:9000", "bucket": "lab",
                  "access_key": "ak", "secret_key": "sk", "location": "dj/store", "secure": true,
                  "proxy_server": "http://proxy:3128", "subfolding": [], "stage": "/tmp/stage"}}}
                """);
        StoreSpec s = load(Map.of()).store("shared");
        assertThat(s.protocol()).isEqualTo(StoreSpec.Protocol.S3);
        assertThat(s.endpoint()).isEqualTo("s3.example.org:9000");
        assertThat(s.secure()).isTrue();
        assertThat(s.subfolding()).isEmpty();
        assertThat(s.proxyServer()).isEqualTo("http://proxy:3128");
        assertThat(s.toString()).doesNotContain("sk");
    }

    @Test
    void theFactoriesMakeTheStoresTheConfigurationDescribes() throws IOException {
        local("""
                {"stores": {"shared": {"protocol": "S3", "endpoint": "s3.example.org:9000", "bucket": "lab",
                  "access_key": "ak", "secret_key": "sk", "location": "dj/store", "secure": true,
                  "proxy_server": "http://proxy:3128", "subfolding": [], "stage": "/tmp/stage"},
                  "raw": {"protocol": "file", "location": "/data/raw"}}}
                """);
        Config c = load(Map.of());
        assertThat(StoreSpec.s3("shared", "s3.example.org:9000", "lab", "dj/store", "ak", "sk").withSecure(true)
                .withProxyServer("http://proxy:3128").withSubfolding(List.of()).withStage("/tmp/stage")).isEqualTo(c.store("shared"));
        assertThat(StoreSpec.file("raw", "/data/raw")).isEqualTo(c.store("raw"));
        assertThat(StoreSpec.file("raw", "/data/raw").withName("x").withLocation("/y")).isEqualTo(StoreSpec.file("x", "/y"));
        assertThat(c.store("shared").withBucket("other").withCredentials("a2", "s2"))
                .extracting(StoreSpec::bucket, StoreSpec::accessKey, StoreSpec::secretKey).containsExactly("other", "a2", "s2");
    }

    @Test
    void tlsForms() throws IOException {
        local("{\"database.use_tls\": null}");
        assertThat(load(Map.of()).tls()).isEqualTo(Tls.PREFERRED);
        local("{\"database.use_tls\": false}");
        assertThat(load(Map.of()).tls()).isEqualTo(Tls.DISABLED);
        local("{\"database.use_tls\": {\"ca\": \"/etc/ssl/ca.pem\"}}");
        Tls tls = load(Map.of()).tls();
        assertThat(tls.mode()).isEqualTo(Tls.Mode.REQUIRED);
        assertThat(tls.options()).containsEntry("ca", "/etc/ssl/ca.pem");
    }

    @Test
    void unknownAndLegacyKeysAreKeptVerbatim() throws IOException {
        local("{\"database.host\": \"h\", \"my.own.key\": [1, 2], \"external\": {\"protocol\": \"file\", \"location\": \"/old\"},"
                + " \"external-raw\": {\"protocol\": \"s3\"}}");
        Config c = load(Map.of("DJ_AWS_ACCESS_KEY_ID", "legacy-ak"));
        assertThat(c.otherKeys()).containsKeys("my.own.key", "external.aws_access_key_id");
        assertThat(c.otherKeys().get("my.own.key").toString()).isEqualTo("[1,2]");
        assertThat(c.legacyStores()).containsOnlyKeys("external", "external-raw");
    }

    @Test
    void aNumericStringPortFromTheFileIsAcceptedAsPythonDoes() throws IOException {
        local("{\"database.port\": \"3310\"}");
        assertThat(load(Map.of()).port()).isEqualTo(3310);
    }

    @Test
    void anUnknownStoreIsReportedAsDataJointReportsIt() {
        assertThatThrownBy(() -> load(Map.of()).store("raw"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Storage raw is requested but not configured");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"database.port\": \"abc\"}                                  | database.port            | must be an integer",
            "{\"database.port\": 70000}                                    | database.port            | between 1 and 65535",
            "{\"database.host\": 5}                                        | database.host            | must be a string",
            "{\"database.host\": \"h:x\"}                                  | database.host            | invalid port",
            "{\"database.use_tls\": \"yes\"}                               | database.use_tls         | must be true, false, null",
            "{\"database.reconnect\": \"true\"}                            | database.reconnect       | must be true or false",
            "{\"safemode\": 1}                                             | safemode                 | must be true or false",
            "{\"loglevel\": \"LOUD\"}                                      | loglevel                 | must be one of",
            "{\"fetch_format\": \"table\"}                                 | fetch_format             | \"array\" or \"frame\"",
            "{\"display.limit\": 1.5}                                      | display.limit            | must be an integer",
            "{\"filepath_checksum_size_limit\": \"1G\"}                    | filepath_checksum_size_limit | integer number of bytes",
            "{\"filepath_checksum_size_limit_insert\": -1}                 | filepath_checksum_size_limit_insert | >= 0",
            "{\"stores\": []}                                              | stores                   | must be an object",
            "{\"stores\": {\"raw\": \"/data\"}}                            | stores.raw               | must be an object",
            "{\"stores\": {\"raw\": {\"location\": \"/d\"}}}               | stores.raw.protocol      | missing or invalid",
            "{\"stores\": {\"raw\": {\"protocol\": \"ftp\", \"location\": \"/d\"}}} | stores.raw.protocol | missing or invalid",
            "{\"stores\": {\"raw\": {\"protocol\": \"file\"}}}             | stores.raw.location      | is missing",
            "{\"stores\": {\"s\": {\"protocol\": \"s3\", \"location\": \"x\", \"bucket\": \"b\", \"access_key\": \"a\", \"secret_key\": \"s\"}}} | stores.s.endpoint | is missing",
            "{\"stores\": {\"raw\": {\"protocol\": \"file\", \"location\": \"/d\", \"bucket\": \"b\"}}} | stores.raw.bucket | not a valid key",
            "{\"stores\": {\"raw\": {\"protocol\": \"file\", \"location\": \"/d\", \"subfolding\": [2, 0]}}} | stores.raw.subfolding | positive integers",
            "{\"stores\": {\"raw\": {\"protocol\": \"file\", \"location\": 7}}} | stores.raw.location | must be a string",
            "{\"stores\": {\"s\": {\"protocol\": \"s3\", \"endpoint\": \"e\", \"location\": \"x\", \"bucket\": \"b\", \"access_key\": \"a\", \"secret_key\": \"s\", \"secure\": \"no\"}}} | stores.s.secure | must be true or false",
    })
    void everyBadValueNamesTheFileAndTheKey(String json, String key, String problem) throws IOException {
        Path file = local(json);
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": `" + key + "` ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @Test
    void malformedJsonNamesTheFileAndPosition() throws IOException {
        Path file = local("{\"database.host\": \"h\",\n \"database.port\": }");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": not valid JSON at line 2");
    }

    @Test
    void aFileThatIsNotAnObjectIsRejected() throws IOException {
        Path file = local("[1, 2]");
        assertThatThrownBy(() -> load(Map.of())).hasMessageStartingWith(file + ": must contain one JSON object");
    }

    @Test
    void anUnreadableFileIsReported() throws IOException {
        Files.createDirectory(work.resolve("dj_local_conf.json"));
        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        assertThatThrownBy(() -> load(Map.of("DJ_LOG_LEVEL", "chatty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable DJ_LOG_LEVEL: `DJ_LOG_LEVEL` must be one of");
        assertThatThrownBy(() -> load(Map.of("DJ_HOST", "db:notaport")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable DJ_HOST: `DJ_HOST` has an invalid port");
    }

    @Test
    void anExplicitFileThatDoesNotExistIsReported() {
        Path missing = work.resolve("nope.json");
        assertThatThrownBy(() -> Config.load(missing, Map.of())).hasMessage(missing + ": the configuration file does not exist");
    }

    @Test
    void homeIsTheEnvironmentsHomeAsPythonExpandsTilde() {
        assertThat(Config.homeDir(Map.of("HOME", home.toString()))).isEqualTo(home);
        assertThat(Config.homeDir(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void theConfigIsImmutable() throws IOException {
        local("{\"stores\": {\"raw\": {\"protocol\": \"file\", \"location\": \"/d\"}}, \"custom\": {\"a\": 1}}");
        Config c = load(Map.of());
        assertThatThrownBy(() -> c.stores().put("x", null)).isInstanceOf(UnsupportedOperationException.class);
        ((com.fasterxml.jackson.databind.node.ObjectNode) c.custom()).put("a", 2);
        assertThat(c.custom().get("a").asInt()).isEqualTo(1);
        Config changed = c.toBuilder().host("other").build();
        assertThat(c.host()).isEqualTo("localhost");
        assertThat(changed.host()).isEqualTo("other");
        assertThat(changed.stores()).containsOnlyKeys("raw");
        assertThat(List.copyOf(c.stores().values())).hasSize(1);
    }
}
