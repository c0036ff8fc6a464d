package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.dovetail.Dovetail;
import org.dovetail.blob.Blob;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.config.Config;
import org.dovetail.internal.store.ObjectPaths;
import org.dovetail.store.ExternalStore;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.FilesystemS3;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code dovetail verify} on a file store and an S3 store configured in a DataJoint config file. */
@DovetailTest
class VerifyCommandIT {
    @TempDir
    Path work;

    private static Result run(String... args) {
        return CommandRun.run(Map.of(), args);
    }

    @Test
    void aCleanStoreExitsZeroDamageExitsOneAndAnUnknownStoreTwo(TestDatabase db, TestS3 s3) throws Exception {
        Path location = Files.createDirectories(work.resolve("files"));
        Path config = Files.writeString(work.resolve("dj_conf.json"), """
                {"database.host": "%s", "database.port": %d, "database.user": "%s", "database.password": "%s",
                 "stores": {
                   "files": {"protocol": "file", "location": "%s"},
                   "bucket": {"protocol": "s3", "endpoint": "%s", "bucket": "%s", "access_key": "%s", "secret_key": "%s",
                              "location": "lab/data"}}}
                """.formatted(db.host(), db.port(), db.user(), db.password(), location, s3.hostAndPort(), s3.bucket(),
                s3.accessKey(), s3.secretKey()));
        String schema = db.schema("verified");
        UUID fileHash;
        UUID s3Hash;
        try (Dovetail conn = Dovetail.connect(Config.load(config, Map.of()))) {
            conn.connection().execute("CREATE DATABASE `" + schema + "`");
            try (ExternalStore files = ExternalStore.open(conn.connection(), "files"); ExternalStore bucket = ExternalStore.open(conn.connection(), "bucket")) {
                fileHash = files.putBlob(schema, Blob.encode("on disk"));
                files.putBlob(schema, Blob.encode("also on disk"));
                s3Hash = bucket.putBlob(schema, Blob.encode("in the bucket"));
            }
        }
        for (String store : new String[] {"files", "bucket"}) {
            Result clean = run("--config", config.toString(), "verify", "--store", store, "--schema", schema, "--deep");
            assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
            assertThat(clean.out()).contains("OK: the store matches its tracking tables");
        }

        Files.delete(location.resolve(ObjectPaths.blob(schema, fileHash, java.util.List.of(2, 2))));
        Result damaged = run("--config", config.toString(), "verify", "--store", "files", "--format", "json");
        assertThat(damaged.code()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(damaged.out());
        assertThat(report.get("clean").asBoolean()).isFalse();
        assertThat(report.get("counts").get("MISSING").asInt()).isOne();
        assertThat(report.get("rows").asInt()).isEqualTo(2);
        assertThat(report.get("findings").get(0).get("hash").asText()).isEqualTo(fileHash.toString());

        Result s3Report = run("--config", config.toString(), "verify", "--store", "bucket", "--schema", schema, "--format", "csv");
        assertThat(s3Report.code()).isZero();
        assertThat(s3Report.out()).isEqualTo("kind,schema,hash,path,detail\n");
        assertThat(s3Hash).isNotNull();

        Result unknown = run("--config", config.toString(), "verify", "--store", "nope");
        assertThat(unknown.code()).as("an unconfigured store is a configuration error").isEqualTo(2);
        assertThat(unknown.err()).contains("Storage nope is requested but not configured").endsWith(" [CONFIG]\n");
    }

    @Test
    void folderMarkersInTheBucketAreCountedNotReportedOnBothS3Backends(TestDatabase db, TestS3 memory, @FilesystemS3 TestS3 files)
            throws Exception {
        Path config = Files.writeString(work.resolve("markers.json"), """
                {"database.host": "%s", "database.port": %d, "database.user": "%s", "database.password": "%s",
                 "stores": {
                   "memory": {"protocol": "s3", "endpoint": "%s", "bucket": "%s", "access_key": "%s", "secret_key": "%s",
                              "location": "lab/data"},
                   "disk": {"protocol": "s3", "endpoint": "%s", "bucket": "%s", "access_key": "%s", "secret_key": "%s",
                            "location": "lab/data"}}}
                """.formatted(db.host(), db.port(), db.user(), db.password(), memory.hostAndPort(), memory.bucket(),
                memory.accessKey(), memory.secretKey(), files.hostAndPort(), files.bucket(), files.accessKey(), files.secretKey()));
        String schema = db.schema("marked");
        Path notes = Files.writeString(Files.createDirectories(work.resolve("notes")).resolve("notes.txt"), "trial notes");
        try (Dovetail conn = Dovetail.connect(Config.load(config, Map.of()))) {
            org.dovetail.schema.Schema s = conn.createSchema(schema);
            s.declare(org.dovetail.schema.Tier.MANUAL, "Recording",
                    "rec : int\n---\nin_memory : blob@memory\non_disk : blob@disk\nnotes_memory : attach@memory\nnotes_disk : attach@disk\n");
            s.table("Recording").insert(java.util.List.of(
                    Map.of("rec", 1, "in_memory", new double[] {1}, "on_disk", new double[] {2}, "notes_memory", notes, "notes_disk", notes),
                    Map.of("rec", 2, "in_memory", new double[] {3}, "on_disk", new double[] {4}, "notes_memory", notes, "notes_disk", notes)));
        }
        for (TestS3 s3 : java.util.List.of(memory, files)) {
            String store = s3 == memory ? "memory" : "disk";
            Result unmarked = run("--config", config.toString(), "verify", "--store", store, "--schema", schema);
            assertThat(unmarked.code()).as(unmarked.out() + unmarked.err()).isZero();
            assertThat(unmarked.out()).doesNotContain("folder markers");

            int markers = markEveryFolder(s3, "lab/data/" + schema + "/");
            Result text = run("--config", config.toString(), "verify", "--store", store, "--schema", schema, "--deep");
            assertThat(text.code()).as(text.out() + text.err()).isZero();
            assertThat(text.out()).contains("3 tracking rows checked, 3 objects in the schemas' folders\n",
                    markers + " folder markers (keys ending in /) there too: not objects, left alone\n",
                    "OK: the store matches its tracking tables");
            Result json = run("--config", config.toString(), "verify", "--store", store, "--format", "json");
            assertThat(json.code()).as(json.out() + json.err()).isZero();
            JsonNode report = new ObjectMapper().readTree(json.out());
            assertThat(report.get("clean").asBoolean()).isTrue();
            assertThat(report.get("objects").asInt()).isEqualTo(3);
            assertThat(report.get("folderMarkers").asInt()).isEqualTo(markers);
            assertThat(report.get("findings")).isEmpty();
        }
    }

    /** Puts a zero-byte marker for the folder and every subfolder of each object under it; returns how many. */
    private static int markEveryFolder(TestS3 s3, String folder) {
        java.util.Set<String> markers = new java.util.TreeSet<>();
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(folder)).contents()) {
                for (int slash = object.key().indexOf('/', folder.length() - 1); slash >= 0; slash = object.key().indexOf('/', slash + 1)) {
                    markers.add(object.key().substring(0, slash + 1));
                }
            }
        }
        markers.forEach(marker -> s3.putObject(marker, new byte[0], Map.of()));
        return markers.size();
    }

    @Test
    void fetchPrintsExternalValuesAndDownloadsAttachmentsWhereAsked(TestDatabase db) throws Exception {
        Path location = Files.createDirectories(work.resolve("att-store"));
        Path config = Files.writeString(work.resolve("att.json"), """
                {"database.host": "%s", "database.port": %d, "database.user": "%s", "database.password": "%s",
                 "stores": {"files": {"protocol": "file", "location": "%s"}}}
                """.formatted(db.host(), db.port(), db.user(), db.password(), location));
        String schema = db.schema("docs");
        Path report = Files.writeString(Files.createDirectories(work.resolve("src")).resolve("report.txt"), "hello");
        try (Dovetail conn = Dovetail.connect(Config.load(config, Map.of()))) {
            org.dovetail.schema.Schema s = conn.createSchema(schema);
            s.declare(org.dovetail.schema.Tier.MANUAL, "Doc", "doc_id : int\n---\nfile : attach@files\ntrace : blob@files\n");
            s.table("Doc").insert1(Map.of("doc_id", 1, "file", report, "trace", new double[] {1, 2}));
        }
        Path downloads = work.resolve("downloads");
        Result fetched = run("--config", config.toString(), "fetch", schema + ".Doc", "--download-dir", downloads.toString(),
                "--format", "jsonl");
        assertThat(fetched.code()).as(fetched.err()).isZero();
        JsonNode row = new ObjectMapper().readTree(fetched.out());
        assertThat(row.get("file").asText()).isEqualTo(downloads.resolve("report.txt").toString());
        assertThat(Files.readString(downloads.resolve("report.txt"))).isEqualTo("hello");
        assertThat(row.get("trace").get("data").toString()).isEqualTo("[1.0,2.0]");
    }
}
