package org.dovetail.blob;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * DataJoint-Python's compression rule: a blob longer than 1000 bytes is zlib-compressed at the
 * default level and stored as {@code "ZL123\0" + u64 length + zlib stream} only if that is
 * shorter. {@link Deflater} with default settings produces the same stream as Python's
 * {@code zlib.compress} when both use the same zlib build.
 */
final class Compression {
    static final int THRESHOLD = 1000;
    private static final int HEADER = Envelope.ZL123.length + 8;
    /** Deflaters are costly to create (about 256 KiB of native state); each thread keeps one. */
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(Deflater::new);

    private Compression() {
    }

    /** The stored form of the first {@code length} bytes of {@code raw}. */
    static byte[] apply(byte[] raw, int length) {
        if (length <= THRESHOLD) {
            return Arrays.copyOf(raw, length);
        }
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(raw, 0, length);
        deflater.finish();
        // The candidate is kept only if strictly shorter, so it never needs more than length - 1 bytes.
        byte[] candidate = new byte[length - 1];
        int written = HEADER;
        while (!deflater.finished() && written < candidate.length) {
            int n = deflater.deflate(candidate, written, candidate.length - written);
            if (n == 0 && !deflater.finished()) {
                break;
            }
            written += n;
        }
        boolean smaller = deflater.finished();
        deflater.reset();
        if (!smaller) {
            return Arrays.copyOf(raw, length);
        }
        System.arraycopy(Envelope.ZL123, 0, candidate, 0, Envelope.ZL123.length);
        LittleEndian.putLong(candidate, Envelope.ZL123.length, length);
        return Arrays.copyOf(candidate, written);
    }
}
