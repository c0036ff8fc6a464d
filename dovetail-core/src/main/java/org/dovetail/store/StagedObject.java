package org.dovetail.store;

import java.nio.file.Path;
import java.util.UUID;

/**
 * An object that is in the store but not yet tracked: the result of an upload that ran before
 * the transaction that records it (so no transaction waits on a transfer). It keeps its source,
 * so that tracking can put the object back if a concurrent cleanup removed it in between.
 *
 * @param hash              the object's UUID
 * @param size              size in bytes
 * @param attachmentName    file name for attachments, else null
 * @param path              path relative to the store's location
 * @param content           the bytes to put back (a blob, or an attachment given as bytes), or null
 * @param file              the source file of an attachment, or null
 * @param trackedWhenStaged whether a tracking row existed when the object was staged (true when unknown)
 */
public record StagedObject(UUID hash, long size, String attachmentName, String path, byte[] content, Path file,
                           boolean trackedWhenStaged) {

    StagedObject withTrackedWhenStaged() {
        return new StagedObject(hash, size, attachmentName, path, content, file, true);
    }

    StagedObject untracked() {
        return new StagedObject(hash, size, attachmentName, path, content, file, false);
    }
}
