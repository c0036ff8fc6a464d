package org.dovetail.hash;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.InvalidValueException;
import org.dovetail.internal.hash.Digests;

/**
 * DataJoint's {@code key_hash}: the job-reservation identity of a primary key in {@code ~jobs}.
 *
 * <p>It is the lowercase hex MD5 of the UTF-8 text of {@code str(value)} for every entry, entries
 * sorted by attribute name, concatenated without separators. Names are not hashed, so
 * {@code {a: "1", b: "23"}} and {@code {a: "12", b: "3"}} collide, as they do in Python.
 *
 * <p>Values are rendered by {@link PythonStr}; a Java worker sharing a {@code ~jobs} table with
 * Python workers must pass the values Python's {@code fetch("KEY")} would see (see the traps
 * listed there: FLOAT columns, booleans, TIME columns, DECIMAL scale).
 */
public final class KeyHash {
    /**
     * Python orders strings by code point; {@link String#compareTo} orders by UTF-16 unit, which
     * differs once a name holds characters beyond U+FFFF.
     */
    private static final Comparator<String> PYTHON_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private KeyHash() {
    }

    /**
     * Hashes a primary key as DataJoint's job table does.
     *
     * <pre>{@code
     * KeyHash.keyHash(Map.of("subject_id", 7L, "session", "s1"));
     * // "c69fe72dddb4b914f068722892a7f275"  (md5 of "s17")
     * }</pre>
     *
     * @param key attribute name to value; values of the types {@link PythonStr#str} accepts
     * @return 32 lowercase hex digits
     * @throws DovetailException if a value has no Python rendering; the message names the attribute
     */
    public static String keyHash(Map<String, ?> key) {
        List<String> names = new ArrayList<>(key.keySet());
        names.sort(PYTHON_ORDER);
        MessageDigest md5 = Digests.md5();
        for (String name : names) {
            md5.update(Digests.utf8(render(name, key.get(name))));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static String render(String name, Object value) {
        try {
            return PythonStr.str(value);
        } catch (DovetailException e) {
            throw new InvalidValueException("Cannot hash key attribute `" + name + "`: " + e.getMessage(), e);
        }
    }
}
