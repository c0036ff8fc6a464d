package org.dovetail.blob;

/**
 * Settings for {@link Blob#encode(Object, EncodeOptions)}; immutable, start from {@link #defaults()}.
 *
 * <pre>{@code
 * byte[] forMatlab = Blob.encode(value, EncodeOptions.defaults().withPythonNative(false));
 * }</pre>
 */
public final class EncodeOptions {
    private static final EncodeOptions DEFAULTS = new EncodeOptions(true, true, 512);

    private final boolean compress;
    private final boolean pythonNative;
    private final int maxDepth;

    private EncodeOptions(boolean compress, boolean pythonNative, int maxDepth) {
        this.compress = compress;
        this.pythonNative = pythonNative;
        this.maxDepth = maxDepth;
    }

    /** What DataJoint-Python's insert does: compress, allow dj0 (Python-native) values; nesting up to 512 deep. */
    public static EncodeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Whether to apply the zlib rule: blobs over 1000 bytes are compressed and kept compressed
     * only if that makes them smaller.
     */
    public EncodeOptions withCompression(boolean enabled) {
        return new EncodeOptions(enabled, pythonNative, maxDepth);
    }

    /**
     * Whether values outside MATLAB's vocabulary (which force the {@code dj0} protocol) are
     * allowed, like DataJoint-Python's {@code enable_python_native_blobs}. When false, encoding
     * such a value fails, so every blob written stays readable by MATLAB.
     */
    public EncodeOptions withPythonNative(boolean enabled) {
        return new EncodeOptions(compress, enabled, maxDepth);
    }

    /** The deepest nesting written (guards the stack and catches cyclic structures). */
    public EncodeOptions withMaxDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + depth);
        }
        return new EncodeOptions(compress, pythonNative, depth);
    }

    /** Whether compression is applied. */
    public boolean compress() {
        return compress;
    }

    /** Whether dj0 values are allowed. */
    public boolean pythonNative() {
        return pythonNative;
    }

    /** The deepest nesting written. */
    public int maxDepth() {
        return maxDepth;
    }
}
