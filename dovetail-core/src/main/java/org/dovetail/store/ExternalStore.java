package org.dovetail.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.TableName;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.store.AttachmentFiles;
import org.dovetail.internal.store.ObjectPaths;
import org.dovetail.internal.store.ObjectStores;
import org.dovetail.internal.store.Reference;
import org.dovetail.internal.store.TrackingTable;
import org.dovetail.internal.store.TransferPool;
import org.dovetail.spi.ObjectStore;

/**
 * One configured external store as DataJoint uses it: objects in the store, one
 * {@code ~external_<store>} tracking table per schema, and the local blob cache.
 *
 * <pre>{@code
 * try (ExternalStore store = ExternalStore.open(conn, "raw")) {
 *     UUID hash = store.putBlob("lab", Blob.encode(trace));     // upload, then track
 *     byte[] blob = store.getBlob("lab", hash);                  // cache, else store
 * }
 * }</pre>
 *
 * <p>Objects are uploaded before the statements that track them run ({@link #stageBlob} then
 * {@link #track}), so an insert never holds a transaction open during a transfer, and a failed
 * insert leaves at most an untracked object behind — never a row without its object.
 * Transfers of many objects run on a bounded pool ({@link #stageBlobs}, {@link #getBlobs},
 * {@link #getAttachments}, {@link #getFilepaths}, and {@link #inParallel} for other work).
 *
 * <p>Each schema's tracking table is declared on first use, as DataJoint declares it; the
 * tracking operations ({@link #trackingTable}, {@link #trackingRow}, {@link #trackingRows},
 * {@link #trackAll}, {@link #untrackIfUnused}) all act on that table.
 */
public final class ExternalStore implements AutoCloseable {
    private final Connection connection;
    private final StoreSpec spec;
    private final ObjectStore objects;
    private final ObjectCache cache;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();
    private final TransferPool transfers;

    ExternalStore(Connection connection, StoreSpec spec, ObjectStore objects) {
        this.connection = connection;
        this.spec = spec;
        this.objects = objects;
        this.cache = connection.config().cache().map(ObjectCache::new).orElse(null);
        this.transfers = new TransferPool("transfer-" + spec.name());
    }

    /** Opens the store named in the connection's configuration ({@code stores.<name>}). */
    public static ExternalStore open(Connection connection, String name) {
        return open(connection, connection.config().store(name));
    }

    /** Opens a store described in code rather than in the configuration. */
    public static ExternalStore open(Connection connection, StoreSpec spec) {
        return new ExternalStore(connection, spec, ObjectStores.open(spec));
    }

    /** The configuration of this store. */
    public StoreSpec spec() {
        return spec;
    }

    /**
     * Where this store's objects physically are, as one string: for a {@code file} store the real
     * path of its location, for an {@code s3} store the endpoint, bucket and key prefix. Two
     * store names with the same physical location hold the same objects (cleanup groups their
     * tracking tables by it).
     */
    public static String physicalLocation(StoreSpec spec) {
        if (spec.protocol() == StoreSpec.Protocol.FILE) {
            Path location = Path.of(spec.location()).toAbsolutePath().normalize();
            try {
                location = location.toRealPath();
            } catch (IOException e) {
                // a location that does not exist: its spelling is all there is
            }
            return "file://" + location.toString().replace('\\', '/');
        }
        return "s3://" + spec.endpoint().toLowerCase(Locale.ROOT) + "/" + spec.bucket() + "/" + ObjectPaths.s3KeyPrefix(spec.location());
    }

    /** The objects themselves (for verification and cleanup). */
    public ObjectStore objects() {
        return objects;
    }

    // ---------------------------------------------------------------- tracking

    /** The tracking table of store {@code store} in {@code schema}: {@code `schema`.`~external_store`}. */
    public static TableName trackingTable(String schema, String store) {
        return TrackingTable.name(schema, store);
    }

    /** DataJoint's exact {@code CREATE TABLE IF NOT EXISTS} statement for that tracking table. */
    public static String trackingTableSql(String schema, String store) {
        return TrackingTable.createTableSql(schema, store);
    }

    /** This store's tracking table in {@code schema}; nothing is declared. */
    public TableName trackingTable(String schema) {
        return trackingTable(schema, spec.name());
    }

    /**
     * Creates the schema's tracking table if it does not exist, as DataJoint-Python declares it.
     * Call it before a transaction that tracks objects: DDL would commit the transaction, so
     * inside one a missing table is an error.
     *
     * @throws org.dovetail.TransactionException if the table is missing and a transaction is open
     */
    public void declareTracking(String schema) {
        tracking(schema);
    }

    /** The tracking row of {@code hash} in the schema, if there is one. */
    public Optional<TrackingRow> trackingRow(String schema, UUID hash) {
        return tracking(schema).row(hash);
    }

    /** Every tracking row of the schema, ordered by hash. */
    public List<TrackingRow> trackingRows(String schema) {
        return tracking(schema).rows();
    }

    /**
     * Deletes the tracking row of {@code hash} unless a column (of any schema) refers to it; the
     * object stays in the store.
     *
     * @return true if a row was deleted; false if it is referenced or was gone already
     */
    public boolean untrackIfUnused(String schema, UUID hash) {
        TrackingTable table = tracking(schema);
        return !table.isReferenced(hash) && table.delete(hash);
    }

    /** Where a blob with this hash lives, relative to the store's location: {@code <schema>/<subfolders>/<hex>}. */
    public String blobPath(String schema, UUID hash) {
        return ObjectPaths.blob(schema, hash, spec.subfolding());
    }

    /** The schema's tracking table, declared on first use as DataJoint does. */
    TrackingTable tracking(String schema) {
        TrackingTable table = new TrackingTable(connection, schema, spec.name());
        if (!declared.contains(schema)) {
            table.declare();
            declared.add(schema); // only once declared: a refused declaration is tried again next time
        }
        return table;
    }

    // ---------------------------------------------------------------- blobs

    /** Uploads a packed blob (if the store does not hold it yet); tracks nothing. */
    public StagedObject stageBlob(String schema, byte[] blob) {
        return stageBlobNoting(schema, blob).object();
    }

    /** An object staged, and whether the store held it already (so that no upload happened). */
    private record Staging(StagedObject object, boolean existed) {}

    private Staging stageBlobNoting(String schema, byte[] blob) {
        UUID hash = ContentHash.uuidFromBuffer(blob, "");
        String path = ObjectPaths.blob(schema, hash, spec.subfolding());
        boolean existed = objects.stat(path).filter(info -> info.size() == blob.length).isPresent();
        if (!existed) {
            objects.put(path, blob, Map.of());
        }
        return new Staging(new StagedObject(hash, blob.length, null, path, blob, null, true), existed);
    }

    /**
     * Packs and stages many values in parallel on the transfer pool, each task packing (with
     * {@code pack}, e.g. {@code Blob::encode}), hashing and uploading one value, so compression and
     * transfer overlap; same order as the input. A failure of {@code pack} propagates as thrown.
     */
    public <T> List<StagedObject> stageValues(String schema, List<T> values, Function<T, byte[]> pack) {
        return markTracked(schema, inParallel(values, value -> stageBlobNoting(schema, pack.apply(value))));
    }

    /** Stages many blobs in parallel on the transfer pool; same order as the input. */
    public List<StagedObject> stageBlobs(String schema, List<byte[]> blobs) {
        return markTracked(schema, inParallel(blobs, blob -> stageBlobNoting(schema, blob)));
    }

    /**
     * Records a staged object in the schema's tracking table (inside the caller's transaction, if
     * any). See {@link #trackAll} for when the object is checked once more.
     */
    public void track(String schema, StagedObject staged) {
        trackAll(schema, List.of(staged));
    }

    /**
     * Records staged objects in the schema's tracking table with one batch of statements (inside
     * the caller's transaction, if any).
     *
     * <p>A cleanup removes an object only together with its old, unused tracking row, holding that
     * row's lock until the object is gone. So when a row turns out to be new here although one
     * existed when the object was staged, that cleanup may have run in between: the object is
     * checked and put back if it is gone. Rows that did not exist at staging cannot have been
     * cleaned up (the age gate), so fresh data needs no extra round trip.
     */
    public void trackAll(String schema, List<StagedObject> staged) {
        if (staged.isEmpty()) {
            return;
        }
        TrackingTable table = tracking(schema);
        boolean[] created = table.record(staged);
        for (int i = 0; i < staged.size(); i++) {
            StagedObject object = staged.get(i);
            if (created[i] && object.trackedWhenStaged() && objects.stat(object.path()).isEmpty()) {
                putBack(object);
            }
        }
    }

    private void putBack(StagedObject staged) {
        if (staged.content() != null) {
            objects.put(staged.path(), staged.content(), Map.of());
        } else if (staged.file() != null && Files.isRegularFile(staged.file())) {
            objects.put(staged.path(), staged.file(), Map.of());
        } else {
            throw new MissingExternalFileException("Store `" + spec.name() + "`: object " + objects.address(staged.path())
                    + " was removed after it was uploaded and its source is gone; insert it again");
        }
    }

    /**
     * Marks the staged objects a cleanup may have seen before they are tracked: those that already
     * had a tracking row in the schema (one query per thousand), and those the store already held
     * without one (an untracked object, which a sweep of the store may move away meanwhile).
     */
    private List<StagedObject> markTracked(String schema, List<Staging> staged) {
        Set<UUID> tracked = tracking(schema).existing(staged.stream().map(s -> s.object().hash()).toList());
        return staged.stream().map(s -> tracked.contains(s.object().hash()) || s.existed()
                ? s.object().withTrackedWhenStaged() : s.object().untracked()).toList();
    }

    /** Stages and tracks one blob; returns the hash to store in the referencing column. */
    public UUID putBlob(String schema, byte[] blob) {
        StagedObject staged = stageBlob(schema, blob);
        track(schema, staged);
        return staged.hash();
    }

    /**
     * The packed blob with this hash: from the cache if configured and present, else from the
     * store (a migrated 0.11 blob is found through its tracking row's {@code filepath}).
     */
    public byte[] getBlob(String schema, UUID hash) {
        return readBlob(schema, hash).orElseGet(() -> fromTrackedPath(schema, hash));
    }

    /**
     * Fetches many blobs, transferring in parallel on the transfer pool; same order as the
     * input. (Database look-ups for migrated blobs run afterwards, on this thread.)
     */
    public List<byte[]> getBlobs(String schema, List<UUID> hashes) {
        List<Optional<byte[]>> read = inParallel(hashes, hash -> readBlob(schema, hash));
        List<byte[]> blobs = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            UUID hash = hashes.get(i);
            blobs.add(read.get(i).orElseGet(() -> fromTrackedPath(schema, hash)));
        }
        return blobs;
    }

    /** Cache, then the hash path in the store; empty if the store has no object there. No database access. */
    private Optional<byte[]> readBlob(String schema, UUID hash) {
        if (cache != null) {
            Optional<byte[]> cached = cache.get(hash);
            if (cached.isPresent()) {
                return cached;
            }
        }
        try {
            byte[] blob = objects.read(ObjectPaths.blob(schema, hash, spec.subfolding()));
            if (cache != null) {
                cache.put(hash, blob);
            }
            return Optional.of(blob);
        } catch (MissingExternalFileException e) {
            return Optional.empty();
        }
    }

    /** A blob not at its hash path: a migrated 0.11 blob lives at its tracking row's {@code filepath}. */
    private byte[] fromTrackedPath(String schema, UUID hash) {
        String path = ObjectPaths.blob(schema, hash, spec.subfolding());
        TrackingRow row = tracking(schema).row(hash).orElseThrow(() -> missing(schema, hash, path, null));
        if (row.filepath() == null) {
            throw missing(schema, hash, path, row);
        }
        byte[] blob;
        try {
            blob = objects.read(row.filepath());
        } catch (MissingExternalFileException again) {
            throw missing(schema, hash, row.filepath(), row);
        }
        if (cache != null) {
            cache.put(hash, blob);
        }
        return blob;
    }

    // ---------------------------------------------------------------- attachments

    /** Uploads a file as an attachment; tracks nothing. */
    public StagedObject stageAttachment(String schema, Path file) {
        return stageAttachmentNoting(schema, file).object();
    }

    private Staging stageAttachmentNoting(String schema, Path file) {
        requireFile(file);
        String name = file.getFileName().toString();
        UUID hash = AttachmentFiles.hash(name, file);
        long size = size(file);
        String path = ObjectPaths.attachment(schema, hash, name, spec.subfolding());
        boolean existed = objects.stat(path).filter(info -> info.size() == size).isPresent();
        if (!existed) {
            objects.put(path, file, Map.of());
        }
        return new Staging(new StagedObject(hash, size, name, path, null, file, true), existed);
    }

    /** Uploads an attachment given as name and bytes (written to a temporary file first); tracks nothing. */
    public StagedObject stageAttachment(String schema, String name, byte[] contents) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dovetail-attach");
            Path file = Files.write(dir.resolve(name), contents);
            StagedObject staged = stageAttachment(schema, file);
            Files.delete(file);
            return new StagedObject(staged.hash(), staged.size(), staged.attachmentName(), staged.path(), contents, null, true);
        } catch (IOException e) {
            throw new StoreException("Cannot stage attachment " + name + ": " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a leftover empty temporary folder
                }
            }
        }
    }

    /** Stages many attachments in parallel on the transfer pool; same order as the input. */
    public List<StagedObject> stageAttachments(String schema, List<Path> files) {
        return markTracked(schema, inParallel(files, file -> stageAttachmentNoting(schema, file)));
    }

    /** Stages and tracks an attachment; returns its hash. */
    public UUID putAttachment(String schema, Path file) {
        StagedObject staged = stageAttachment(schema, file);
        track(schema, staged);
        return staged.hash();
    }

    /**
     * Downloads an attachment into {@code downloadDir} under its name (or a numbered variant if
     * another file has that name) and returns the file; an existing identical file is reused.
     */
    public Path getAttachment(String schema, UUID hash, Path downloadDir) {
        return getAttachments(schema, List.of(hash), downloadDir).get(0);
    }

    /**
     * Downloads many attachments into {@code downloadDir}, in parallel on the transfer pool; same
     * order as the input. Their tracking rows are read first, in one query on this thread; then
     * every file name is chosen, in input order, as {@link #getAttachment} one after another would
     * choose it (a name taken by another attachment gets a numbered variant), and each distinct
     * hash is downloaded once.
     */
    public List<Path> getAttachments(String schema, List<UUID> hashes, Path downloadDir) {
        TrackingTable table = tracking(schema);
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(hashes));
        Map<UUID, TrackingRow> rows = table.rows(distinct);
        Map<Path, UUID> planned = new HashMap<>();
        Map<UUID, Path> placed = new HashMap<>();
        List<TrackingRow> downloads = new ArrayList<>();
        for (UUID hash : distinct) {
            TrackingRow row = rows.get(hash);
            if (row == null) {
                throw missing(schema, hash, ObjectPaths.blob(schema, hash, spec.subfolding()), null);
            }
            if (row.attachmentName() == null) {
                throw new StoreException("Store `" + spec.name() + "`: tracking row " + UuidBytes.toHex(hash) + " in "
                        + table.fullName() + " is not an attachment");
            }
            AttachmentFiles.Placement placement = AttachmentFiles.place(downloadDir, row.attachmentName(), hash, planned);
            if (!placement.present()) {
                planned.put(placement.path(), hash);
                downloads.add(row);
            }
            placed.put(hash, placement.path());
        }
        List<Boolean> found = inParallel(downloads, row -> {
            try {
                objects.download(row.objectPath(schema, spec.subfolding()), placed.get(row.hash()));
                return true;
            } catch (MissingExternalFileException e) {
                return false; // reported below: the message reads the database, which is not for this thread
            }
        });
        for (int i = 0; i < downloads.size(); i++) {
            if (!found.get(i)) {
                TrackingRow row = downloads.get(i);
                throw missing(schema, row.hash(), row.objectPath(schema, spec.subfolding()), row);
            }
        }
        return hashes.stream().map(placed::get).toList();
    }

    // ---------------------------------------------------------------- filepaths

    /**
     * Tracks a file under the store's {@code stage} folder as a {@code filepath} value: its path
     * relative to the stage is its identity. Uploads it unless the store has it already.
     *
     * @throws StoreException if the file is outside the stage, or a different version of the
     *                        same path is already tracked and referenced
     */
    public UUID putFilepath(String schema, Path file) {
        List<StagedFilepath> staged = stageFilepaths(schema, List.of(file));
        trackFilepaths(schema, staged);
        return staged.get(0).hash();
    }

    /**
     * Reads and hashes files under the stage for {@code filepath} values, in parallel on the
     * transfer pool; no database access, nothing copied. Same order as the input.
     *
     * @throws StoreException if a file is missing or outside the stage
     */
    public List<StagedFilepath> stageFilepaths(String schema, List<Path> files) {
        Filepaths filepaths = new Filepaths(this, schema);
        return inParallel(files, filepaths::stage);
    }

    /**
     * Tracks staged files (inside the caller's transaction, if any): their tracking rows are read
     * in one query, new paths (and changed versions that nothing references) are copied to the
     * store unless it has them and recorded with one batch.
     *
     * @throws StoreException if a different version of a path is already tracked and referenced
     */
    public void trackFilepaths(String schema, List<StagedFilepath> staged) {
        if (!staged.isEmpty()) {
            new Filepaths(this, schema).track(staged);
        }
    }

    /**
     * Makes the tracked file available under the stage folder (downloading it if it is absent
     * or differs), checks its size and contents hash, and returns the local path.
     */
    public Path getFilepath(String schema, UUID hash) {
        return getFilepaths(schema, List.of(hash)).get(0);
    }

    /**
     * {@link #getFilepath} for many hashes: the tracking rows in one query on this thread, then
     * the files checked and downloaded in parallel on the transfer pool; same order as the input.
     */
    public List<Path> getFilepaths(String schema, List<UUID> hashes) {
        return new Filepaths(this, schema).get(hashes);
    }

    Connection connection() {
        return connection;
    }

    // ---------------------------------------------------------------- helpers

    MissingExternalFileException missing(String schema, UUID hash, String path, TrackingRow row) {
        TrackingTable table = tracking(schema);
        String rowText = row == null
                ? "and " + table.fullName() + " has no row " + UuidBytes.toHex(hash)
                : "tracked by " + table.fullName() + " row " + UuidBytes.toHex(hash) + " (" + row.size() + " bytes)";
        List<Reference> refs = table.references();
        return new MissingExternalFileException("Store `" + spec.name() + "`: object " + objects.address(path)
                + " is missing, " + rowText + (refs.isEmpty() ? "" : "; referenced from " + refs)
                + ". Restore it from a backup, or run `dovetail verify --store " + spec.name() + "` for the full picture.");
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException("Not a readable file: " + file);
        }
    }

    /**
     * Applies {@code work} to every item on this store's transfer threads (a bounded pool of a
     * few threads per core, meant for work that waits on the network or the disk); the results
     * come in the order of the items, and the first failure is rethrown as it was thrown.
     */
    public <T, R> List<R> inParallel(List<T> items, Function<T, R> work) {
        return transfers.map(items, work);
    }

    /**
     * {@link #inParallel(List, Function)} with up to {@code inFlight} items at once, on threads of
     * this call's own: for many small transfers over a network, where each is mostly a round trip
     * and the number in flight sets the rate.
     */
    public <T, R> List<R> inParallel(List<T> items, Function<T, R> work, int inFlight) {
        try (TransferPool wide = new TransferPool("transfer-" + spec.name(), inFlight)) {
            return wide.map(items, work);
        }
    }

    @Override
    public void close() {
        transfers.close();
        objects.close();
    }
}
