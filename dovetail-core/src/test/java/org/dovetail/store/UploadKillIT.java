package org.dovetail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.internal.store.AtomicFiles;
import org.dovetail.internal.store.AttachmentFiles;
import org.dovetail.internal.store.ObjectPaths;
import org.dovetail.internal.store.S3Store;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A process killed in the middle of an upload (SIGKILL, as the OOM killer or a cluster scheduler
 * would): no tracking row, no object under the final name, only the documented leftovers, and
 * the same insert succeeds afterwards. The child ({@link UploadChild}) stalls its upload at a
 * chosen byte and says so on stdout; the kill comes then, so it always lands inside the upload.
 */
@DovetailTest
class UploadKillIT {
    private static final long PART = 16L << 20;        // S3Store's part size for a file of this size
    private static Path base;
    private static Path big;
    private static UUID hash;

    @BeforeAll
    static void bigFile() throws Exception {
        base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kill-it-");
        big = base.resolve("acquisition.bin");
        Random random = new Random(3);
        byte[] chunk = new byte[4 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 20; i++) {            // 80 MiB: above S3Store.MULTIPART_THRESHOLD, five parts
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        assertThat(Files.size(big)).isGreaterThan(S3Store.MULTIPART_THRESHOLD);
        hash = AttachmentFiles.hash("acquisition.bin", big);
    }

    @AfterAll
    static void removeBigFile() throws Exception {
        Files.deleteIfExists(big);                    // the children's logs stay, beside it
    }

    /** Starts the child and returns once it reports that the upload is stalled midway. */
    private static Process childInsideUpload(TestDatabase db, String schema, long stallAfter, List<String> store) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UploadChild.class.getName(),
                db.host(), String.valueOf(db.port()), db.user(), db.password(), schema, big.toString(), String.valueOf(stallAfter)));
        command.addAll(store);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Path log = base.resolve(schema + ".log");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                if (line.equals(UploadChild.INSIDE_UPLOAD)) {
                    return process;
                }
            }
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("the child ended without reaching the middle of its upload (exit " + process.exitValue()
                + "): " + Files.readString(log));
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly().waitFor();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    @Test
    void aFileStoreUploadKilledMidwayLeavesOnlyATemporaryFile(TestDatabase db) throws Exception {
        String schema = db.schema("killf");
        Path location = Files.createDirectories(base.resolve("fstore"));
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
        }
        long stallAfter = 1L << 20;
        Process process = childInsideUpload(db, schema, stallAfter, List.of("file", location.toString()));
        List<Path> partial = temporaryFiles(location);
        kill(process);
        assertThat(partial).as("one partial copy").hasSize(1);
        assertThat(Files.size(partial.get(0))).as("the bytes copied before the stall").isEqualTo(stallAfter);

        StoreSpec spec = new StoreSpec("target", StoreSpec.Protocol.FILE, location.toString(), null, null, null, null, false, null,
                StoreSpec.DEFAULT_SUBFOLDING, null);
        try (Dovetail conn = Dovetail.connect(config(db, spec)); ExternalStore store = ExternalStore.open(conn.connection(), "target")) {
            String objectPath = ObjectPaths.attachment(schema, hash, "acquisition.bin", spec.subfolding());
            assertThat(store.objects().stat(objectPath)).isEmpty();
            assertThat(store.tracking(schema).rows()).isEmpty();
            VerifyReport report = new StoreVerifier(store).verify(List.of(schema), false, n -> { });
            assertThat(report.counts()).containsEntry(VerifyReport.Kind.INCOMPLETE_UPLOAD, 1L).containsEntry(VerifyReport.Kind.MISSING, 0L);

            assertThat(store.putAttachment(schema, big)).isEqualTo(hash);
            assertThat(store.objects().stat(objectPath).orElseThrow().size()).isEqualTo(Files.size(big));
        }
    }

    @Test
    void anS3UploadKilledMidwayLeavesNothingVisible(TestDatabase db, TestS3 s3) throws Exception {
        String schema = db.schema("kills");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
        }
        // Two parts and a mebibyte of the third: the multipart upload is under way, with parts on the server.
        long stallAfter = 2 * PART + (1L << 20);
        Process process = childInsideUpload(db, schema, stallAfter,
                List.of("s3", "kill", s3.hostAndPort(), s3.bucket(), s3.accessKey(), s3.secretKey()));
        kill(process);

        StoreSpec spec = new StoreSpec("target", StoreSpec.Protocol.S3, "kill", s3.hostAndPort(), s3.bucket(), s3.accessKey(),
                s3.secretKey(), false, null, StoreSpec.DEFAULT_SUBFOLDING, null);
        try (Dovetail conn = Dovetail.connect(config(db, spec)); ExternalStore store = ExternalStore.open(conn.connection(), "target");
             S3Client client = client(s3)) {
            String objectPath = ObjectPaths.attachment(schema, hash, "acquisition.bin", spec.subfolding());
            String key = ((S3Store) store.objects()).key(objectPath);
            assertThat(store.objects().stat(objectPath)).isEmpty();
            assertThat(store.tracking(schema).rows()).isEmpty();
            assertThat(new StoreVerifier(store).verify(List.of(schema), false, n -> { }).clean()).isTrue();
            // The documented leftover: the unfinished multipart upload, its parts invisible, until it is aborted.
            List<MultipartUpload> pending = client.listMultipartUploads(b -> b.bucket(s3.bucket()).prefix(key)).uploads();
            assertThat(pending).extracting(MultipartUpload::key).containsExactly(key);
            assertThat(client.listParts(b -> b.bucket(s3.bucket()).key(key).uploadId(pending.get(0).uploadId())).parts())
                    .as("the parts sent before the stall").hasSize(2);

            assertThat(store.putAttachment(schema, big)).isEqualTo(hash);
            assertThat(store.objects().stat(objectPath).orElseThrow().size()).isEqualTo(Files.size(big));
        }
    }

    private static S3Client client(TestS3 s3) {
        return S3Client.builder().endpointOverride(java.net.URI.create("http://" + s3.hostAndPort())).forcePathStyle(true)
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }

    private static Config config(TestDatabase db, StoreSpec spec) {
        return TestConfigs.builder(db).store(spec).build();
    }

    private static List<Path> temporaryFiles(Path root) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().contains(AtomicFiles.TEMP_MARKER)).toList();
        }
    }
}
