package org.dovetail;

/**
 * An object that a tracking row (and so a table row) refers to is not in its store: it was
 * deleted or moved behind DataJoint's back, or never finished uploading. DataJoint's
 * {@code MissingExternalFile}.
 */
public class MissingExternalFileException extends StoreException {
    private static final long serialVersionUID = 1L;

    public MissingExternalFileException(String message) {
        super(ErrorCode.MISSING_EXTERNAL_FILE, message);
    }
}
