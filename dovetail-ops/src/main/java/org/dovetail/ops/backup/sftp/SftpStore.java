package org.dovetail.ops.backup.sftp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.config.StoreSpec;
import org.dovetail.spi.ObjectInfo;
import org.dovetail.spi.ObjectStore;

/**
 * A directory on an SFTP server as an {@link ObjectStore}, for backup targets: one SSH connection
 * (Apache MINA SSHD), logged in with a private key, the server's host key checked against a
 * known_hosts file. Objects are files under the directory; folders are created as needed.
 *
 * <p>Every write goes to {@code <name>.saving.<random>} beside the target and is renamed into
 * place ({@code posix-rename@openssh.com}, which replaces atomically, where the server offers it),
 * so an object is complete or absent: a killed upload leaves only a {@code .saving.} file, which
 * {@link #list} reports like any file (as a {@code file} store does). Reads and writes stream;
 * up to {@value #CHANNELS} SFTP channels serve concurrent callers.
 *
 * <pre>{@code
 * try (SftpStore target = SftpStore.connect(SftpLocation.parse("sftp://backup@vault/~/mysql"), SftpOptions.defaults())) {
 *     target.put("lab-20261203/manifest.json", manifestFile, Map.of());
 *     target.list("lab-20261203/", info -> System.out.println(info.path() + " " + info.size()));
 * }
 * }</pre>
 *
 * <p>{@link #spec()} is a {@code file} spec whose name and location are the {@code sftp://}
 * address: a store specification knows only DataJoint's protocols, and this is no DataJoint store.
 */
public final class SftpStore implements ObjectStore {
    /** The most SFTP channels open at once (OpenSSH allows 10 sessions per connection by default). */
    public static final int CHANNELS = 8;
    /** Marks temporary files, as the {@code file} store does. */
    public static final String TEMP_MARKER = ".saving.";
    private static final int BUFFER = 256 * 1024;

    private final SftpLocation location;
    private final StoreSpec spec;
    private final SshClient client;
    private final ClientSession session;
    private final String addedHostKey;
    private final LinkedBlockingDeque<SftpClient> idle = new LinkedBlockingDeque<>();
    private final Semaphore channels = new Semaphore(CHANNELS);
    private final Set<String> directories = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SftpStore(SftpLocation location, SshClient client, ClientSession session, String addedHostKey) {
        this.location = location;
        this.spec = StoreSpec.file(location.toString(), location.toString());
        this.client = client;
        this.session = session;
        this.addedHostKey = addedHostKey;
    }

    /**
     * Connects and logs in, checks the host key, and checks that the directory exists.
     *
     * @throws HostKeyException if the host key is unknown (and new keys are not accepted) or changed
     * @throws StoreException   if the key file is missing, unreadable or has a passphrase, the login
     *                          is refused, the server cannot be reached, or the directory does not exist
     */
    public static SftpStore connect(SftpLocation location, SftpOptions options) {
        List<KeyPair> keys = loadKeys(options.identity());
        HostKeyCheck hostKeys = new HostKeyCheck(location, options);
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys.verifier());
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY); // no ~/.ssh/config surprises
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE)); // key only, never a password prompt
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(location.user(), location.host(), location.port())
                    .verify(options.timeout()).getSession();
            keys.forEach(session::addPublicKeyIdentity);
            session.auth().verify(options.timeout());
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, client);
            if (hostKeys.refusal() != null) {
                throw new HostKeyException("SFTP target " + location + ": " + hostKeys.refusal());
            }
            throw new StoreException("SFTP target " + location + ": cannot log in as " + location.user() + " with the key "
                    + options.identity().toAbsolutePath() + ": " + message(e)
                    + " (is its public key in ~" + location.user() + "/.ssh/authorized_keys on " + location.host() + "?)", e);
        }
        SftpStore store = new SftpStore(location, client, session, hostKeys.added());
        try {
            store.checkDirectory();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static List<KeyPair> loadKeys(Path identity) {
        if (!Files.isRegularFile(identity)) {
            throw new StoreException("SFTP: the private key " + identity.toAbsolutePath() + " does not exist (give --identity FILE)");
        }
        boolean[] asked = {false};
        FileKeyPairProvider provider = new FileKeyPairProvider(identity);
        provider.setPasswordFinder((session, resource, retry) -> {
            asked[0] = true;
            return null;
        });
        List<KeyPair> keys = new ArrayList<>();
        try {
            provider.loadKeys(null).forEach(keys::add);
        } catch (RuntimeException e) {
            if (asked[0]) {
                throw new StoreException("SFTP: the private key " + identity.toAbsolutePath() + " has a passphrase; scheduled"
                        + " backups run unattended, so give a key without one (restrict it on the server instead)", e);
            }
            throw new StoreException("SFTP: cannot read the private key " + identity.toAbsolutePath() + ": " + message(e), e);
        }
        if (keys.isEmpty()) {
            throw new StoreException("SFTP: " + (asked[0] ? "the private key " + identity.toAbsolutePath() + " has a passphrase;"
                    + " scheduled backups run unattended, so give a key without one"
                    : "no private key found in " + identity.toAbsolutePath()));
        }
        return keys;
    }

    /** The location this store writes to. */
    public SftpLocation location() {
        return location;
    }

    /** The host key added to the known_hosts file when connecting (type and fingerprint), if one was. */
    public Optional<String> addedHostKey() {
        return Optional.ofNullable(addedHostKey);
    }

    @Override
    public StoreSpec spec() {
        return spec;
    }

    @Override
    public String address(String path) {
        String base = location.toString();
        return path.isEmpty() ? base : base + "/" + path;
    }

    @Override
    public void put(String path, byte[] content, Map<String, String> metadata) {
        write(path, out -> out.write(content));
    }

    @Override
    public void put(String path, Path source, Map<String, String> metadata) {
        write(path, out -> Files.copy(source, out));
    }

    /** Streams into a temporary file beside the target on the server, renamed into place when complete. */
    @Override
    public void write(String path, Map<String, String> metadata, Contents contents) {
        write(path, contents);
    }

    private void write(String path, Contents contents) {
        String target = remote(path);
        String temp = target + TEMP_MARKER + UUID.randomUUID().toString().substring(0, 8);
        SftpClient sftp = borrow();
        try {
            makeParents(sftp, path);
            try (OutputStream out = sftp.write(temp, BUFFER)) {
                contents.writeTo(out);
            }
            rename(sftp, temp, target);
        } catch (IOException | RuntimeException e) {
            try {
                sftp.remove(temp);
            } catch (IOException suppressed) {
                if (!isMissing(suppressed)) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e instanceof RuntimeException r ? r : failure("write", path, e); // what the contents raised, as it was
        } finally {
            giveBack(sftp);
        }
    }

    /** Replaces the target atomically where the server can (OpenSSH's posix-rename, SFTP v5+), else removes it first. */
    private static void rename(SftpClient sftp, String from, String to) throws IOException {
        OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (posix.isSupported()) {
            posix.posixRename(from, to);
        } else if (sftp.getVersion() >= SftpConstants.SFTP_V5) {
            sftp.rename(from, to, SftpClient.CopyMode.Atomic, SftpClient.CopyMode.Overwrite);
        } else {
            try {
                sftp.remove(to);
            } catch (IOException e) {
                if (!isMissing(e)) {
                    throw e;
                }
            }
            sftp.rename(from, to);
        }
    }

    @Override
    public InputStream open(String path) {
        SftpClient sftp = borrow();
        try {
            InputStream in = sftp.read(remote(path), BUFFER);
            return new FilterInputStream(in) {
                private boolean done;

                @Override
                public void close() throws IOException {
                    if (!done) {
                        done = true;
                        try {
                            super.close();
                        } finally {
                            giveBack(sftp);
                        }
                    }
                }
            };
        } catch (IOException e) {
            giveBack(sftp);
            throw isMissing(e) ? missing(path) : failure("read", path, e);
        } catch (RuntimeException e) {
            giveBack(sftp);
            throw e;
        }
    }

    @Override
    public byte[] read(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public void download(String path, Path target) {
        Path parent = target.toAbsolutePath().getParent();
        Path temp = parent.resolve(target.getFileName() + TEMP_MARKER + UUID.randomUUID().toString().substring(0, 8));
        try (InputStream in = open(path)) {
            Files.createDirectories(parent);
            Files.copy(in, temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failure("copy to " + target + " from", path, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the copy's own failure, if any, is the one to report
            }
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String path) {
        SftpClient sftp = borrow();
        try {
            SftpClient.Attributes attributes = sftp.stat(remote(path));
            return attributes.isRegularFile() ? Optional.of(new ObjectInfo(path, attributes.getSize(), Map.of())) : Optional.empty();
        } catch (IOException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw failure("inspect", path, e);
        } finally {
            giveBack(sftp);
        }
    }

    @Override
    public void delete(String path) {
        SftpClient sftp = borrow();
        try {
            sftp.remove(remote(path));
        } catch (IOException e) {
            if (!isMissing(e)) {
                throw failure("delete", path, e);
            }
        } finally {
            giveBack(sftp);
        }
    }

    /** Regular files only: directories are not entries, so there are no folder markers; symbolic links are skipped. */
    @Override
    public void list(String prefix, Consumer<ObjectInfo> objects, Consumer<ObjectInfo> folderMarkers) {
        int slash = prefix.lastIndexOf('/');
        String start = slash < 0 ? "" : prefix.substring(0, slash);
        if (!start.isEmpty()) {
            check(start);
        }
        SftpClient sftp = borrow();
        try {
            walk(sftp, start, prefix, objects);
        } catch (IOException e) {
            throw failure("list", prefix, e);
        } finally {
            giveBack(sftp);
        }
    }

    @Override
    public void listFolders(String prefix, Consumer<String> folders) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("A folder ends in /: " + prefix);
        }
        String dir = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        if (!dir.isEmpty()) {
            check(dir);
        }
        SftpClient sftp = borrow();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(remote(dir))) {
                String name = entry.getFilename();
                if (!name.equals(".") && !name.equals("..") && entry.getAttributes().isDirectory()) {
                    folders.accept(name);
                }
            }
        } catch (UncheckedIOException e) {
            if (!isMissing(e.getCause())) {
                throw failure("list", prefix, e.getCause());
            }
        } catch (IOException e) {
            if (!isMissing(e)) {
                throw failure("list", prefix, e);
            }
        } finally {
            giveBack(sftp);
        }
    }

    private void walk(SftpClient sftp, String relative, String prefix, Consumer<ObjectInfo> objects) throws IOException {
        Iterable<SftpClient.DirEntry> entries;
        List<SftpClient.DirEntry> listed = new ArrayList<>();
        try {
            entries = sftp.readDir(remote(relative));
            entries.forEach(listed::add);
        } catch (UncheckedIOException e) {
            if (isMissing(e.getCause())) {
                return;
            }
            throw e.getCause();
        } catch (IOException e) {
            if (isMissing(e)) {
                return;
            }
            throw e;
        }
        for (SftpClient.DirEntry entry : listed) {
            String name = entry.getFilename();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            String path = relative.isEmpty() ? name : relative + "/" + name;
            SftpClient.Attributes attributes = entry.getAttributes();
            if (attributes.isDirectory()) {
                if (path.startsWith(prefix) || prefix.startsWith(path + "/")) {
                    walk(sftp, path, prefix, objects);
                }
            } else if (attributes.isRegularFile() && path.startsWith(prefix)) {
                objects.accept(new ObjectInfo(path, attributes.getSize(), Map.of()));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (SftpClient sftp = idle.poll(); sftp != null; sftp = idle.poll()) {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // the session is closed next anyway
            }
        }
        closeQuietly(session, client);
    }

    private void checkDirectory() {
        SftpClient sftp = borrow();
        try {
            SftpClient.Attributes attributes = sftp.stat(location.remote(""));
            if (!attributes.isDirectory()) {
                throw new StoreException("SFTP target " + location + " is not a directory");
            }
        } catch (IOException e) {
            throw new StoreException("SFTP target " + location + (isMissing(e) ? " is not an existing directory: create it on "
                    + location.host() + " first" : ": cannot inspect the directory: " + message(e)), e);
        } finally {
            giveBack(sftp);
        }
    }

    /** Creates the folders above an object, from the target directory down, remembering those that exist. */
    private void makeParents(SftpClient sftp, String path) throws IOException {
        String[] segments = path.split("/");
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            folder.append(i == 0 ? "" : "/").append(segments[i]);
            String relative = folder.toString();
            if (directories.contains(relative)) {
                continue;
            }
            String remote = remote(relative);
            try {
                sftp.mkdir(remote);
            } catch (IOException e) {
                // exists already (SFTP v3 servers answer a plain failure), or made meanwhile by another writer
                if (!isDirectory(sftp, remote)) {
                    throw e;
                }
            }
            directories.add(relative);
        }
    }

    private static boolean isDirectory(SftpClient sftp, String remote) {
        try {
            return sftp.stat(remote).isDirectory();
        } catch (IOException e) {
            return false;
        }
    }

    /** The remote path of an object; a path that would leave the directory is refused. */
    private String remote(String path) {
        check(path);
        return location.remote(path);
    }

    private void check(String path) {
        if (path.startsWith("/")) {
            throw new StoreException("SFTP target " + location + ": refusing an absolute object path: " + path);
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new StoreException("SFTP target " + location + ": refusing object path with `..`: " + path);
            }
        }
    }

    private SftpClient borrow() {
        if (closed) {
            throw new StoreException("SFTP target " + location + " is closed");
        }
        channels.acquireUninterruptibly();
        SftpClient sftp = idle.pollFirst();
        while (sftp != null && !sftp.isOpen()) {
            sftp = idle.pollFirst();
        }
        if (sftp != null) {
            return sftp;
        }
        try {
            return SftpClientFactory.instance().createSftpClient(session);
        } catch (IOException | RuntimeException e) {
            channels.release();
            throw new StoreException("SFTP target " + location + ": cannot open an SFTP channel: " + message(e), e);
        }
    }

    private void giveBack(SftpClient sftp) {
        if (closed || !sftp.isOpen()) {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // closing an unusable channel
            }
        } else {
            idle.offerFirst(sftp);
        }
        channels.release();
    }

    private static boolean isMissing(IOException e) {
        return e instanceof SftpException s && s.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE;
    }

    private MissingExternalFileException missing(String path) {
        return new MissingExternalFileException("SFTP target: object " + address(path) + " does not exist");
    }

    @Override
    public StoreException failure(String what, String path, Exception cause) {
        return new StoreException("SFTP target: cannot " + what + " " + address(path) + ": " + message(cause), cause);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (IOException ignored) {
            // closing after a failure or at the end
        } finally {
            client.stop();
        }
    }
}
