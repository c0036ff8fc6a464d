package org.dovetail.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.config.StoreSpec;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.spi.ObjectInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code filepath@store} values of one schema: files under the store's {@code stage} folder,
 * identified by their path relative to it, copied to the same relative path in the store.
 */
final class Filepaths {
    private static final Logger LOG = LoggerFactory.getLogger(Filepaths.class);
    private static final String METADATA_KEY = "contents_hash";

    private final ExternalStore store;
    private final String schema;
    private final StoreSpec spec;

    Filepaths(ExternalStore store, String schema) {
        this.store = store;
        this.schema = schema;
        this.spec = store.spec();
    }

    private Path stage() {
        String stage = spec.stage();
        if (stage == null) {
            throw new StoreException("Store `" + spec.name() + "` has no `stage` folder: set stores." + spec.name()
                    + ".stage to use filepath@" + spec.name());
        }
        return Path.of(stage).toAbsolutePath().normalize();
    }

    UUID put(Path file) {
        ExternalStore.requireFile(file);
        Path stage = stage();
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(stage)) {
            throw new StoreException("The path " + absolute + " is not in stage " + stage + " of store `" + spec.name() + "`");
        }
        String relative = stage.relativize(absolute).toString().replace('\\', '/');
        UUID hash = ContentHash.uuidFromBuffer(new byte[0], relative);
        long size = ExternalStore.size(absolute);
        OptionalLong limit = store.connection().config().filepathChecksumSizeLimitInsert();
        UUID contents = limit.isPresent() && size > limit.getAsLong() ? null : ContentHash.uuidFromFile(absolute, "");
        if (contents == null) {
            LOG.warn("{} is larger than filepath_checksum_size_limit_insert: its contents hash is not recorded", absolute);
        }
        TrackingTable table = store.tracking(schema);
        Optional<TrackingRow> existing = table.row(hash);
        if (existing.isPresent()) {
            UUID recorded = existing.get().contentsHash();
            if (contents == null || contents.equals(recorded)) {
                return hash; // this version is tracked already
            }
            if (table.isReferenced(hash)) {
                throw new StoreException("A different version of '" + relative + "' has already been placed in store `"
                        + spec.name() + "` and is referenced by " + table.references() + "; delete those rows first");
            }
            // A stale row that nothing refers to (its rows were deleted): replace it rather than block re-ingestion.
            upload(relative, absolute, size, contents);
            table.replaceFilepath(hash, size, contents);
            return hash;
        }
        upload(relative, absolute, size, contents);
        table.recordFilepath(hash, size, relative, contents);
        return hash;
    }

    /**
     * File stores copy (a no-op when the stage is the location, as in Spyglass); S3 stores skip
     * the upload when the object exists with the same size and recorded contents hash.
     */
    private void upload(String relative, Path file, long size, UUID contents) {
        String metadataValue = contents == null ? "" : contents.toString();
        if (spec.protocol() == StoreSpec.Protocol.S3 && contents != null) {
            Optional<ObjectInfo> there = store.objects().stat(relative);
            if (there.isPresent() && there.get().size() == size && metadataValue.equals(there.get().metadata().get(METADATA_KEY))) {
                return;
            }
        }
        store.objects().put(relative, file, Map.of(METADATA_KEY, metadataValue));
    }

    Path get(UUID hash) {
        TrackingTable table = store.tracking(schema);
        TrackingRow row = table.row(hash).orElseThrow(() -> store.missing(schema, hash, "(filepath)", null));
        if (row.filepath() == null) {
            throw new StoreException("Store `" + spec.name() + "`: tracking row " + UuidBytes.toHex(hash) + " in "
                    + table.fullName() + " is not a filepath");
        }
        Path local = stage().resolve(row.filepath());
        boolean checksum = needsChecksum(row.size());
        if (!acceptable(local, row, checksum)) {
            try {
                store.objects().download(row.filepath(), local);
            } catch (MissingExternalFileException e) {
                throw store.missing(schema, hash, row.filepath(), row);
            }
            long size = ExternalStore.size(local);
            if (size != row.size()) {
                throw new StoreException("Store `" + spec.name() + "`: " + local + " was downloaded but its size " + size
                        + " does not match the " + row.size() + " bytes recorded in " + table.fullName());
            }
            if (checksum && row.contentsHash() != null && !row.contentsHash().equals(ContentHash.uuidFromFile(local, ""))) {
                throw new StoreException("Store `" + spec.name() + "`: " + local + " was downloaded but did not pass the"
                        + " checksum recorded in " + table.fullName() + " row " + UuidBytes.toHex(hash));
            }
        }
        if (!checksum || row.contentsHash() == null) {
            LOG.warn("{}: contents not verified ({})", local, row.contentsHash() == null
                    ? "no contents hash was recorded at insert" : "larger than filepath_checksum_size_limit");
        }
        return local;
    }

    private boolean needsChecksum(long size) {
        OptionalLong limit = store.connection().config().filepathChecksumSizeLimit();
        return limit.isEmpty() || size < limit.getAsLong();
    }

    /** The local copy can be used as is: right size and, when checked, right contents. */
    private static boolean acceptable(Path local, TrackingRow row, boolean checksum) {
        if (!Files.isRegularFile(local) || ExternalStore.size(local) != row.size()) {
            return false;
        }
        return !checksum || row.contentsHash() == null || row.contentsHash().equals(ContentHash.uuidFromFile(local, ""));
    }
}
