package org.dovetail.internal.store;

import org.dovetail.config.StoreSpec;
import org.dovetail.spi.ObjectStore;

/**
 * Opens the object store a {@link StoreSpec} describes. DataJoint's configuration admits exactly
 * two protocols, so this is a plain switch rather than a plug-in registry.
 */
public final class ObjectStores {
    private ObjectStores() {}

    /**
     * Opens a store: a {@code file} store's location must be an existing directory; an {@code s3}
     * store's bucket must exist and be accessible (checked here, so that a misconfiguration shows
     * before any data moves).
     */
    public static ObjectStore open(StoreSpec spec) {
        return switch (spec.protocol()) {
            case FILE -> new FileStore(spec);
            case S3 -> new S3Store(spec);
        };
    }
}
