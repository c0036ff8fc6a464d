package org.dovetail.spi;

import java.time.Instant;
import java.util.Map;

/**
 * An object in a store.
 *
 * @param path     path relative to the store's location, with {@code /} separators
 * @param size     size in bytes
 * @param metadata user metadata (S3 {@code x-amz-meta-*}; empty for file stores)
 * @param modified when the object was last written (a file's mtime, S3's {@code LastModified}), or null if unknown
 */
public record ObjectInfo(String path, long size, Map<String, String> metadata, Instant modified) {
    public ObjectInfo {
        metadata = Map.copyOf(metadata);
    }

    /** An object whose modification time is not known. */
    public ObjectInfo(String path, long size, Map<String, String> metadata) {
        this(path, size, metadata, null);
    }

    /**
     * True for a key ending in {@code /}: a folder marker, never a DataJoint object (see
     * {@link ObjectStore#list(String, java.util.function.Consumer, java.util.function.Consumer)}).
     */
    public boolean isFolderMarker() {
        return path.endsWith("/");
    }
}
