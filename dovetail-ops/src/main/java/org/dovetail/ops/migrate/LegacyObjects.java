package org.dovetail.ops.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.hash.ContentHash;
import org.dovetail.store.ExternalStore;

/**
 * The legacy objects of one store: {@code <location>/<schema>/<legacy hash>}, read and hashed in
 * parallel (streaming: objects are never held in memory whole); an object that is not there is
 * reported as missing.
 */
final class LegacyObjects {

    private final ExternalStore store;
    private final String schema;

    /** The objects of {@code schema} in {@code store}, read on the store's transfer threads. */
    LegacyObjects(ExternalStore store, String schema) {
        this.store = store;
        this.schema = schema;
    }

    /** The name of the store. */
    String storeName() {
        return store.spec().name();
    }

    /** Where an object is, for messages. */
    String address(String legacyHash) {
        return store.objects().address(path(legacyHash));
    }

    /** The object's path relative to the store location. */
    String path(String legacyHash) {
        return schema + "/" + legacyHash;
    }

    /** What was found for one object: its size and contents hash, or that it is missing. */
    /**
     * Objects read at once. A legacy object is small, so reading one is mostly a round trip to the
     * store: over a network link (tens of ms to a bucket) the number in flight sets the rate.
     */
    static final int READS_IN_FLIGHT = 32;

    record Found(String legacyHash, boolean present, long size, UUID contentsHash) {}

    /** Hashes each object's contents (MD5, as the tracking table's contents_hash), {@link #READS_IN_FLIGHT} at once. */
    List<Found> hash(List<String> hashes) {
        return store.inParallel(hashes, h -> {
            long[] size = {0};
            try (InputStream in = new CountingStream(store.objects().open(path(h)), size)) {
                UUID md5 = ContentHash.uuidFromStream(in, "");
                return new Found(h, true, size[0], md5);
            } catch (MissingExternalFileException e) {
                return new Found(h, false, -1, null);
            } catch (IOException e) {
                throw new StoreException("Cannot read " + store.objects().address(path(h)) + ": " + e.getMessage(), e);
            }
        }, READS_IN_FLIGHT);
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final long[] count;

        CountingStream(InputStream in, long[] count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count[0]++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count[0] += n;
            }
            return n;
        }
    }
}
