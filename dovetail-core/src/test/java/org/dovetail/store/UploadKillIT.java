package org.dovetail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A process killed in the middle of an upload (SIGKILL, as the OOM killer or a cluster scheduler
 * would): no tracking row, no object under the final name, the leftover is reported by verify,
 * and the same insert succeeds afterwards.
 */
@DovetailTest
class UploadKillIT {
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
            for (int i = 0; i < 160; i++) {           // 640 MiB: the copy takes long enough to be caught
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        hash = AttachmentFiles.hash("acquisition.bin", big);
    }

    private static Process child(TestDatabase db, String schema, List<String> store) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UploadChild.class.getName(),
                db.host(), String.valueOf(db.port()), db.user(), db.password(), schema, big.toString()));
        command.addAll(store);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(base.resolve(schema + ".log").toFile()).start();
    }

    @Test
    void aFileStoreUploadKilledMidwayLeavesOnlyATemporaryFile(TestDatabase db) throws Exception {
        String schema = db.schema("killf");
        Path location = Files.createDirectories(base.resolve("fstore"));
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
        }
        Process process = child(db, schema, List.of("file", location.toString()));
        Path temp = waitFor(() -> temporaryFiles(location).findFirst().orElse(null), process);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(temp).as("a partial upload was under way").isNotNull();

        StoreSpec spec = new StoreSpec("target", StoreSpec.Protocol.FILE, location.toString(), null, null, null, null, false, null,
                StoreSpec.DEFAULT_SUBFOLDING, null);
        try (Connection conn = Connection.open(config(db, spec)); ExternalStore store = ExternalStore.open(conn, "target")) {
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
        List<String> s3Store = List.of("s3", "kill", s3.hostAndPort(), s3.bucket(), s3.accessKey(), s3.secretKey());
        // How long an upload takes on this machine: one run to completion into another schema.
        String warmup = db.schema("killw");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + warmup + "`");
        }
        Process full = child(db, warmup, s3Store);
        Path warmupLog = base.resolve(warmup + ".log");
        waitFor(() -> Files.exists(warmupLog) && Files.readString(warmupLog).contains("uploading") ? Boolean.TRUE : null, full);
        long started = System.nanoTime();
        assertThat(full.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long uploadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        Process process = child(db, schema, s3Store);
        Path log = base.resolve(schema + ".log");
        waitFor(() -> Files.exists(log) && Files.readString(log).contains("uploading") ? Boolean.TRUE : null, process);
        Thread.sleep(uploadMillis * 2 / 3);       // past the hashing, into the multipart upload
        boolean finished = !process.isAlive();
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(finished).as("the upload was still running when killed (a full one took %d ms)", uploadMillis).isFalse();

        StoreSpec spec = new StoreSpec("target", StoreSpec.Protocol.S3, "kill", s3.hostAndPort(), s3.bucket(), s3.accessKey(),
                s3.secretKey(), false, null, StoreSpec.DEFAULT_SUBFOLDING, null);
        try (Connection conn = Connection.open(config(db, spec)); ExternalStore store = ExternalStore.open(conn, "target")) {
            String objectPath = ObjectPaths.attachment(schema, hash, "acquisition.bin", spec.subfolding());
            assertThat(store.objects().stat(objectPath)).isEmpty();
            assertThat(store.tracking(schema).rows()).isEmpty();
            assertThat(new StoreVerifier(store).verify(List.of(schema), false, n -> { }).clean()).isTrue();
            assertThat(store.putAttachment(schema, big)).isEqualTo(hash);
            assertThat(store.objects().stat(objectPath).orElseThrow().size()).isEqualTo(Files.size(big));
        }
    }

    private static Config config(TestDatabase db, StoreSpec spec) {
        return Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password()).store(spec).build();
    }

    private static Stream<Path> temporaryFiles(Path root) {
        try {
            return Files.walk(root).filter(p -> p.getFileName().toString().contains(AtomicFiles.TEMP_MARKER)).toList().stream();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return Stream.empty();
        }
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T waitFor(Probe<T> probe, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(5);
        }
        return probe.get();
    }
}
