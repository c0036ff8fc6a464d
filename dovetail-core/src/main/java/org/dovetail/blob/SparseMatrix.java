package org.dovetail.blob;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A MATLAB sparse matrix (wire code {@code P}) in compressed-sparse-column form, as MATLAB's mym
 * writes it. Decode only: DataJoint-Python cannot read sparse matrices, so the encoder refuses them.
 *
 * <p>Column {@code c} holds the entries {@code columnPointers()[c]} up to
 * {@code columnPointers()[c + 1]}; entry {@code k} is at row {@code rowIndices()[k]}.
 */
public final class SparseMatrix {
    private final DType dtype;
    private final long rows;
    private final long cols;
    private final long[] columnPointers;
    private final long[] rowIndices;
    private final byte[] data;
    private final byte[] imag;

    SparseMatrix(DType dtype, long rows, long cols, long[] columnPointers, long[] rowIndices, byte[] data, byte[] imag) {
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.columnPointers = columnPointers;
        this.rowIndices = rowIndices;
        this.data = data;
        this.imag = imag;
    }

    /** The element type ({@code float64} or {@code bool} in practice). */
    public DType dtype() {
        return dtype;
    }

    /** The number of rows. */
    public long rows() {
        return rows;
    }

    /** The number of columns. */
    public long cols() {
        return cols;
    }

    /** {@code cols + 1} offsets into {@link #rowIndices()} (MATLAB's {@code jc}). */
    public long[] columnPointers() {
        return columnPointers.clone();
    }

    /** The row of each stored entry (MATLAB's {@code ir}). */
    public long[] rowIndices() {
        return rowIndices.clone();
    }

    /** Whether entries have imaginary parts. */
    public boolean isComplex() {
        return imag != null;
    }

    /** The stored entries (real parts) as an array of the matrix's dtype. */
    public NdArray values() {
        return new NdArray(dtype, new long[] {rowIndices.length}, data, null, null);
    }

    /** The imaginary parts of the stored entries. */
    public NdArray imagValues() {
        if (imag == null) {
            throw new IllegalStateException("sparse matrix is not complex");
        }
        return new NdArray(dtype, new long[] {rowIndices.length}, imag, null, null);
    }

    /** The matrix as a dense 2-d {@code float64} array (real parts). */
    public NdArray toDense() {
        int count = Shapes.checkedCount(new long[] {rows, cols});
        double[] values = values().toDoubleArray();
        byte[] dense = new byte[count * 8];
        ByteBuffer buffer = ByteBuffer.wrap(dense).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < cols; c++) {
            for (long k = columnPointers[c]; k < columnPointers[c + 1]; k++) {
                buffer.putDouble((int) ((c * rows + rowIndices[(int) k]) * 8), values[(int) k]);
            }
        }
        return new NdArray(DType.FLOAT64, new long[] {rows, cols}, dense, null, null);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SparseMatrix)) {
            return false;
        }
        SparseMatrix m = (SparseMatrix) o;
        return dtype == m.dtype && rows == m.rows && cols == m.cols && Arrays.equals(columnPointers, m.columnPointers)
            && Arrays.equals(rowIndices, m.rowIndices) && Arrays.equals(data, m.data) && Arrays.equals(imag, m.imag);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {rows, cols}) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SparseMatrix[" + dtype + ", " + rows + "x" + cols + ", " + rowIndices.length + " entries]";
    }
}
