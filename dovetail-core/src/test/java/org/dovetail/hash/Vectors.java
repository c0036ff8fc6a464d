package org.dovetail.hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Test vectors on the class path: {@code hash-vectors.json} (computed by DataJoint-Python 0.14.9,
 * copied from the shared spec) and {@code python-str-vectors.json} (what CPython's {@code str()}
 * prints; regenerate with {@code src/test/python/python_str_vectors.py}).
 */
public final class Vectors {
    public static final String DATAJOINT = "/vectors/hash-vectors.json";
    public static final String PYTHON_STR = "/vectors/python-str-vectors.json";

    private Vectors() {
    }

    /** The entries of one vector group, failing if the group is missing or empty. */
    public static List<JsonNode> group(String resource, String name) {
        JsonNode node = load(resource).path(name);
        List<JsonNode> entries = new ArrayList<>();
        node.forEach(entries::add);
        if (entries.isEmpty()) {
            throw new IllegalStateException("no vectors named " + name + " in " + resource);
        }
        return entries;
    }

    /** Hex text to bytes; {@code "78*40000"} means the byte 0x78 repeated 40000 times. */
    public static byte[] bytes(String hex) {
        int star = hex.indexOf('*');
        if (star < 0) {
            return HexFormat.of().parseHex(hex);
        }
        byte[] unit = HexFormat.of().parseHex(hex.substring(0, star));
        int times = Integer.parseInt(hex.substring(star + 1));
        byte[] repeated = new byte[unit.length * times];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = unit[i % unit.length];
        }
        return repeated;
    }

    private static JsonNode load(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
