package org.dovetail.blob;

import java.util.Arrays;

/** A growable little-endian byte buffer the encoder writes into. */
final class Output {
    private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private byte[] buffer;
    private int size;

    Output(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    /** The backing array; only the first {@link #size()} bytes are written. */
    byte[] buffer() {
        return buffer;
    }

    void writeU8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void writeShort(int value) {
        ensure(2);
        LittleEndian.putShort(buffer, size, (short) value);
        size += 2;
    }

    void writeInt(int value) {
        ensure(4);
        LittleEndian.putInt(buffer, size, value);
        size += 4;
    }

    void writeLong(long value) {
        ensure(8);
        LittleEndian.putLong(buffer, size, value);
        size += 8;
    }

    void writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** Overwrites 8 bytes written earlier (a length that is known only after its value). */
    void putLongAt(int position, long value) {
        LittleEndian.putLong(buffer, position, value);
    }

    /** Overwrites bytes written earlier. */
    void putBytesAt(int position, byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
    }

    private void ensure(int more) {
        if (buffer.length - size >= more) {
            return;
        }
        long needed = (long) size + more;
        if (needed > MAX_SIZE) {
            throw new IllegalArgumentException("blob would exceed " + MAX_SIZE + " bytes");
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_SIZE, Math.max(needed, 2L * buffer.length)));
    }
}
