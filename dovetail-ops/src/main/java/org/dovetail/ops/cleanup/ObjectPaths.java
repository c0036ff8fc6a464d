package org.dovetail.ops.cleanup;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dovetail.hash.ContentHash;

/**
 * What a path in a store can be, read from its shape: where DataJoint puts blobs and attachments
 * ({@code <schema>/<folds>/<32 hex>[.<name>]}), the temporary names of unfinished uploads, and the
 * hashes under which a tracking row would name the path.
 */
final class ObjectPaths {
    private ObjectPaths() {}

    /**
     * The path without the suffix of an unfinished upload, or null when it has none: Dovetail's
     * {@code <name>.saving.<8 hex>}, DataJoint-Python's {@code <name>.saving} ({@code safe_write})
     * and {@code <name>.copying} ({@code safe_copy}).
     */
    static String withoutTempSuffix(String path) {
        int at = path.lastIndexOf(".saving.");
        if (at > 0 && path.length() - at == ".saving.".length() + 8 && isHex(path.substring(at + ".saving.".length()))) {
            return path.substring(0, at);
        }
        for (String suffix : List.of(".saving", ".copying")) {
            if (path.endsWith(suffix) && path.length() > suffix.length()) {
                return path.substring(0, path.length() - suffix.length());
            }
        }
        return null;
    }

    /**
     * The schema folder of a blob or attachment path laid out with one of these subfoldings, or
     * null when the path is not shaped so.
     */
    static String schemaOf(String path, List<List<Integer>> subfoldings) {
        String[] parts = path.split("/", -1);
        for (List<Integer> folds : subfoldings) {
            if (parts.length != folds.size() + 2 || parts[0].isEmpty()) {
                continue;
            }
            String name = parts[parts.length - 1];
            if (name.length() < 32 || !isHex(name.substring(0, 32)) || (name.length() > 32 && name.charAt(32) != '.')) {
                continue;
            }
            String hex = name.substring(0, 32);
            boolean ok = true;
            int from = 0;
            for (int i = 0; i < folds.size() && ok; i++) {
                ok = parts[i + 1].equals(hex.substring(from, from + folds.get(i)));
                from += folds.get(i);
            }
            if (ok) {
                return parts[0];
            }
        }
        return null;
    }

    /** The hash in a blob or attachment file name (its first 32 hex digits). */
    static UUID blobHash(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String hex = name.substring(0, 32);
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    /** The hash of a {@code filepath} row for this relative path (DataJoint: the MD5 of the path string). */
    static UUID filepathHash(String path) {
        return ContentHash.uuidFromBuffer(new byte[0], path);
    }

    /** Every subfolding of the group's stores. */
    static List<List<Integer>> subfoldings(StoreGroup group, List<Integer> own) {
        List<List<Integer>> all = new ArrayList<>();
        all.add(own);
        group.tables().forEach(t -> {
            if (!all.contains(t.subfolding())) {
                all.add(t.subfolding());
            }
        });
        return all;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
