package org.dovetail.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A million random, truncated, bit-flipped, length-forged and spliced inputs: the decoder may
 * only ever answer with a value or a {@link BlobFormatException}.
 */
class BlobFuzzTest {
    private static final int CASES = 1_000_000;
    private static final byte[][] HEADERS = {Envelope.MYM, Envelope.DJ0, Envelope.ZL123};

    @Test
    void anyInputDecodesOrRaisesBlobFormatException() {
        Random random = new Random(20240601);
        List<byte[]> seeds = seeds(random);
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
            try {
                Blob.decode(input);
            } catch (BlobFormatException expected) {
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("decoding " + HexFormat.of().formatHex(input) + " threw " + e, e);
            }
        }
        assertThat(rejected).isBetween(CASES / 4, CASES - CASES / 50);
    }

    /** Valid blobs: the vectors and encoded random trees, compressed ones among them. */
    private static List<byte[]> seeds(Random random) {
        List<byte[]> seeds = new ArrayList<>();
        for (JsonNode vector : BlobVectorsTest.vectorFile().get("vectors")) {
            seeds.add(BlobVectorsTest.bytesOf(vector));
        }
        for (int i = 0; i < 400; i++) {
            seeds.add(Blob.encode(RandomValues.tree(random, 3)));
        }
        return seeds;
    }

    private static byte[] mutate(byte[] seed, List<byte[]> seeds, Random random) {
        byte[] input = seed.clone();
        switch (random.nextInt(6)) {
            case 0:
                for (int flips = 1 + random.nextInt(4); flips > 0 && input.length > 0; flips--) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return input;
            case 1:
                return Arrays.copyOf(input, random.nextInt(input.length + 1));
            case 2:
                return forgeLength(input, random);
            case 3:
                return randomBytes(random);
            case 4:
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int cut = random.nextInt(input.length + 1);
                byte[] spliced = Arrays.copyOf(input, cut + other.length - Math.min(other.length, cut));
                System.arraycopy(other, Math.min(other.length, cut), spliced, cut, spliced.length - cut);
                return spliced;
            default:
                if (input.length > 0) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
                return input;
        }
    }

    /** Overwrites 4 or 8 bytes with a large, small or boundary value, as a forged length would. */
    private static byte[] forgeLength(byte[] input, Random random) {
        int width = random.nextBoolean() ? 8 : 4;
        if (input.length < width) {
            return input;
        }
        long[] values = {-1L, Long.MAX_VALUE, Integer.MAX_VALUE, 0xFFFF_FFFFL, 1L << 31, 1L << 40, 0, 1, random.nextLong()};
        long value = values[random.nextInt(values.length)];
        int at = random.nextInt(input.length - width + 1);
        for (int b = 0; b < width; b++) {
            input[at + b] = (byte) (value >> (8 * b));
        }
        return input;
    }

    private static byte[] randomBytes(Random random) {
        byte[] header = HEADERS[random.nextInt(HEADERS.length)];
        byte[] input = new byte[header.length + random.nextInt(48)];
        random.nextBytes(input);
        System.arraycopy(header, 0, input, 0, header.length);
        return input;
    }
}
