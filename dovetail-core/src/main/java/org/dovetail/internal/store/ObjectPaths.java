package org.dovetail.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.hash.Subfolding;

/** Where DataJoint puts each kind of object inside a store (paths relative to the location). */
public final class ObjectPaths {
    private ObjectPaths() {}

    /** {@code <schema>/<fold(hex)>/<hex>}, e.g. {@code lab/7c/86/7c86ec03cff623dddc703a11559e8310}. */
    public static String blob(String schema, UUID hash, List<Integer> subfolding) {
        String hex = UuidBytes.toHex(hash);
        StringBuilder sb = new StringBuilder(schema).append('/');
        for (String fold : Subfolding.subfold(hex, subfolding)) {
            sb.append(fold).append('/');
        }
        return sb.append(hex).toString();
    }

    /** {@code <schema>/<fold(hex)>/<hex>.<name>}: the attachment's file name is appended literally. */
    public static String attachment(String schema, UUID hash, String name, List<Integer> subfolding) {
        return blob(schema, hash, subfolding) + "." + name;
    }

    /**
     * The key prefix of an S3 store's {@code location}, as DataJoint-Python (before Python 3.12)
     * computes it: backslashes become slashes, a first component holding a drive or scheme
     * ({@code C:}, {@code s3:}) is dropped, leading slashes, empty and {@code .} segments vanish;
     * the result is empty or ends with {@code /}. Examples: {@code /dj/repo} → {@code dj/repo/},
     * {@code f:\data\x} → {@code data/x/}, {@code s3://bucket/x} → {@code bucket/x/}.
     */
    public static String s3KeyPrefix(String location) {
        String[] parts = (location == null ? "" : location.replace('\\', '/')).split("/");
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = parts[i];
            if (i == 0 && segment.contains(":")) {
                continue;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? "" : String.join("/", segments) + "/";
    }
}
