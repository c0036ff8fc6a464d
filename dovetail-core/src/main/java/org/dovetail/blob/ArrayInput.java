package org.dovetail.blob;

/** Reads an uncompressed blob held in a byte array, without copying it. */
final class ArrayInput extends Input {
    private final byte[] bytes;
    private final int limit;
    private int pos;

    ArrayInput(byte[] bytes, int start) {
        this.bytes = bytes;
        this.pos = start;
        this.limit = bytes.length;
    }

    @Override
    long position() {
        return pos;
    }

    @Override
    long remaining() {
        return limit - pos;
    }

    @Override
    int readU8() {
        require(1, "a byte");
        return bytes[pos++] & 0xFF;
    }

    @Override
    short readShort() {
        require(2, "a 16-bit field");
        short v = LittleEndian.getShort(bytes, pos);
        pos += 2;
        return v;
    }

    @Override
    int readInt() {
        require(4, "a 32-bit field");
        int v = LittleEndian.getInt(bytes, pos);
        pos += 4;
        return v;
    }

    @Override
    long readLong() {
        require(8, "a 64-bit field");
        long v = LittleEndian.getLong(bytes, pos);
        pos += 8;
        return v;
    }

    @Override
    void readFully(byte[] dst, int off, int len) {
        require(len, "data");
        System.arraycopy(bytes, pos, dst, off, len);
        pos += len;
    }

    @Override
    String readUtf8(int len) {
        require(len, "text");
        String text = Utf8.decode(bytes, pos, len, pos);
        pos += len;
        return text;
    }
}
