package org.dovetail.blob;

import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/**
 * A value the encoder cannot write as a blob: an unsupported Java type, something DataJoint-Python
 * could not read (a sparse matrix, a date before year 1), nesting too deep (or cyclic), or a
 * malformed canonical JSON tree. The message names the offending value's path, e.g. {@code $[2].key}.
 */
public class BlobValueException extends DovetailException {
    private static final long serialVersionUID = 1L;

    /** @param message what cannot be encoded and where */
    public BlobValueException(String message) {
        super(ErrorCode.BLOB_VALUE, message);
    }

    /**
     * @param message what cannot be encoded and where
     * @param cause the underlying error
     */
    public BlobValueException(String message, Throwable cause) {
        super(ErrorCode.BLOB_VALUE, message, cause);
    }
}
