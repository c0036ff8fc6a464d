package org.dovetail.ops.migrate;

/**
 * What {@code relocate} did: migrated blobs copied from their legacy paths to the current layout
 * and their references switched to ordinary blob hashes.
 *
 * @param schema         the schema
 * @param objectsCopied  objects written at their current-layout path (those already there are not copied again)
 * @param objectsInPlace objects that were already at their current-layout path
 * @param references     references switched to the blob hash
 * @param oldRows        migrated tracking rows removed (nothing referred to them any more)
 * @param oldObjects     legacy objects deleted (only when asked)
 * @param skipped        migrated objects left as they were (missing from the store, no contents hash)
 */
public record RelocateReport(String schema, long objectsCopied, long objectsInPlace, long references, long oldRows,
                             long oldObjects, long skipped) {}
