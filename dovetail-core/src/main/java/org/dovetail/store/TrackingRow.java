package org.dovetail.store;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.dovetail.internal.store.ObjectPaths;

/**
 * One row of {@code ~external_<store>}: an object the schema's tables may refer to.
 *
 * @param hash           the object's UUID (the value stored in referencing columns)
 * @param size           size of the object in bytes
 * @param attachmentName file name of an attachment, else null
 * @param filepath       relative path of a filepath object (or of a migrated 0.11 blob), else null
 * @param contentsHash   MD5 of a filepath object's contents, or null
 * @param timestamp      when the row was written or last re-used
 */
public record TrackingRow(UUID hash, long size, String attachmentName, String filepath, UUID contentsHash,
                          LocalDateTime timestamp) {

    /** What kind of object the row tracks. */
    public enum Kind { BLOB, ATTACHMENT, FILEPATH }

    public Kind kind() {
        if (attachmentName != null) {
            return Kind.ATTACHMENT;
        }
        return filepath != null ? Kind.FILEPATH : Kind.BLOB;
    }

    /**
     * Where the object is, relative to the store's location: the recorded {@code filepath} if any
     * (filepath objects and migrated 0.11 blobs), else the hash path under the schema folder.
     */
    public String objectPath(String schema, List<Integer> subfolding) {
        if (filepath != null && attachmentName == null) {
            return filepath;
        }
        return attachmentName != null
                ? ObjectPaths.attachment(schema, hash, attachmentName, subfolding)
                : ObjectPaths.blob(schema, hash, subfolding);
    }
}
