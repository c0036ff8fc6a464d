package org.dovetail.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        return place(dir, name, hash, Map.of());
    }

    /**
     * {@link #place(Path, String, UUID)} while other downloads into {@code dir} are still to
     * come: {@code planned} maps the files they will write to their hashes, and each counts as
     * already holding its attachment, so a batch is placed as one download after another would be.
     */
    static Placement place(Path dir, String name, UUID hash, Map<Path, UUID> planned) {
        Path first = dir.resolve(name);
        Occupant occupant = occupant(first, name, hash, planned);
        if (occupant != Occupant.OTHER) {
            return new Placement(first, occupant == Occupant.THIS);
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String suffix = dot > 0 ? name.substring(dot) : "";
        for (int i = 0; i <= 0xffff; i++) {
            Path candidate = dir.resolve(stem + "_" + String.format("%04x", i) + suffix);
            occupant = occupant(candidate, name, hash, planned);
            if (occupant != Occupant.OTHER) {
                return new Placement(candidate, occupant == Occupant.THIS);
            }
        }
        throw new StoreException("No free file name for attachment " + name + " in " + dir + " (65536 versions exist)");
    }

    /** What is (or will be) at a path. */
    private enum Occupant { NONE, THIS, OTHER }

    private static Occupant occupant(Path file, String name, UUID hash, Map<Path, UUID> planned) {
        UUID coming = planned.get(file);
        if (coming != null) {
            return coming.equals(hash) ? Occupant.THIS : Occupant.OTHER;
        }
        if (!Files.exists(file)) {
            return Occupant.NONE;
        }
        return holds(file, name, hash) ? Occupant.THIS : Occupant.OTHER;
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
