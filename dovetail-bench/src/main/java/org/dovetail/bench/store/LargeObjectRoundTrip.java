package org.dovetail.bench.store;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.hash.ContentHash;
import org.dovetail.internal.store.AttachmentFiles;
import org.dovetail.store.ExternalStore;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.dovetail.testkit.TestServers;

/**
 * An attachment larger than the heap goes into a file store and an S3 store (multipart) and comes
 * back, byte for byte: run it with a heap far smaller than the object.
 *
 * <pre>
 * java -Xmx256m -Ddovetail.test.s3.dir=/scratch/s3 -cp dovetail-bench/target/dovetail-bench.jar \
 *     org.dovetail.bench.store.LargeObjectRoundTrip 5 /scratch
 * </pre>
 */
public final class LargeObjectRoundTrip {
    private LargeObjectRoundTrip() {}

    public static void main(String[] args) throws Exception {
        long gigabytes = args.length > 0 ? Long.parseLong(args[0]) : 1;
        Path scratch = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")), "large-");
        Path source = scratch.resolve("recording.bin");
        write(source, gigabytes << 30);
        System.out.printf("object %,d bytes, max heap %,d bytes%n", Files.size(source), Runtime.getRuntime().maxMemory());
        UUID expected = AttachmentFiles.hash("recording.bin", source);
        try (TestServers servers = TestServers.start(); TestDatabase db = servers.newDatabase(); TestS3 s3 = servers.newBucket()) {
            Path files = Files.createDirectories(scratch.resolve("fstore"));
            Config config = TestConfigs.of(db).fileStore("fstore", files).s3Store("s3store", s3, "big").build();
            String schema = db.schema("large");
            try (Dovetail conn = Dovetail.connect(config)) {
                conn.connection().execute("CREATE DATABASE `" + schema + "`");
                for (String name : List.of("fstore", "s3store")) {
                    try (ExternalStore store = ExternalStore.open(conn.connection(), name)) {
                        long t0 = System.nanoTime();
                        UUID hash = store.putAttachment(schema, source);
                        double put = (System.nanoTime() - t0) / 1e9;
                        Path dir = Files.createDirectories(scratch.resolve("download-" + name));
                        long t1 = System.nanoTime();
                        Path back = store.getAttachment(schema, hash, dir);
                        double get = (System.nanoTime() - t1) / 1e9;
                        boolean same = hash.equals(expected) && AttachmentFiles.hash("recording.bin", back).equals(expected);
                        System.out.printf("%s: insert %.1f s (%.0f MB/s), fetch %.1f s (%.0f MB/s), identical: %s%n", name, put,
                                Files.size(source) / 1e6 / put, get, Files.size(source) / 1e6 / get, same);
                        Files.delete(back);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(source);
        }
        System.out.println("content hash check: " + ContentHash.class.getSimpleName() + " streaming, 64 KiB chunks");
    }

    private static void write(Path file, long bytes) throws Exception {
        Random random = new Random(1);
        byte[] chunk = new byte[8 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
    }
}
