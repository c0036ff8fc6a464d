package org.dovetail.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.config.StoreSpec;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.store.TrackingTable;
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

    /** Reads the file's facts (under the stage, size, contents hash); no database, no transfer. */
    StagedFilepath stage(Path file) {
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
        return new StagedFilepath(hash, relative, absolute, size, contents);
    }

    /**
     * Tracks staged files: one query for their rows, then each new path or changed unreferenced
     * version is copied to the store (in parallel) and recorded; a path given twice counts once.
     *
     * @throws StoreException if a different version of a path is tracked and referenced
     */
    void track(List<StagedFilepath> files) {
        TrackingTable table = store.tracking(schema);
        Map<UUID, TrackingRow> existing = table.rows(files.stream().map(StagedFilepath::hash).toList());
        Set<UUID> seen = new HashSet<>();
        List<StagedFilepath> added = new ArrayList<>();
        List<StagedFilepath> replaced = new ArrayList<>();
        for (StagedFilepath file : files) {
            if (!seen.add(file.hash())) {
                continue;
            }
            TrackingRow row = existing.get(file.hash());
            if (row == null) {
                added.add(file);
                continue;
            }
            if (file.contentsHash() == null || file.contentsHash().equals(row.contentsHash())) {
                continue; // this version is tracked already
            }
            if (table.isReferenced(file.hash())) {
                throw new StoreException("A different version of '" + file.relativePath() + "' has already been placed in store `"
                        + spec.name() + "` and is referenced by " + table.references() + "; delete those rows first");
            }
            // A stale row that nothing refers to (its rows were deleted): replace it rather than block re-ingestion.
            replaced.add(file);
        }
        List<StagedFilepath> copies = new ArrayList<>(added);
        copies.addAll(replaced);
        store.inParallel(copies, file -> {
            upload(file.relativePath(), file.file(), file.size(), file.contentsHash());
            return file;
        });
        for (StagedFilepath file : replaced) {
            table.replaceFilepath(file.hash(), file.size(), file.contentsHash());
        }
        table.recordFilepaths(added);
        // A sweep of the store (dovetail cleanup files) may have moved an untracked copy away between the
        // upload and the new row, whose gap it held locked until the move was done: put such a copy back.
        for (StagedFilepath file : added) {
            if (store.objects().stat(file.relativePath()).isEmpty()) {
                if (!Files.isRegularFile(file.file())) {
                    throw new MissingExternalFileException("Store `" + spec.name() + "`: " + store.objects().address(file.relativePath())
                            + " was moved away by a cleanup while it was being tracked, and its source " + file.file()
                            + " is gone too; restore it from the store's quarantine and insert again");
                }
                store.objects().put(file.relativePath(), file.file(), Map.of(METADATA_KEY,
                        file.contentsHash() == null ? "" : file.contentsHash().toString()));
            }
        }
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

    /**
     * Makes the tracked files available under the stage: their rows are read in one query on
     * this thread, then the files are checked and downloaded where needed in parallel (each
     * distinct hash once). Same order as the input.
     */
    List<Path> get(List<UUID> hashes) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        TrackingTable table = store.tracking(schema);
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(hashes));
        Map<UUID, TrackingRow> rows = table.rows(distinct);
        List<TrackingRow> found = new ArrayList<>(distinct.size());
        for (UUID hash : distinct) {
            TrackingRow row = rows.get(hash);
            if (row == null) {
                throw store.missing(schema, hash, "(filepath)", null);
            }
            if (row.filepath() == null) {
                throw new StoreException("Store `" + spec.name() + "`: tracking row " + UuidBytes.toHex(hash) + " in "
                        + table.fullName() + " is not a filepath");
            }
            found.add(row);
        }
        Path stage = stage();
        String tableName = table.fullName();
        List<Boolean> present = store.inParallel(found, row -> place(stage.resolve(row.filepath()), row, tableName));
        Map<UUID, Path> local = new HashMap<>();
        for (int i = 0; i < found.size(); i++) {
            TrackingRow row = found.get(i);
            if (!present.get(i)) {
                throw store.missing(schema, row.hash(), row.filepath(), row);
            }
            local.put(row.hash(), stage.resolve(row.filepath()));
        }
        return hashes.stream().map(local::get).toList();
    }

    /**
     * Checks the local copy and downloads it if it is absent or differs; false if the store has
     * no object. No database access (runs on the transfer pool).
     */
    private boolean place(Path local, TrackingRow row, String tableName) {
        boolean checksum = needsChecksum(row.size());
        if (!acceptable(local, row, checksum)) {
            try {
                store.objects().download(row.filepath(), local);
            } catch (MissingExternalFileException e) {
                return false;
            }
            long size = ExternalStore.size(local);
            if (size != row.size()) {
                throw new StoreException("Store `" + spec.name() + "`: " + local + " was downloaded but its size " + size
                        + " does not match the " + row.size() + " bytes recorded in " + tableName);
            }
            if (checksum && row.contentsHash() != null && !row.contentsHash().equals(ContentHash.uuidFromFile(local, ""))) {
                throw new StoreException("Store `" + spec.name() + "`: " + local + " was downloaded but did not pass the"
                        + " checksum recorded in " + tableName + " row " + UuidBytes.toHex(row.hash()));
            }
        }
        if (!checksum || row.contentsHash() == null) {
            LOG.warn("{}: contents not verified ({})", local, row.contentsHash() == null
                    ? "no contents hash was recorded at insert" : "larger than filepath_checksum_size_limit");
        }
        return true;
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
