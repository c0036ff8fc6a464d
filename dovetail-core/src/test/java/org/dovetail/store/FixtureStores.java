package org.dovetail.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fixture package written by DataJoint-Python 0.14.9, loaded into the test schema {@code fx}
 * with its two stores re-created: {@code fstore} in a directory, {@code s3store} in the test's S3
 * bucket under the key prefix {@code fixture}. Each test class loads it once:
 *
 * <pre>{@code
 * @BeforeAll
 * static void load(TestDatabase db, TestS3 s3) throws Exception {
 *     fixture = FixtureStores.load(db, s3, "stores-it-");
 *     connection = Dovetail.connect(fixture.config);
 * }
 * }</pre>
 */
final class FixtureStores {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WRITER_SCHEMA = "dvt_fixture";
    static final String S3_LOCATION = "fixture";

    final TestDatabase database;
    final TestS3 s3;
    /** The test class's directory under {@code target}, holding the file store and both stages. */
    final Path base;
    final String schema;
    final Path fileLocation;
    final Path fileStage;
    final Path s3Stage;
    final JsonNode stores;
    final JsonNode expected;
    final Config config;

    private FixtureStores(TestDatabase database, TestS3 s3, String schema, Path base, JsonNode stores, JsonNode expected,
            Config config) {
        this.database = database;
        this.s3 = s3;
        this.base = base;
        this.schema = schema;
        this.fileLocation = base.resolve("fstore");
        this.fileStage = base.resolve("fstage");
        this.s3Stage = base.resolve("sstage");
        this.stores = stores;
        this.expected = expected;
        this.config = config;
    }

    /**
     * Loads the dump into schema {@code fx} and the objects into a new directory under {@code target}
     * (named with {@code directoryPrefix}) and the S3 bucket.
     */
    static FixtureStores load(TestDatabase db, TestS3 s3, String directoryPrefix) throws Exception {
        String schema = db.schema("fx");
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), directoryPrefix);
        JsonNode stores = JSON.readTree(resource("stores.json"));
        JsonNode expected = JSON.readTree(resource("expected.json"));
        try (var c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
        }
        String dump = new String(resource("schema.sql").readAllBytes(), StandardCharsets.UTF_8);
        try (var c = DriverManager.getConnection(db.jdbcUrl() + schema + "?allowMultiQueries=true", db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute(dump);
        }
        Config config = TestConfigs.builder(db).filepathManagement(true)
                .store(fileStore(base))
                .store(s3Store(s3, base.resolve("sstage").toString()))
                .build();
        FixtureStores fixture = new FixtureStores(db, s3, schema, base, stores, expected, config);
        Files.createDirectories(fixture.fileLocation);
        Files.createDirectories(fixture.fileStage);
        Files.createDirectories(fixture.s3Stage);
        fixture.copyObjects(s3);
        return fixture;
    }

    static StoreSpec fileStore(Path base) {
        return StoreSpec.file("fstore", base.resolve("fstore").toString()).withStage(base.resolve("fstage").toString());
    }

    static StoreSpec s3Store(TestS3 s3, String stage) {
        return StoreSpec.s3("s3store", s3.hostAndPort(), s3.bucket(), S3_LOCATION, s3.accessKey(), s3.secretKey()).withStage(stage);
    }

    static S3Client client(TestS3 s3) {
        return S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The object's path relative to the store location, with the writer's schema folder renamed. */
    String relative(JsonNode object) {
        String relative = object.get("relative").asText();
        return object.get("renamed_with_schema").asBoolean() ? schema + relative.substring(WRITER_SCHEMA.length()) : relative;
    }

    private void copyObjects(TestS3 s3) throws IOException {
        try (S3Client client = client(s3)) {
            for (JsonNode object : stores.get("objects")) {
                byte[] content = resource(object.get("file").asText()).readAllBytes();
                String relative = relative(object);
                if (object.get("store").asText().equals("fstore")) {
                    Path target = fileLocation.resolve(relative);
                    Files.createDirectories(target.getParent());
                    Files.write(target, content);
                } else {
                    Map<String, String> metadata = new HashMap<>();
                    JsonNode meta = object.get("metadata");
                    for (Iterator<String> it = meta.fieldNames(); it.hasNext(); ) {
                        String key = it.next();
                        metadata.put(key, meta.get(key).asText());
                    }
                    client.putObject(b -> b.bucket(s3.bucket()).key(S3_LOCATION + "/" + relative).metadata(metadata),
                            RequestBody.fromBytes(content));
                }
            }
        }
    }

    /** Objects of one store listed in stores.json. */
    List<JsonNode> objects(String store, String kind) {
        List<JsonNode> list = new java.util.ArrayList<>();
        stores.get("objects").forEach(o -> {
            if (o.get("store").asText().equals(store) && (kind == null || o.get("kind").asText().equals(kind))) {
                list.add(o);
            }
        });
        return list;
    }

    static byte[] bytes(String packagePath) {
        try (InputStream in = resource(packagePath)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String path) throws IOException {
        InputStream in = FixtureStores.class.getClassLoader().getResourceAsStream("fixture-014/" + path);
        if (in == null) {
            throw new IOException("missing test resource fixture-014/" + path);
        }
        return in;
    }
}
