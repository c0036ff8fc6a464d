package org.dovetail.blob;

import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/**
 * Bytes that are not a valid DataJoint blob: unknown header or type code, truncated data, a
 * length that the input cannot back, a bad zlib stream, trailing bytes. The message and
 * {@link #offset()} say where decoding stopped.
 */
public class BlobFormatException extends DovetailException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param problem what was wrong
     * @param offset the byte offset where it was found (in the decompressed data for compressed blobs)
     */
    public BlobFormatException(String problem, long offset) {
        super(ErrorCode.BLOB_FORMAT, "invalid blob at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /**
     * @param problem what was wrong
     * @param offset the byte offset where it was found
     * @param cause the underlying error
     */
    public BlobFormatException(String problem, long offset, Throwable cause) {
        super(ErrorCode.BLOB_FORMAT, "invalid blob at offset " + offset + ": " + problem, cause);
        this.offset = offset;
    }

    private BlobFormatException(String message, Throwable cause, long offset) {
        super(ErrorCode.BLOB_FORMAT, message, cause);
        this.offset = offset;
    }

    /**
     * The same error, saying where the blob was read from.
     *
     * @param where e.g. {@code "attribute `trace`"}
     * @return a new exception with {@code (where)} appended to the message, this one as its cause
     */
    public BlobFormatException in(String where) {
        return new BlobFormatException(getMessage() + " (" + where + ")", this, offset);
    }

    /** The byte offset where decoding failed (in the decompressed data for compressed blobs), -1 if unknown. */
    public long offset() {
        return offset;
    }
}
