package org.dovetail.blob;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a compressed blob by inflating on demand: small fields come through a small window,
 * large array payloads are inflated straight into their destination. Never yields more than the
 * declared decompressed size, and checks at the end that the stream holds exactly that much.
 */
final class InflatingInput extends Input implements AutoCloseable {
    private static final int WINDOW = 8192;

    private final Inflater inflater = new Inflater();
    private final long declared;
    private final byte[] window = new byte[WINDOW];
    private int windowPos;
    private int windowLimit;
    private long consumed;

    InflatingInput(byte[] blob, int start, long declaredSize) {
        this.declared = declaredSize;
        inflater.setInput(blob, start, blob.length - start);
    }

    @Override
    long position() {
        return consumed;
    }

    @Override
    long remaining() {
        return declared - consumed;
    }

    @Override
    int readU8() {
        ensure(1, "a byte");
        consumed++;
        return window[windowPos++] & 0xFF;
    }

    @Override
    short readShort() {
        ensure(2, "a 16-bit field");
        short v = LittleEndian.getShort(window, windowPos);
        advance(2);
        return v;
    }

    @Override
    int readInt() {
        ensure(4, "a 32-bit field");
        int v = LittleEndian.getInt(window, windowPos);
        advance(4);
        return v;
    }

    @Override
    long readLong() {
        ensure(8, "a 64-bit field");
        long v = LittleEndian.getLong(window, windowPos);
        advance(8);
        return v;
    }

    @Override
    void readFully(byte[] dst, int off, int len) {
        require(len, "data");
        int buffered = Math.min(len, windowLimit - windowPos);
        System.arraycopy(window, windowPos, dst, off, buffered);
        advance(buffered);
        int done = buffered;
        while (len - done >= WINDOW) {
            int n = inflate(dst, off + done, len - done);
            done += n;
            consumed += n;
        }
        if (done < len) {
            ensure(len - done, "data");
            System.arraycopy(window, windowPos, dst, off + done, len - done);
            advance(len - done);
        }
    }

    /** Fails unless the stream ends exactly at the declared size. */
    void checkFullyConsumed() {
        byte[] probe = new byte[1];
        if (!inflater.finished() && inflate(probe, 0, 1, true) > 0) {
            throw error("zlib stream holds more data than the declared size " + declared);
        }
    }

    @Override
    public void close() {
        inflater.end();
    }

    private void advance(int n) {
        windowPos += n;
        consumed += n;
    }

    /** Makes {@code n} bytes (at most the window size) available in the window. */
    private void ensure(int n, String what) {
        if (windowLimit - windowPos >= n) {
            return;
        }
        require(n, what);
        System.arraycopy(window, windowPos, window, 0, windowLimit - windowPos);
        windowLimit -= windowPos;
        windowPos = 0;
        int target = windowLimit + (int) Math.min(WINDOW - windowLimit, remaining() - windowLimit);
        while (windowLimit < n) {
            windowLimit += inflate(window, windowLimit, target - windowLimit);
        }
    }

    private int inflate(byte[] dst, int off, int len) {
        return inflate(dst, off, len, false);
    }

    private int inflate(byte[] dst, int off, int len, boolean endAllowed) {
        try {
            int n;
            do {
                n = inflater.inflate(dst, off, len);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    if (endAllowed && inflater.finished()) {
                        return 0;
                    }
                    throw error(inflater.needsDictionary() ? "zlib stream needs a preset dictionary"
                        : inflater.finished() ? "zlib stream ends before the declared size " + declared
                        : "zlib stream is truncated");
                }
            } while (n == 0);
            return n;
        } catch (DataFormatException e) {
            throw new BlobFormatException("corrupt zlib stream: " + e.getMessage(), consumed, e);
        }
    }
}
