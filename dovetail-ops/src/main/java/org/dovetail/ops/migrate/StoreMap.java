package org.dovetail.ops.migrate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.config.Config;
import org.dovetail.config.ConfigException;
import org.dovetail.config.StoreSpec;

/**
 * Which current store each legacy store becomes: {@code external-<name>} → {@code <name>} and
 * {@code external} → a store named {@code external}, unless mapped otherwise
 * ({@code --store-map LEGACY=NEW}). The current store must point at the legacy objects' location.
 */
public final class StoreMap {
    private final Map<String, String> explicit;

    public StoreMap(Map<String, String> explicit) {
        this.explicit = Map.copyOf(explicit);
    }

    /** Parses {@code LEGACY=NEW} items. */
    public static StoreMap parse(Iterable<String> items) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new DovetailException(ErrorCode.USAGE, "--store-map takes LEGACY=NEW, e.g. external-raw=raw; got \"" + item + "\"");
            }
            String legacy = item.substring(0, eq).strip();
            if (!legacy.equals("external") && !legacy.startsWith("external-")) {
                throw new DovetailException(ErrorCode.USAGE, "legacy store names are `external` or `external-<name>`; got \"" + legacy + "\"");
            }
            map.put(legacy, item.substring(eq + 1).strip());
        }
        return new StoreMap(map);
    }

    /** The current store name for a legacy store name. */
    public String target(String legacyStore) {
        if (explicit.containsKey(legacyStore)) {
            return explicit.get(legacyStore);
        }
        return legacyStore.equals("external") ? "external" : legacyStore.substring("external-".length());
    }

    /** The configured store for a legacy store, or an error naming both. */
    public StoreSpec spec(Config config, String legacyStore) {
        String name = target(legacyStore);
        StoreSpec spec = config.stores().get(name);
        if (spec == null) {
            throw new ConfigException("Legacy store `" + legacyStore + "` maps to store `" + name + "`, which is not configured in "
                    + config.source() + ": add stores." + name + " with the legacy location, or map it with --store-map "
                    + legacyStore + "=<store>");
        }
        return spec;
    }
}
