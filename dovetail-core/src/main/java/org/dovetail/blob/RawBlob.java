package org.dovetail.blob;

import java.util.Arrays;

/**
 * Stored blob bytes passed through untouched, e.g. to copy blobs between databases byte for
 * byte (DataJoint-Python's {@code bypass_serialization}). {@link Blob#encode(Object)} returns
 * them verbatim; they are not decoded.
 *
 * <pre>{@code
 * RawBlob raw = RawBlob.of(bytesFromSourceDatabase);
 * byte[] same = Blob.encode(raw);   // identical bytes
 * }</pre>
 */
public final class RawBlob {
    private static final byte[][] HEADERS = {
        {'Z', 'L', '1', '2', '3', 0}, {'m', 'Y', 'm', 0}, {'d', 'j', '0', 0}};

    private final byte[] bytes;

    private RawBlob(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps a copy of stored blob bytes.
     *
     * @throws IllegalArgumentException unless they start with {@code ZL123\0}, {@code mYm\0} or {@code dj0\0}
     */
    public static RawBlob of(byte[] bytes) {
        for (byte[] header : HEADERS) {
            if (bytes.length >= header.length && Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
                return new RawBlob(bytes.clone());
            }
        }
        throw new IllegalArgumentException("not a DataJoint blob: no ZL123, mYm or dj0 header");
    }

    /** The bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawBlob && Arrays.equals(bytes, ((RawBlob) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawBlob[" + bytes.length + " bytes]";
    }
}
