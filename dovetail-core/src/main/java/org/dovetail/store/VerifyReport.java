package org.dovetail.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What {@link StoreVerifier} found: every tracking row checked against its object, and the
 * objects in the schemas' folders that no row tracks.
 *
 * @param store         the store
 * @param schemas       the schemas checked
 * @param deep          whether contents were hashed
 * @param rows          tracking rows checked
 * @param objects       objects seen in the schemas' folders
 * @param folderMarkers keys ending in {@code /} seen there: folder markers that consoles, sync
 *                      tools or servers listing directories leave; not objects, never a problem
 * @param findings      every problem found, in the order found
 */
public record VerifyReport(String store, List<String> schemas, boolean deep, long rows, long objects, long folderMarkers,
                           List<Finding> findings) {
    public VerifyReport {
        schemas = List.copyOf(schemas);
        findings = List.copyOf(findings);
    }

    /** Kinds of problems. */
    public enum Kind {
        /** A row's object is not in the store. */
        MISSING,
        /** A row's object has another size than recorded. */
        SIZE_MISMATCH,
        /** A row's object hashes to something else than recorded (only with deep checking). */
        CONTENTS_MISMATCH,
        /** An object in a schema's folder that no row tracks. */
        UNTRACKED,
        /** A temporary file left by an interrupted write. */
        INCOMPLETE_UPLOAD
    }

    /**
     * @param kind   what is wrong
     * @param schema the schema
     * @param hash   the tracking row, or null for untracked objects
     * @param path   the object's address
     * @param detail sizes or hashes involved
     */
    public record Finding(Kind kind, String schema, UUID hash, String path, String detail) {}

    /** True when nothing was found. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /** Number of findings per kind (every kind listed, zeros included). */
    public Map<Kind, Long> counts() {
        Map<Kind, Long> counts = new TreeMap<>();
        for (Kind kind : Kind.values()) {
            counts.put(kind, findings.stream().filter(f -> f.kind() == kind).count());
        }
        return counts;
    }
}
