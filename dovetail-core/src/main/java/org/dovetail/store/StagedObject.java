package org.dovetail.store;

import java.util.UUID;

/**
 * An object that is in the store but not yet tracked: the result of an upload that ran before
 * the transaction that records it (so no transaction waits on a transfer).
 *
 * @param hash           the object's UUID
 * @param size           size in bytes
 * @param attachmentName file name for attachments, else null
 * @param path           path relative to the store's location
 */
public record StagedObject(UUID hash, long size, String attachmentName, String path) {}
