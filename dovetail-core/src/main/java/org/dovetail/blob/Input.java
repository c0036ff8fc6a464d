package org.dovetail.blob;

/**
 * The bytes a decoder reads from, little-endian, with every read checked against what is left so
 * that a forged length fails before anything is allocated for it. Positions count from the start
 * of the (decompressed) blob, protocol tag included.
 */
abstract class Input {
    /** Bytes consumed so far. */
    abstract long position();

    /** Bytes that can still be read. */
    abstract long remaining();

    abstract int readU8();

    abstract short readShort();

    abstract int readInt();

    abstract long readLong();

    /** Fills {@code len} bytes of {@code dst}; the caller has checked {@code len <= remaining()}. */
    abstract void readFully(byte[] dst, int off, int len);

    /** Reads {@code len} bytes of strict UTF-8; the caller has checked {@code len <= remaining()}. */
    String readUtf8(int len) {
        long start = position();
        byte[] bytes = new byte[len];
        readFully(bytes, 0, len);
        return Utf8.decode(bytes, 0, len, start);
    }

    /** Fails unless {@code count} bytes are left. */
    final void require(long count, String what) {
        if (count < 0 || count > remaining()) {
            throw error(what + " needs " + (count < 0 ? "more than 2^63" : String.valueOf(count))
                + " bytes, only " + remaining() + " left (truncated or forged length)");
        }
    }

    final BlobFormatException error(String problem) {
        return new BlobFormatException(problem, position());
    }
}
