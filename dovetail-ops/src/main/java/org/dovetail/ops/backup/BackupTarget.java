package org.dovetail.ops.backup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.dovetail.InvalidInputException;
import org.dovetail.StoreException;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.ops.backup.sftp.SftpTargets;
import org.dovetail.spi.ObjectStore;

/**
 * Where backup sets are written and read: an {@link ObjectStore}, so that a directory, an S3
 * bucket and an SFTP server are one kind of thing to the engine (atomic writes, put, open, stat,
 * list, delete). {@link #parse} is the one place a {@code TARGET} argument is read:
 *
 * <ul>
 *   <li>a directory path ({@code /backups/lab}, {@code ./b}): created if missing;</li>
 *   <li>{@code store:NAME[/prefix]}: the bucket (or directory) and credentials of the configured
 *       DataJoint store {@code NAME}, under its location and then {@code prefix};</li>
 *   <li>{@code sftp://user@host[:port]/path}: an SFTP server (see {@link #SFTP}).</li>
 * </ul>
 *
 * <pre>{@code
 * try (BackupTarget target = BackupTarget.parse("store:s3store/backups", config)) {
 *     target.store().list("", info -> System.out.println(info.path()));
 * }
 * }</pre>
 */
public final class BackupTarget implements AutoCloseable {
    /** The name every target's store carries in messages. */
    static final String STORE_NAME = "backup-target";

    /**
     * Opens {@code sftp://} targets. The SFTP object store lives in its own class; until one is
     * installed here ({@link #useSftp}), an SFTP target is refused with a message saying so.
     */
    public interface SftpOpener {
        /** Opens the store an {@code sftp://user@host[:port]/path} URI names (key-based login, host key checked). */
        ObjectStore open(URI uri, Config config);
    }

    /** The opener of {@code sftp://} targets: the configuration's SFTP options unless the command line installs its own. */
    private static volatile SftpOpener sftp = SftpTargets::open;

    private final String argument;
    private final String description;
    private final ObjectStore store;

    private BackupTarget(String argument, String description, ObjectStore store) {
        this.argument = argument;
        this.description = description;
        this.store = store;
    }

    /** Installs how {@code sftp://} targets are opened (the SFTP store's class calls this). */
    public static void useSftp(SftpOpener opener) {
        sftp = Objects.requireNonNull(opener);
    }

    /**
     * Reads a {@code TARGET} argument and opens its store.
     *
     * @throws InvalidInputException when the argument names no target (an unknown store, an empty prefix)
     * @throws StoreException        when the directory cannot be created
     */
    public static BackupTarget parse(String argument, Config config) {
        if (argument == null || argument.isBlank()) {
            throw new InvalidInputException("A backup target is a directory, store:NAME[/prefix] or sftp://user@host[:port]/path; got nothing");
        }
        if (argument.startsWith("store:")) {
            return ofStore(argument, config);
        }
        if (argument.startsWith("sftp://")) {
            SftpOpener opener = sftp;
            if (opener == null) {
                throw new InvalidInputException("SFTP targets are not available in this build: " + argument);
            }
            URI uri;
            try {
                uri = URI.create(argument);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Backup target " + argument + " is not an sftp://user@host[:port]/path address: "
                        + e.getMessage());
            }
            ObjectStore store = opener.open(uri, config);
            // the store's own address is canonical (default port left out, no trailing slash), so every
            // spelling of one directory takes the same lock
            return new BackupTarget(argument, store.address(""), store);
        }
        if (argument.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new InvalidInputException("Unknown kind of backup target " + argument
                    + ": use a directory, store:NAME[/prefix] or sftp://user@host[:port]/path");
        }
        return ofDirectory(argument);
    }

    /** A directory as a target (created if missing). */
    public static BackupTarget ofDirectory(String directory) {
        Path dir = Path.of(directory).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the backup directory " + dir + ": " + e.getMessage(), e);
        }
        return new BackupTarget(directory, dir.toString(), ObjectStore.open(StoreSpec.file(STORE_NAME, dir.toString())));
    }

    private static BackupTarget ofStore(String argument, Config config) {
        String rest = argument.substring("store:".length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (!config.stores().containsKey(name)) {
            throw new InvalidInputException("Backup target " + argument + ": no store `" + name + "` is configured (stores: "
                    + String.join(", ", config.stores().keySet()) + ")");
        }
        StoreSpec spec = config.store(name);
        String location = trimSlashes(spec.location() == null ? "" : spec.location());
        String where = prefix.isEmpty() ? location : location.isEmpty() ? prefix : location + "/" + prefix;
        if (spec.protocol() == StoreSpec.Protocol.FILE) {
            BackupTarget dir = ofDirectory(prefix.isEmpty() ? spec.location() : Path.of(spec.location()).resolve(prefix).toString());
            return new BackupTarget(argument, dir.description, dir.store);
        }
        StoreSpec target = spec.withName(STORE_NAME).withLocation(where);
        return new BackupTarget(argument, "s3://" + spec.bucket() + "/" + where, ObjectStore.open(target));
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    /** The argument as given, e.g. {@code store:s3store/backups}. */
    public String argument() {
        return argument;
    }

    /** Where the sets are, for messages and the lock: an absolute directory, {@code s3://bucket/prefix}, or the SFTP URI. */
    public String description() {
        return description;
    }

    /** The store holding the sets (paths relative to the target). */
    public ObjectStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return description;
    }
}
