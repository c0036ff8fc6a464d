package org.dovetail.testkit;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The schema prefixes this JVM's test databases hand out, published in the system property
 * {@code dovetail.test.schema-prefixes} (comma-separated, without the trailing {@code _}). Core's
 * Spyglass prefix rule counts them as {@code test_} schemas, so declaring a table in a test schema
 * logs no prefix warning; the kit does not depend on core, so the property name is the contract.
 */
final class TestSchemaPrefixes {
    static final String PROPERTY = "dovetail.test.schema-prefixes";

    private TestSchemaPrefixes() {}

    /** Adds {@code prefix} (e.g. {@code t3fa9c2b1a4_}). */
    static synchronized void register(String prefix) {
        Set<String> prefixes = current();
        prefixes.add(token(prefix));
        publish(prefixes);
    }

    /** Removes {@code prefix} again, when its schemas are dropped. */
    static synchronized void unregister(String prefix) {
        Set<String> prefixes = current();
        prefixes.remove(token(prefix));
        publish(prefixes);
    }

    private static String token(String prefix) {
        return prefix.endsWith("_") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static Set<String> current() {
        Set<String> prefixes = new LinkedHashSet<>();
        Arrays.stream(System.getProperty(PROPERTY, "").split(",")).map(String::strip).filter(p -> !p.isEmpty()).forEach(prefixes::add);
        return prefixes;
    }

    private static void publish(Set<String> prefixes) {
        if (prefixes.isEmpty()) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, String.join(",", prefixes));
        }
    }
}
