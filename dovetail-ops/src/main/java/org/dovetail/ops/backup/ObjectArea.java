package org.dovetail.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dovetail.ErrorCode;
import org.dovetail.MissingExternalFileException;
import org.dovetail.hash.UuidBytes;
import org.dovetail.spi.ObjectInfo;
import org.dovetail.spi.ObjectStore;
import org.dovetail.store.TrackingRow;

/**
 * The content-addressed object area of a target ({@code objects/<store>/<h0h1>/<key>}): copies an
 * external object in (checked against its size and DataJoint hash as it streams, SHA-256
 * recorded) and back out into a store.
 */
final class ObjectArea {
    private final ObjectStore target;

    ObjectArea(ObjectStore target) {
        this.target = target;
    }

    /**
     * The content key of a tracked object: the contents hash of a filepath object (its path is
     * in the row), else the row's hash (blobs and attachments: a digest of their contents).
     */
    static String key(TrackingRow row) {
        UUID id = row.kind() == TrackingRow.Kind.FILEPATH && row.contentsHash() != null ? row.contentsHash() : row.hash();
        return UuidBytes.toHex(id);
    }

    /** The DataJoint digest the object's bytes must have (with its init string), or null when the row records none. */
    private static MessageDigest expectedDigest(TrackingRow row) {
        MessageDigest md5 = Hashing.md5();
        switch (row.kind()) {
            case BLOB -> {
                return md5;
            }
            case ATTACHMENT -> {
                md5.update((row.attachmentName() + "\0").getBytes(StandardCharsets.UTF_8));
                return md5;
            }
            default -> {
                return row.contentsHash() != null ? md5 : null;
            }
        }
    }

    private static UUID expectedHash(TrackingRow row) {
        return row.kind() == TrackingRow.Kind.FILEPATH ? row.contentsHash() : row.hash();
    }

    /** The object of {@code key} in the area, if present. */
    Optional<ObjectInfo> stat(String store, String key) {
        return target.stat(SetLayout.object(store, key));
    }

    /**
     * Copies an object from its store into the area; returns its SHA-256.
     *
     * @throws MissingExternalFileException when the store does not have it
     * @throws BackupException              when its size or hash is not the recorded one (nothing is left in the area)
     */
    String copyIn(ObjectStore source, String path, String store, TrackingRow row) {
        String key = key(row);
        String[] sha = new String[1];
        MessageDigest digest = expectedDigest(row);
        String address = source.address(path);
        target.write(SetLayout.object(store, key), Map.of(), out -> {
            try (InputStream raw = source.open(path); Hashing.In in = new Hashing.In(raw, digest)) {
                in.transferTo(out);
                if (in.bytes != row.size()) {
                    throw new BackupException(ErrorCode.INTEGRITY, "The object " + address + " has " + in.bytes + " bytes; its tracking row says "
                            + row.size() + ": not copied");
                }
                if (digest != null && !UuidBytes.fromBytes(digest.digest()).equals(expectedHash(row))) {
                    throw new BackupException(ErrorCode.INTEGRITY, "The object " + address + " does not hash to " + expectedHash(row)
                            + " as its tracking row says: not copied");
                }
                sha[0] = Hashing.hex(in.sha.digest());
            }
        });
        return sha[0];
    }

    /** The SHA-256 of an object in the area, read back. */
    String sha256(String store, String key) {
        try (InputStream raw = target.open(SetLayout.object(store, key)); Hashing.In in = new Hashing.In(raw, null)) {
            return in.drain();
        } catch (IOException e) {
            throw new BackupException(ErrorCode.IO, "Cannot read " + target.address(SetLayout.object(store, key)) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an object of the area into a store at {@code path}, checking its SHA-256 as it
     * streams (a mismatch leaves the store as it was).
     */
    void copyOut(Manifest.ObjectEntry object, ObjectStore destination, String path) {
        String from = SetLayout.object(object.store(), object.key());
        destination.write(path, Map.of(), out -> {
            try (InputStream raw = target.open(from); Hashing.In in = new Hashing.In(raw, null)) {
                in.transferTo(out);
                String sha = Hashing.hex(in.sha.digest());
                if (in.bytes != object.size() || !sha.equals(object.sha256())) {
                    throw new BackupException(ErrorCode.INTEGRITY, "The backup copy " + target.address(from) + " is damaged (" + in.bytes
                            + " bytes, SHA-256 " + sha + "; the manifest says " + object.size() + ", " + object.sha256() + ")");
                }
            }
        });
    }

    /** The SHA-256 of an object in a store, or null when it is absent. */
    static String sha256Of(ObjectStore store, String path) {
        try (InputStream raw = store.open(path); Hashing.In in = new Hashing.In(raw, null)) {
            return in.drain();
        } catch (MissingExternalFileException e) {
            return null;
        } catch (IOException e) {
            throw new BackupException(ErrorCode.IO, "Cannot read " + store.address(path) + ": " + e.getMessage(), e);
        }
    }
}
