package org.dovetail;

/** The bucket of an S3 store does not exist or the credentials may not use it. DataJoint's {@code BucketInaccessible}. */
public class BucketInaccessibleException extends StoreException {
    private static final long serialVersionUID = 1L;

    public BucketInaccessibleException(String message, Throwable cause) {
        super(ErrorCode.BUCKET_INACCESSIBLE, message, cause);
    }
}
