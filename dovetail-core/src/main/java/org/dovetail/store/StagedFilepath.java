package org.dovetail.store;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A {@code filepath} value read and hashed before the insert's transaction, not yet tracked: what
 * {@link ExternalStore#trackFilepaths} records (and copies to the store where needed).
 *
 * @param hash         the value stored in the column: the hash of the path relative to the stage
 * @param relativePath the path relative to the store's stage, with {@code /}
 * @param file         the file itself (absolute)
 * @param size         size in bytes
 * @param contentsHash MD5 of the contents, or null above {@code filepath_checksum_size_limit_insert}
 */
public record StagedFilepath(UUID hash, String relativePath, Path file, long size, UUID contentsHash) {
}
