package org.dovetail.blob;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one value tree as DataJoint-Python 0.14 would: the protocol tag is {@code mYm} unless
 * some node is outside MATLAB's vocabulary, then {@code dj0}; then the compression rule.
 * One instance per blob.
 */
final class Encoder {
    private final Output out;
    private final EncodeOptions options;
    private boolean dj0;
    private int depth;

    private Encoder(EncodeOptions options, int capacity) {
        this.options = options;
        this.out = new Output(capacity);
    }

    static byte[] encode(Object value, EncodeOptions options) {
        if (value instanceof RawBlob) {
            return ((RawBlob) value).bytes();
        }
        Encoder encoder = new Encoder(options, sizeHint(value));
        encoder.out.writeBytes(Envelope.MYM);
        try {
            encoder.write(value);
        } catch (Failure failure) {
            throw new BlobValueException(failure.getMessage() + " (at $" + failure.path + ")", failure.getCause());
        } catch (IllegalArgumentException tooLarge) {
            throw new BlobValueException(tooLarge.getMessage(), tooLarge);
        } catch (StackOverflowError e) {
            throw new BlobValueException("values nested too deep for this thread's stack (a cycle?)");
        }
        if (encoder.dj0) {
            encoder.out.putBytesAt(0, Envelope.DJ0);
        }
        return options.compress()
            ? Compression.apply(encoder.out.buffer(), encoder.out.size())
            : Arrays.copyOf(encoder.out.buffer(), encoder.out.size());
    }

    /** Sizes the buffer for a large array up front so that it is written without regrowing. */
    private static int sizeHint(Object value) {
        if (value instanceof NdArray && ((NdArray) value).rawData() != null) {
            NdArray array = (NdArray) value;
            long bytes = 64L + 8L * array.ndim() + array.rawData().length * (array.isComplex() ? 2L : 1L);
            return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
        }
        return 256;
    }

    private void write(Object value) {
        if (++depth > options.maxDepth()) {
            throw new Failure("values nested deeper than " + options.maxDepth() + " (a cycle?)", null);
        }
        writeBody(value);
        depth--;
    }

    private void writeBody(Object value) {
        if (value instanceof NdArray) {
            writeArray((NdArray) value);
        } else if (value instanceof MatStruct) {
            writeStruct((MatStruct) value);
        } else if (value instanceof MatCell) {
            writeCell((MatCell) value);
        } else {
            writeNative(value);
        }
    }

    private void writeNative(Object value) {
        if (value instanceof byte[]) {
            requireDj0(value);
            writeBytes(0x06, (byte[]) value);
        } else if (value != null && JavaArrays.isPrimitiveNest(value)) {
            writeArray(toNdArray(value));
        } else if (value instanceof SparseMatrix) {
            throw new Failure("sparse matrices cannot be written: DataJoint-Python cannot read them", null);
        } else if (value instanceof RawBlob) {
            throw new Failure("a RawBlob can only be a whole blob, not part of one", null);
        } else {
            requireDj0(value);
            writePython(value);
        }
    }

    private void writePython(Object value) {
        if (value == null) {
            out.writeU8(0xFF);
        } else if (value instanceof String) {
            writeBytes(0x05, utf8((String) value));
        } else if (value instanceof Boolean) {
            out.writeU8(0x0B);
            out.writeU8((Boolean) value ? 1 : 0);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            writeInteger(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            writeInteger((BigInteger) value);
        } else if (value instanceof Double || value instanceof Float) {
            out.writeU8(0x0D);
            out.writeLong(Double.doubleToRawLongBits(((Number) value).doubleValue()));
        } else if (value instanceof Complex) {
            out.writeU8(0x0C);
            out.writeLong(Double.doubleToRawLongBits(((Complex) value).re()));
            out.writeLong(Double.doubleToRawLongBits(((Complex) value).im()));
        } else if (value instanceof Decimal) {
            writeBytes('d', utf8(((Decimal) value).text()));
        } else if (value instanceof BigDecimal) {
            writeBytes('d', utf8(value.toString()));
        } else if (value instanceof UUID) {
            out.writeU8('u');
            out.writeLong(Long.reverseBytes(((UUID) value).getMostSignificantBits()));
            out.writeLong(Long.reverseBytes(((UUID) value).getLeastSignificantBits()));
        } else if (value instanceof RecordArray) {
            writeRecordArray((RecordArray) value);
        } else if (value instanceof Tuple) {
            writeItems(0x01, ((Tuple) value).items());
        } else if (value instanceof List) {
            writeItems(0x02, (List<?>) value);
        } else if (value instanceof Set) {
            writeItems(0x03, (Set<?>) value);
        } else if (value instanceof Map) {
            writeDict((Map<?, ?>) value);
        } else {
            writeTemporal(value);
        }
    }

    private void writeTemporal(Object value) {
        LocalDateTime dateTime = value instanceof OffsetDateTime ? ((OffsetDateTime) value).toLocalDateTime()
            : value instanceof ZonedDateTime ? ((ZonedDateTime) value).toLocalDateTime()
            : value instanceof LocalDateTime ? (LocalDateTime) value : null;
        LocalDate date = dateTime != null ? dateTime.toLocalDate() : value instanceof LocalDate ? (LocalDate) value : null;
        LocalTime time = dateTime != null ? dateTime.toLocalTime() : value instanceof LocalTime ? (LocalTime) value : null;
        if (date == null && time == null) {
            throw new Failure("cannot encode a " + value.getClass().getName()
                + "; see Blob.encode for the supported types", null);
        }
        try {
            out.writeU8('t');
            out.writeInt(date == null ? (int) DateTimes.ABSENT : DateTimes.encodeDate(date));
            out.writeLong(time == null ? DateTimes.ABSENT : DateTimes.encodeTime(time));
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage(), e);
        }
    }

    private void writeInteger(long value) {
        long magnitude = Math.abs(value);
        int bitLength = 64 - Long.numberOfLeadingZeros(magnitude);
        int length = bitLength / 8 + 1;
        out.writeU8(0x0A);
        out.writeShort(length);
        for (int i = 0; i < length; i++) {
            out.writeU8(i < 8 ? (int) (value >> (8 * i)) : (int) (value >> 63));
        }
    }

    private void writeInteger(BigInteger value) {
        if (value.bitLength() < 64) {
            writeInteger(value.longValue());
            return;
        }
        // Python sizes by the magnitude's bit length; BigInteger.bitLength() of a negative differs.
        int length = value.abs().bitLength() / 8 + 1;
        if (length > 0xFFFF) {
            throw new Failure("integer needs " + length + " bytes; blobs hold at most 65535", null);
        }
        byte[] bigEndian = value.toByteArray();
        out.writeU8(0x0A);
        out.writeShort(length);
        for (int i = 0; i < length; i++) {
            out.writeU8(i < bigEndian.length ? bigEndian[bigEndian.length - 1 - i] : value.signum() < 0 ? 0xFF : 0);
        }
    }

    private void writeArray(NdArray array) {
        DType dtype = array.dtype();
        if (dtype == DType.OBJECT || dtype.isDatetime() || (array.ndim() == 0 && dtype != DType.CHAR)) {
            requireDj0(array);
        }
        out.writeU8('A');
        writeShape(array.shape());
        out.writeInt(dtype.classId());
        out.writeInt(array.isComplex() ? 1 : 0);
        if (dtype == DType.OBJECT) {
            Object[] items = array.rawItems();
            for (int i = 0; i < items.length; i++) {
                writeFramed(items[i], i);
            }
        } else {
            out.writeBytes(array.rawData());
            if (array.isComplex()) {
                out.writeBytes(array.rawImag());
            }
        }
    }

    private void writeStruct(MatStruct struct) {
        out.writeU8('S');
        writeShape(struct.shape());
        List<String> fields = struct.fieldNames();
        out.writeInt(fields.size());
        writeNames(fields);
        List<Object> values = struct.values();
        for (int i = 0; i < values.size(); i++) {
            writeFramed(values.get(i), fields.get(i % fields.size()));
        }
    }

    private void writeCell(MatCell cell) {
        out.writeU8('C');
        writeShape(cell.shape());
        List<Object> items = cell.items();
        for (int i = 0; i < items.size(); i++) {
            writeFramed(items.get(i), i);
        }
    }

    private void writeRecordArray(RecordArray records) {
        out.writeU8('F');
        out.writeInt(records.fields().size());
        writeNames(records.fields().keySet());
        for (Map.Entry<String, Object> column : records.fields().entrySet()) {
            try {
                write(column.getValue());
            } catch (Failure failure) {
                throw failure.at("." + column.getKey());
            }
        }
    }

    private void writeItems(int code, Collection<?> items) {
        out.writeU8(code);
        out.writeLong(items.size());
        int i = 0;
        for (Object item : items) {
            writeFramed(item, i++);
        }
    }

    private void writeDict(Map<?, ?> map) {
        out.writeU8(0x04);
        out.writeLong(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            writeFramed(entry.getKey(), "<key " + entry.getKey() + ">");
            writeFramed(entry.getValue(), entry.getKey());
        }
    }

    /** Writes a u64 length, then the value, then fills in the length. */
    private void writeFramed(Object value, Object pathSegment) {
        int lengthAt = out.size();
        out.writeLong(0);
        try {
            write(value);
        } catch (Failure failure) {
            throw failure.at(pathSegment instanceof Integer ? "[" + pathSegment + "]" : "." + pathSegment);
        }
        out.putLongAt(lengthAt, out.size() - lengthAt - 8);
    }

    private void writeShape(long[] shape) {
        out.writeLong(shape.length);
        for (long dim : shape) {
            out.writeLong(dim);
        }
    }

    private void writeNames(Collection<String> names) {
        for (String name : names) {
            out.writeBytes(utf8(name));
            out.writeU8(0);
        }
    }

    private void writeBytes(int code, byte[] bytes) {
        out.writeU8(code);
        out.writeLong(bytes.length);
        out.writeBytes(bytes);
    }

    private static NdArray toNdArray(Object javaArray) {
        try {
            return JavaArrays.toNdArray(javaArray);
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage(), e);
        }
    }

    private static byte[] utf8(String text) {
        try {
            return Utf8.encode(text);
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage(), e);
        }
    }

    /** Marks the blob as dj0, failing if Python-native values are disabled. */
    private void requireDj0(Object value) {
        if (!options.pythonNative()) {
            throw new Failure("a " + describe(value) + " needs the dj0 protocol, but Python-native values are disabled"
                + " (MATLAB cannot read them)", null);
        }
        dj0 = true;
    }

    private static String describe(Object value) {
        if (value instanceof NdArray) {
            NdArray array = (NdArray) value;
            return array.ndim() == 0 ? "0-d " + array.dtype() + " array" : array.dtype() + " array";
        }
        return value == null ? "None" : value.getClass().getSimpleName();
    }

    /** An encoding error on its way up, collecting the path to the offending value. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private String path = "";

        Failure(String message, Throwable cause) {
            super(message, cause, false, false);
        }

        Failure at(String segment) {
            path = segment + path;
            return this;
        }
    }
}
