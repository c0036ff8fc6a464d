package org.dovetail.blob;

/**
 * Settings for {@link Blob#decode(byte[], DecodeOptions)}; immutable, start from {@link #defaults()}.
 *
 * <pre>{@code
 * Object value = Blob.decode(bytes, DecodeOptions.defaults().with32BitDims(true));
 * }</pre>
 */
public final class DecodeOptions {
    private static final DecodeOptions DEFAULTS = new DecodeOptions(false, Integer.MAX_VALUE, 512);

    private final boolean use32BitDims;
    private final long maxDecompressedBytes;
    private final int maxDepth;

    private DecodeOptions(boolean use32BitDims, long maxDecompressedBytes, int maxDepth) {
        this.use32BitDims = use32BitDims;
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.maxDepth = maxDepth;
    }

    /**
     * 64-bit dimensions, at most 2 GiB decompressed, nesting at most 512 deep (deeper than
     * DataJoint-Python's recursive writer gets within Python's default recursion limit).
     */
    public static DecodeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reads blobs from the 32-bit MATLAB mym build: every dimension, shape entry, length and count
     * (and the ZL123 size field) is a u32 instead of a u64, as with DataJoint-Python's
     * {@code blob.use_32bit_dims = True}. Nothing in the bytes tells the variants apart.
     */
    public DecodeOptions with32BitDims(boolean enabled) {
        return new DecodeOptions(enabled, maxDecompressedBytes, maxDepth);
    }

    /** The largest decompressed size a compressed blob may declare. */
    public DecodeOptions withMaxDecompressedBytes(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must not be negative: " + limit);
        }
        return new DecodeOptions(use32BitDims, limit, maxDepth);
    }

    /** The deepest nesting of containers accepted (guards the stack). */
    public DecodeOptions withMaxDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + depth);
        }
        return new DecodeOptions(use32BitDims, maxDecompressedBytes, depth);
    }

    /** Whether dimensions and lengths are read as u32 (32-bit mym). */
    public boolean use32BitDims() {
        return use32BitDims;
    }

    /** The largest decompressed size accepted. */
    public long maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    /** The deepest nesting accepted. */
    public int maxDepth() {
        return maxDepth;
    }
}
