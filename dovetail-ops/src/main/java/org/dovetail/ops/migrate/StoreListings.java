package org.dovetail.ops.migrate;

import java.util.HashMap;
import java.util.Map;
import org.dovetail.config.StoreSpec;
import org.dovetail.spi.ObjectStore;

/**
 * The legacy objects of one schema, one listing per store: {@code <location>/<schema>/} is
 * listed once however many columns use the store (a thousand objects per S3 request), and only
 * that folder, never the rest of the bucket.
 */
final class StoreListings implements AutoCloseable {
    private final String schema;
    private final Map<String, Listing> listings = new HashMap<>();
    private final Map<String, ObjectStore> opened = new HashMap<>();

    StoreListings(String schema) {
        this.schema = schema;
    }

    /** The objects directly in the schema's folder of a store. */
    record Listing(ObjectStore store, String schema, Map<String, Long> sizes) {
        boolean contains(String legacyHash) {
            return sizes.containsKey(legacyHash);
        }

        String address(String legacyHash) {
            return store.address(schema + "/" + legacyHash);
        }
    }

    Listing of(StoreSpec spec) {
        return listings.computeIfAbsent(spec.name(), name -> {
            ObjectStore store = opened.computeIfAbsent(name, n -> ObjectStore.open(spec));
            Map<String, Long> sizes = new HashMap<>();
            String folder = schema + "/";
            store.list(folder, info -> {
                String file = info.path().substring(folder.length());
                if (!file.contains("/")) {
                    sizes.put(file, info.size());
                }
            });
            return new Listing(store, schema, sizes);
        });
    }

    @Override
    public void close() {
        opened.values().forEach(ObjectStore::close);
    }
}
