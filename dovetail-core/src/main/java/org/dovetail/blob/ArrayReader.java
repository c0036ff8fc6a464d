package org.dovetail.blob;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the MATLAB and numpy array codes: {@code A} n-d arrays, {@code S} structs, {@code C}
 * cells, {@code F} record arrays and {@code P} sparse matrices. Every count is checked against the
 * bytes left before anything is allocated for it.
 */
final class ArrayReader {
    private final Decoder decoder;
    private final Input in;

    ArrayReader(Decoder decoder, Input in) {
        this.decoder = decoder;
        this.in = in;
    }

    NdArray readArray() {
        long start = in.position() - 1;
        long[] shape = readShape();
        long classId = Integer.toUnsignedLong(in.readInt());
        boolean complexFlag = in.readInt() != 0;
        DType dtype = DType.forClassId(classId)
            .orElseThrow(() -> new BlobFormatException("array class id " + classId + " is not an array type", start));
        int count = elementCount(shape, start);
        if (dtype == DType.OBJECT) {
            checkFits(count, decoder.minFramedBytes(), "object array");
            Object[] items = new Object[count];
            for (int i = 0; i < count; i++) {
                items[i] = decoder.readFramed();
            }
            return new NdArray(DType.OBJECT, shape, null, null, items);
        }
        // Python ignores the complex flag of char arrays; numeric ones read a second part.
        boolean complex = complexFlag && dtype != DType.CHAR;
        if (complex && !dtype.isNumeric()) {
            throw new BlobFormatException("a " + dtype + " array cannot be complex", start);
        }
        byte[] data = readPayload((long) count * dtype.itemSize(), complex ? 2 : 1);
        byte[] imag = complex ? readPayload((long) count * dtype.itemSize(), 1) : null;
        return new NdArray(dtype, shape, data, imag, null);
    }

    MatStruct readStruct() {
        long start = in.position() - 1;
        long[] shape = readShape();
        int count = elementCount(shape, start);
        List<String> fields = readFieldNames(Integer.toUnsignedLong(in.readInt()));
        Object[] values = new Object[0];
        if (!fields.isEmpty()) {
            long total = (long) count * fields.size();
            checkFits(total, decoder.minFramedBytes(), "struct");
            values = new Object[(int) total];
            for (int i = 0; i < values.length; i++) {
                values[i] = decoder.readFramed();
            }
        }
        return new MatStruct(shape, fields, values);
    }

    MatCell readCell() {
        long start = in.position() - 1;
        long[] shape = readShape();
        int count = elementCount(shape, start);
        checkFits(count, decoder.minFramedBytes(), "cell");
        Object[] items = new Object[count];
        for (int i = 0; i < count; i++) {
            items[i] = decoder.readFramed();
        }
        return new MatCell(shape, items);
    }

    RecordArray readRecordArray() {
        long start = in.position() - 1;
        List<String> names = readFieldNames(Integer.toUnsignedLong(in.readInt()));
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String name : names) {
            long columnStart = in.position();
            Object column = decoder.readValue();
            if (!(column instanceof NdArray) && !(column instanceof RecordArray)) {
                throw new BlobFormatException("record field '" + name + "' is not an array", columnStart);
            }
            columns.put(name, column);
        }
        try {
            return RecordArray.of(columns);
        } catch (IllegalArgumentException e) {
            throw new BlobFormatException("record array fields disagree: " + e.getMessage(), start, e);
        }
    }

    SparseMatrix readSparse() {
        long start = in.position() - 1;
        long rows = decoder.readSize("sparse rows");
        long cols = decoder.readSize("sparse columns");
        long nzmax = decoder.readSize("sparse capacity");
        long classId = Integer.toUnsignedLong(in.readInt());
        boolean complex = in.readInt() != 0;
        DType dtype = DType.forClassId(classId)
            .filter(t -> t.isNumeric() || t == DType.BOOL)
            .orElseThrow(() -> new BlobFormatException("sparse class id " + classId + " is not numeric or logical", start));
        if (complex && !dtype.isNumeric()) {
            throw new BlobFormatException("a logical sparse matrix cannot be complex", start);
        }
        long width = decoder.minFramedBytes() - 1;
        checkFits(cols + 1, width, "sparse column pointers");
        long[] jc = new long[(int) (cols + 1)];
        for (int i = 0; i < jc.length; i++) {
            jc[i] = decoder.readSize("column pointer");
        }
        checkFits(nzmax, width, "sparse row indices");
        long[] ir = new long[(int) nzmax];
        for (int i = 0; i < ir.length; i++) {
            ir[i] = decoder.readSize("row index");
        }
        checkSparseIndices(rows, nzmax, jc, ir, start);
        byte[] data = readPayload(nzmax * dtype.itemSize(), complex ? 2 : 1);
        byte[] imag = complex ? readPayload(nzmax * dtype.itemSize(), 1) : null;
        return new SparseMatrix(dtype, rows, cols, jc, ir, data, imag);
    }

    private static void checkSparseIndices(long rows, long nzmax, long[] jc, long[] ir, long start) {
        if (jc[0] != 0 || jc[jc.length - 1] > nzmax) {
            throw new BlobFormatException("sparse column pointers must run from 0 to at most " + nzmax, start);
        }
        for (int c = 1; c < jc.length; c++) {
            if (jc[c] < jc[c - 1]) {
                throw new BlobFormatException("sparse column pointers decrease at column " + c, start);
            }
        }
        for (long row : ir) {
            if (row >= rows) {
                throw new BlobFormatException("sparse row index " + row + " is outside " + rows + " rows", start);
            }
        }
    }

    private long[] readShape() {
        long ndim = decoder.readSize("ndim");
        long width = decoder.minFramedBytes() - 1;
        checkFits(ndim, width, "shape");
        long[] shape = new long[(int) ndim];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = decoder.readSize("dimension");
        }
        return shape;
    }

    private int elementCount(long[] shape, long start) {
        long count = Shapes.elementCount(shape);
        if (count < 0) {
            throw new BlobFormatException("shape " + Arrays.toString(shape) + " has too many elements", start);
        }
        return (int) count;
    }

    /** Reads {@code bytes} of payload, checking that {@code parts} such payloads fit. */
    private byte[] readPayload(long bytes, int parts) {
        if (bytes > Decoder.MAX_JAVA_ARRAY) {
            throw in.error("array payload of " + bytes + " bytes is too large for a Java array");
        }
        in.require(bytes * parts, "array payload");
        byte[] data = new byte[(int) bytes];
        in.readFully(data, 0, data.length);
        return data;
    }

    private void checkFits(long count, long minBytes, String what) {
        if (count < 0 || count > in.remaining() / minBytes || count > Decoder.MAX_JAVA_ARRAY) {
            throw in.error(what + " of " + count + " entries cannot fit in the " + in.remaining() + " bytes left");
        }
    }

    private List<String> readFieldNames(long count) {
        checkFits(count, 1, "field list");
        List<String> names = new ArrayList<>((int) count);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < count; i++) {
            long start = in.position();
            String name = readZeroTerminated();
            if (!seen.add(name)) {
                throw new BlobFormatException("duplicate field name '" + name + "'", start);
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private String readZeroTerminated() {
        long start = in.position();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.readU8(); b != 0; b = in.readU8()) {
            bytes.write(b);
        }
        byte[] name = bytes.toByteArray();
        return Utf8.decode(name, 0, name.length, start);
    }
}
