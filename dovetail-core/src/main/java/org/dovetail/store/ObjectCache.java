package org.dovetail.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.store.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DataJoint's external-blob cache ({@code cache} in the config): {@code <cache>/<h0h1>/<h2h3>/<hex>},
 * shared by every store and schema, never evicted. A cache that cannot be written only slows
 * things down, so write failures are logged, not raised.
 */
final class ObjectCache {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectCache.class);
    private final Path root;

    ObjectCache(Path root) {
        this.root = root;
    }

    Path path(UUID hash) {
        String hex = UuidBytes.toHex(hash);
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    Optional<byte[]> get(UUID hash) {
        Path file = path(hash);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("cache file {} unreadable ({}); reading from the store", file, e.getMessage());
            return Optional.empty();
        }
    }

    void put(UUID hash, byte[] content) {
        Path file = path(hash);
        if (Files.exists(file)) {
            return;
        }
        try {
            AtomicFiles.write(file, out -> out.write(content));
        } catch (IOException e) {
            LOG.warn("could not write cache file {}: {}", file, e.getMessage());
        }
    }
}
