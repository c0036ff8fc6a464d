package org.dovetail.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.dovetail.blob.Blob;
import org.dovetail.blob.EncodeOptions;
import org.dovetail.blob.NdArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The blob codec on the payloads of DataJoint-Python's own benchmark (shared/research/peer-baselines.md):
 * a 1 MiB standard-normal float64 array (which zlib shrinks by about 4%, so it is stored compressed)
 * and a list of 10,000 small dicts {@code {id, name, value, ok}}.
 *
 * <p>Run: {@code java -jar dovetail-bench/target/dovetail-bench.jar BlobBenchmark -f1 -wi 2 -i 3 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BlobBenchmark {
    private static final int MIB = 1 << 20;

    private NdArray normal;
    private byte[] uncompressed;
    private byte[] compressed;
    private List<Object> dicts;
    private byte[] packedDicts;
    private List<NdArray> sixteenArrays;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        double[] values = new double[MIB / 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        normal = NdArray.of(values);
        uncompressed = Blob.encode(normal, EncodeOptions.defaults().withCompression(false));
        compressed = Blob.encode(normal);
        if (compressed[0] != 'Z') {
            throw new IllegalStateException("expected the normal array to be stored compressed");
        }
        dicts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", i);
            row.put("name", "name" + i);
            row.put("value", random.nextDouble());
            row.put("ok", i % 2 == 0);
            dicts.add(row);
        }
        packedDicts = Blob.encode(dicts);
        sixteenArrays = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteenArrays.add(normal.reshapeColumnMajor(1, values.length));
        }
    }

    /** Decode of an uncompressed 1 MiB float64 array (one bulk copy into the array's storage). */
    @Benchmark
    public Object decodeUncompressedFloat64() {
        return Blob.decode(uncompressed);
    }

    /** Decode of the same array stored compressed (inflated straight into the array's storage). */
    @Benchmark
    public Object decodeCompressedFloat64() {
        return Blob.decode(compressed);
    }

    /** Baseline: only inflating the same compressed bytes with {@link Inflater}. */
    @Benchmark
    public byte[] inflateOnlyBaseline() throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed, 14, compressed.length - 14);
            byte[] out = new byte[uncompressed.length];
            int n = 0;
            while (n < out.length) {
                n += inflater.inflate(out, n, out.length - n);
            }
            return out;
        } finally {
            inflater.end();
        }
    }

    /** Encode of the 1 MiB float64 array with the compression rule (what insert does). */
    @Benchmark
    public byte[] encodeCompressedFloat64() {
        return Blob.encode(normal);
    }

    /** Encode of 10,000 small dicts as one list blob, compression rule applied. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] encodeTenThousandDicts() {
        return Blob.encode(dicts);
    }

    /** Decode of the 10,000 dicts. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object decodeTenThousandDicts() {
        return Blob.decode(packedDicts);
    }

    /** 16 arrays of 1 MiB encoded one after another. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<byte[]> encodeSixteenArraysSequential() {
        List<byte[]> blobs = new ArrayList<>();
        for (NdArray array : sixteenArrays) {
            blobs.add(Blob.encode(array));
        }
        return blobs;
    }

    /** The same 16 arrays through {@link Blob#encodeAll}, which compresses on several cores. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<byte[]> encodeSixteenArraysParallel() {
        return Blob.encodeAll(sixteenArrays, EncodeOptions.defaults());
    }

    /** Sizes, for the record. */
    public static void main(String[] args) {
        BlobBenchmark b = new BlobBenchmark();
        b.setUp();
        System.out.println("uncompressed " + b.uncompressed.length + " compressed " + b.compressed.length
            + " dicts " + b.packedDicts.length + " raw dicts "
            + Blob.encode(b.dicts, EncodeOptions.defaults().withCompression(false)).length
            + " " + Arrays.toString(Arrays.copyOf(b.packedDicts, 4)));
    }
}
