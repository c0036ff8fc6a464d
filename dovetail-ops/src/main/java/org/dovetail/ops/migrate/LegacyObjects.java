package org.dovetail.ops.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.hash.ContentHash;
import org.dovetail.store.ObjectStore;
import org.dovetail.store.TransferPool;

/**
 * The legacy objects of one store: {@code <location>/<schema>/<legacy hash>}, checked and hashed
 * in parallel (streaming: objects are never held in memory whole).
 */
final class LegacyObjects implements AutoCloseable {

    private final ObjectStore store;
    private final String schema;
    private final TransferPool pool = new TransferPool("migrate");

    LegacyObjects(ObjectStore store, String schema) {
        this.store = store;
        this.schema = schema;
    }

    /** The object's path relative to the store location. */
    String path(String legacyHash) {
        return schema + "/" + legacyHash;
    }

    /** What was found for one object: its size and contents hash, or that it is missing. */
    record Found(String legacyHash, boolean present, long size, UUID contentsHash) {}

    /**
     * Whether each object exists (and its size), from one listing of the schema's folder: a
     * thousand objects per S3 request instead of one request each.
     */
    List<Found> stat(List<String> hashes) {
        java.util.Map<String, Long> listed = new java.util.HashMap<>();
        String folder = schema + "/";
        store.list(folder, info -> {
            String name = info.path().substring(folder.length());
            if (!name.contains("/")) {
                listed.put(name, info.size());
            }
        });
        List<Found> found = new ArrayList<>(hashes.size());
        for (String h : hashes) {
            Long size = listed.get(h);
            found.add(size == null ? new Found(h, false, -1, null) : new Found(h, true, size, null));
        }
        return found;
    }

    /** Hashes each object's contents (MD5, as the tracking table's contents_hash). */
    List<Found> hash(List<String> hashes) {
        return inParallel(hashes, h -> {
            long[] size = {0};
            try (InputStream in = new CountingStream(store.open(path(h)), size)) {
                UUID md5 = ContentHash.uuidFromStream(in, "");
                return new Found(h, true, size[0], md5);
            } catch (MissingExternalFileException e) {
                return new Found(h, false, -1, null);
            } catch (IOException e) {
                throw new StoreException("Cannot read " + store.address(path(h)) + ": " + e.getMessage(), e);
            }
        });
    }

    private <T, R> List<R> inParallel(List<T> items, Function<T, R> work) {
        return pool.map(items, work);
    }

    @Override
    public void close() {
        pool.close();
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
