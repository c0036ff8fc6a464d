package org.dovetail.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.dovetail.StoreException;
import org.dovetail.hash.ContentHash;

/**
 * Where a fetched attachment goes, as DataJoint decides it: {@code <dir>/<name>} if that file is
 * absent or already holds this attachment; otherwise {@code <stem>_0000<suffix>},
 * {@code <stem>_0001<suffix>}, ... — the first that holds it, else the first that is free.
 */
public final class AttachmentFiles {
    private AttachmentFiles() {}

    /** An attachment's hash: MD5 of its name, a NUL byte, and its contents. */
    public static UUID hash(String name, Path file) {
        return ContentHash.uuidFromFile(file, name + "\0");
    }

    /**
     * The file to use for an attachment in {@code dir}.
     *
     * @return the path, and whether it already holds the attachment (nothing to write)
     */
    public static Placement place(Path dir, String name, UUID hash) {
        Path first = dir.resolve(name);
        if (!Files.exists(first) || holds(first, name, hash)) {
            return new Placement(first, Files.exists(first));
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String suffix = dot > 0 ? name.substring(dot) : "";
        for (int i = 0; i <= 0xffff; i++) {
            Path candidate = dir.resolve(stem + "_" + String.format("%04x", i) + suffix);
            if (!Files.exists(candidate)) {
                return new Placement(candidate, false);
            }
            if (holds(candidate, name, hash)) {
                return new Placement(candidate, true);
            }
        }
        throw new StoreException("No free file name for attachment " + name + " in " + dir + " (65536 versions exist)");
    }

    private static boolean holds(Path file, String name, UUID hash) {
        return Files.isRegularFile(file) && hash(name, file).equals(hash);
    }

    /**
     * @param path    the file
     * @param present true if it already holds the attachment
     */
    public record Placement(Path path, boolean present) {}
}
