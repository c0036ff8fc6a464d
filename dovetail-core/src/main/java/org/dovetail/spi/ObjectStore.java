package org.dovetail.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.dovetail.StoreException;
import org.dovetail.config.StoreSpec;
import org.dovetail.internal.store.ObjectStores;

/**
 * Where external objects live: a directory ({@code file}) or a bucket ({@code s3}). Paths are
 * relative to the store's {@code location} and use {@code /}. Every write is atomic: an object
 * is either absent or complete, never half-written.
 *
 * <pre>{@code
 * try (ObjectStore store = ObjectStore.open(config.store("raw"))) {
 *     store.put("lab/7c/86/7c86ec03...", bytes, Map.of());
 *     byte[] back = store.read("lab/7c/86/7c86ec03...");
 * }
 * }</pre>
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Opens the built-in store a configuration entry describes: a {@code file} store's location
     * must be an existing directory; an {@code s3} store's bucket must exist and be accessible
     * (checked here, so that a misconfiguration shows before any data moves).
     *
     * @throws org.dovetail.BucketInaccessibleException if the bucket is missing or the credentials may not use it
     */
    static ObjectStore open(StoreSpec spec) {
        return ObjectStores.open(spec);
    }

    /** The configuration this store was opened from. */
    StoreSpec spec();

    /** Writes (or replaces) an object from memory. */
    void put(String path, byte[] content, Map<String, String> metadata);

    /** Writes (or replaces) an object from a local file, streaming it (objects may exceed memory). */
    void put(String path, Path source, Map<String, String> metadata);

    /** What writes an object's contents to a stream (see {@link #write}). */
    @FunctionalInterface
    interface Contents {
        /** Writes the whole object to {@code out}; the store closes {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes (or replaces) an object whose contents {@code contents} produces as a stream, e.g. a
     * dump that is compressed and hashed as it is written and may exceed memory. As every write,
     * it is atomic: when {@code contents} fails, the object is left as it was. The default
     * stages the stream in a temporary local file and puts that; a store that can write in place
     * atomically (a file store: a temporary file beside the target, renamed) overrides it.
     */
    default void write(String path, Map<String, String> metadata, Contents contents) {
        Path temp = null;
        try {
            temp = Files.createTempFile("dovetail-write-", ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                contents.writeTo(out);
            }
            put(path, temp, metadata);
        } catch (IOException e) {
            throw failure("write", path, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file is the system's to clean
                }
            }
        }
    }

    /** Opens an object for reading; the caller closes the stream. */
    InputStream open(String path);

    /** Reads a whole object into memory. */
    byte[] read(String path);

    /** Copies an object to a local file (replacing it), streaming; the file is complete or absent. */
    void download(String path, Path target);

    /** The object's size and metadata, or empty when it does not exist. */
    Optional<ObjectInfo> stat(String path);

    /** Deletes an object; a missing object is not an error. */
    void delete(String path);

    /**
     * Moves an object to another path of the same store, replacing what is there (cleanup moves
     * objects into a quarantine folder and back). The default copies and then deletes; the
     * built-in stores rename a file, or copy a key on the server.
     *
     * @throws org.dovetail.MissingExternalFileException if there is no object at {@code from}
     */
    default void move(String from, String to) {
        try (InputStream in = open(from)) {
            Path temp = Files.createTempFile("dovetail-move", ".tmp");
            try {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                put(to, temp, stat(from).map(ObjectInfo::metadata).orElse(Map.of()));
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw failure("move", from, e);
        }
        delete(from);
    }

    /**
     * Every object whose path starts with {@code prefix} (a folder such as {@code "lab/"}, or
     * {@code ""}). Folder markers are left out: see {@link #list(String, Consumer, Consumer)}.
     */
    default void list(String prefix, Consumer<ObjectInfo> each) {
        list(prefix, each, marker -> { });
    }

    /**
     * Every entry of the listing under {@code prefix}, objects to {@code objects} and folder
     * markers to {@code folderMarkers}. A folder marker is a key ending in {@code /}: S3 consoles
     * and sync tools create them (usually empty), and some servers list one for every directory.
     * DataJoint never writes one and no DataJoint path ends in {@code /}, so a marker is never an
     * object of a store. A file store lists no markers: its directories are not entries.
     */
    void list(String prefix, Consumer<ObjectInfo> objects, Consumer<ObjectInfo> folderMarkers);

    /**
     * The folders directly under the folder {@code prefix} ({@code ""}, or a path ending in
     * {@code /}): the next segment of the path of every object below it, each once, in no set
     * order. A store may also name a folder that holds no object (an empty directory, a folder
     * marker). The default lists every object below; the built-in stores read one level only
     * (a directory, an S3 listing with the {@code /} delimiter), which is what a caller wants
     * when a few folders sit beside many objects.
     */
    default void listFolders(String prefix, Consumer<String> folders) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("A folder ends in /: " + prefix);
        }
        Set<String> seen = new HashSet<>();
        list(prefix, info -> {
            String rest = info.path().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && seen.add(rest.substring(0, slash))) {
                folders.accept(rest.substring(0, slash));
            }
        });
    }

    /** The object's full address for messages: an absolute file path or {@code s3://bucket/key}. */
    String address(String path);

    @Override
    void close();

    /** A checked failure with the store's name and the address of the object. */
    default StoreException failure(String what, String path, Exception cause) {
        return new StoreException("Store `" + spec().name() + "`: cannot " + what + " " + address(path)
                + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    }
}
