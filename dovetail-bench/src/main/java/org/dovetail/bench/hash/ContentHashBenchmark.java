package org.dovetail.bench.hash;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dovetail.hash.ContentHash;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of {@link ContentHash#uuidFromStream} on a 64 MiB stream against the floor set by one
 * {@link MessageDigest} MD5 call over the same bytes in memory. The difference is the price of
 * chunked reading (copying into the read buffer) and building the UUID.
 *
 * <p>Run: {@code java -jar dovetail-bench/target/dovetail-bench.jar ContentHashBenchmark -f1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ContentHashBenchmark {
    private static final int SIZE = 64 * 1024 * 1024;

    private byte[] data;

    @Setup
    public void fill() {
        data = new byte[SIZE];
        new Random(42).nextBytes(data);
    }

    @Benchmark
    public UUID uuidFromStream() {
        return ContentHash.uuidFromStream(new ByteArrayInputStream(data), "");
    }

    @Benchmark
    public byte[] rawMessageDigestMd5() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("MD5").digest(data);
    }
}
