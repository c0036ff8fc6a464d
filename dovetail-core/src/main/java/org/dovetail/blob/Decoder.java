package org.dovetail.blob;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one blob: the envelope (ZL123 compression, protocol tag) and the Python-native codes;
 * MATLAB and numpy arrays are read by {@link ArrayReader}. One instance per blob.
 */
final class Decoder {
    static final int ZLIB_MAX_RATIO = 1032;
    static final int MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;
    /** Containers are pre-sized at most this far; a forged count must not reserve memory up front. */
    private static final int MAX_PRESIZE = 4096;

    private final Input in;
    private final int sizeWidth;
    private final int maxDepth;
    private final ArrayReader arrays;
    private int depth;

    private Decoder(Input in, DecodeOptions options) {
        this.in = in;
        this.sizeWidth = options.use32BitDims() ? 4 : 8;
        this.maxDepth = options.maxDepth();
        this.arrays = new ArrayReader(this, in);
    }

    static Object decode(byte[] blob, DecodeOptions options) {
        try {
            return decodeEnvelope(blob, options);
        } catch (StackOverflowError e) {
            // A raised maxDepth can exceed what a small thread stack holds; still a bad blob, not a crash.
            throw new BlobFormatException("values nested too deep for this thread's stack", -1);
        }
    }

    private static Object decodeEnvelope(byte[] blob, DecodeOptions options) {
        if (!Envelope.isCompressed(blob)) {
            return new Decoder(new ArrayInput(blob, 0), options).readBlob();
        }
        int sizeWidth = options.use32BitDims() ? 4 : 8;
        int start = Envelope.ZL123.length + sizeWidth;
        if (blob.length < start) {
            throw new BlobFormatException("compressed blob ends inside its size field", blob.length);
        }
        long declared = sizeWidth == 4 ? Integer.toUnsignedLong(LittleEndian.getInt(blob, 6)) : LittleEndian.getLong(blob, 6);
        long compressed = blob.length - start;
        if (declared < 0 || declared > options.maxDecompressedBytes()) {
            throw new BlobFormatException("declared decompressed size " + Long.toUnsignedString(declared)
                + " exceeds the limit " + options.maxDecompressedBytes(), 6);
        }
        if (declared > compressed * ZLIB_MAX_RATIO) {
            throw new BlobFormatException("declared decompressed size " + declared + " cannot come from "
                + compressed + " compressed bytes (zlib expands at most " + ZLIB_MAX_RATIO + ":1)", 6);
        }
        try (InflatingInput inflating = new InflatingInput(blob, start, declared)) {
            Object value = new Decoder(inflating, options).readBlob();
            inflating.checkFullyConsumed();
            return value;
        }
    }

    private Object readBlob() {
        if (in.remaining() < 4) {
            throw in.error("unknown header: too short for a protocol tag");
        }
        byte[] tag = new byte[4];
        in.readFully(tag, 0, 4);
        if (!Envelope.isProtocolTag(tag)) {
            throw new BlobFormatException("unknown header: not mYm\\0, dj0\\0 or ZL123\\0", 0);
        }
        Object value = readValue();
        if (in.remaining() != 0) {
            throw in.error("trailing bytes: " + in.remaining() + " after the value");
        }
        return value;
    }

    /** Reads one value starting at its type code. */
    Object readValue() {
        long start = in.position();
        int code = in.readU8();
        if (++depth > maxDepth) {
            throw new BlobFormatException("values nested deeper than " + maxDepth, start);
        }
        Object value = readBody(code, start);
        depth--;
        return value;
    }

    private Object readBody(int code, long start) {
        switch (code) {
            case 'A': return arrays.readArray();
            case 'S': return arrays.readStruct();
            case 'C': return arrays.readCell();
            case 'F': return arrays.readRecordArray();
            case 'P': return arrays.readSparse();
            case 0xFF: return null;
            case 0x01: return new Tuple(readItems());
            case 0x02: return Collections.unmodifiableList(readItems());
            case 0x03: return readSet();
            case 0x04: return readDict();
            case 0x05: return readText("string");
            case 0x06: return readBytes();
            case 0x0A: return readInt();
            case 0x0B: return in.readU8() != 0;
            case 0x0C: return new Complex(Double.longBitsToDouble(in.readLong()), Double.longBitsToDouble(in.readLong()));
            case 0x0D: return Double.longBitsToDouble(in.readLong());
            case 'd': return readDecimal();
            case 't': return DateTimes.decode(in.readInt(), in.readLong(), start);
            case 'u': return new UUID(Long.reverseBytes(in.readLong()), Long.reverseBytes(in.readLong()));
            default:
                String shown = code >= 0x20 && code < 0x7F ? "'" + (char) code + "'" : String.format("0x%02X", code);
                throw new BlobFormatException("unknown code " + shown, start);
        }
    }

    /** Reads a framed value: a length, then exactly that many bytes holding one value. */
    Object readFramed() {
        long length = readSize("value length");
        in.require(length, "a framed value");
        long start = in.position();
        Object value = readValue();
        if (in.position() - start != length) {
            throw new BlobFormatException("framed length " + length + " but the value took " + (in.position() - start) + " bytes", start);
        }
        return value;
    }

    /** Reads a dimension, length or count: u64, or u32 for 32-bit mym blobs. */
    long readSize(String what) {
        long start = in.position();
        long size = sizeWidth == 4 ? Integer.toUnsignedLong(in.readInt()) : in.readLong();
        if (size < 0) {
            throw new BlobFormatException(what + " " + Long.toUnsignedString(size) + " is too large", start);
        }
        return size;
    }

    /** Reads a count of items that each take at least {@code minBytes}, checking the input can hold them. */
    int readCount(String what, long minBytes) {
        long start = in.position();
        long count = readSize(what);
        if (count > in.remaining() / minBytes || count > MAX_JAVA_ARRAY) {
            throw new BlobFormatException(what + " " + count + " cannot fit in the " + in.remaining() + " bytes left", start);
        }
        return (int) count;
    }

    /** The fewest bytes a framed value takes: its length field and a type code. */
    long minFramedBytes() {
        return sizeWidth + 1L;
    }

    private List<Object> readItems() {
        int count = readCount("item count", minFramedBytes());
        List<Object> items = new ArrayList<>(Math.min(count, MAX_PRESIZE));
        for (int i = 0; i < count; i++) {
            items.add(readFramed());
        }
        return items;
    }

    private Set<Object> readSet() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(readItems()));
    }

    private Map<Object, Object> readDict() {
        int count = readCount("entry count", 2 * minFramedBytes());
        Map<Object, Object> map = new LinkedHashMap<>(Math.min(count, MAX_PRESIZE) * 4 / 3 + 1);
        for (int i = 0; i < count; i++) {
            Object key = readFramed();
            map.put(key, readFramed());
        }
        return Collections.unmodifiableMap(map);
    }

    private String readText(String what) {
        return in.readUtf8(readLength(what));
    }

    private byte[] readBytes() {
        byte[] bytes = new byte[readLength("bytes")];
        in.readFully(bytes, 0, bytes.length);
        return bytes;
    }

    /** Reads the length of a run of bytes that follows, checking the input holds it and Java can. */
    private int readLength(String what) {
        long length = readSize(what + " length");
        in.require(length, what);
        if (length > MAX_JAVA_ARRAY) {
            throw in.error(what + " of " + length + " bytes is too large for a Java array");
        }
        return (int) length;
    }

    private BigInteger readInt() {
        int length = in.readShort() & 0xFFFF;
        in.require(length, "an integer");
        if (length <= 8) {
            long value = 0;
            for (int i = 0; i < length; i++) {
                value |= (long) in.readU8() << (8 * i);
            }
            int unused = 64 - 8 * length;
            return BigInteger.valueOf(length == 0 ? 0 : value << unused >> unused);
        }
        byte[] bigEndian = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            bigEndian[i] = (byte) in.readU8();
        }
        return new BigInteger(bigEndian);
    }

    private Decimal readDecimal() {
        long start = in.position();
        String text = readText("decimal");
        try {
            return new Decimal(text);
        } catch (IllegalArgumentException e) {
            throw new BlobFormatException("invalid decimal text '" + text + "'", start, e);
        }
    }
}
