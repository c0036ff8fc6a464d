package org.dovetail.ops.backup.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process SFTP server (Apache MINA SSHD) on a free loopback port for tests: one account,
 * {@value #USER}, logging in with a generated key; files under a temporary root directory that
 * the account sees as {@code /}. Also writes the client's key file and a known_hosts file that
 * lists the server's host key.
 */
public final class TestSftpServer implements AutoCloseable {
    public static final String USER = "backup";

    private final SshServer server;
    private final Path root;
    private final Path identity;
    private final Path knownHosts;
    private final KeyPair hostKey;

    private TestSftpServer(SshServer server, Path root, Path identity, Path knownHosts, KeyPair hostKey) {
        this.server = server;
        this.root = root;
        this.identity = identity;
        this.knownHosts = knownHosts;
        this.hostKey = hostKey;
    }

    /** Starts a server whose files live in {@code dir/root}; keys and known_hosts go to {@code dir}. */
    public static TestSftpServer start(Path dir, SftpEventListener... listeners) throws IOException, GeneralSecurityException {
        Path root = Files.createDirectories(dir.resolve("root"));
        KeyPair hostKey = ecKey();
        KeyPair clientKey = ecKey();
        Path identity = dir.resolve("id_backup");
        writePrivateKey(clientKey, identity, null);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        PublicKey allowed = clientKey.getPublic();
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(allowed, key));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        for (SftpEventListener listener : listeners) {
            sftp.addSftpEventListener(listener);
        }
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        TestSftpServer started = new TestSftpServer(server, root, identity, dir.resolve("known_hosts"), hostKey);
        Files.writeString(started.knownHosts, started.knownHostsLine(hostKey.getPublic()), StandardCharsets.UTF_8);
        return started;
    }

    /** A new P-256 key pair. */
    public static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Writes a private key in OpenSSH format, encrypted with the passphrase if one is given. */
    public static void writePrivateKey(KeyPair key, Path file, String passphrase) throws IOException, GeneralSecurityException {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherMode("CTR");
            encryption.setCipherType("256");
            encryption.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            new OpenSSHKeyPairResourceWriter().writePrivateKey(key, "test", encryption, out);
        }
    }

    /** A known_hosts line for this server with the given key. */
    public String knownHostsLine(PublicKey key) {
        return location("").knownHostsName() + " " + PublicKeyEntry.toString(key) + "\n";
    }

    /** {@code sftp://backup@127.0.0.1:PORT/path}. */
    public SftpLocation location(String path) {
        return SftpLocation.parse("sftp://" + USER + "@127.0.0.1:" + server.getPort() + "/" + path);
    }

    /** The options that log in: the generated key and the known_hosts file that lists the server. */
    public SftpOptions options() {
        return SftpOptions.defaults().withIdentity(identity).withKnownHosts(knownHosts);
    }

    /** The directory the account sees as {@code /}. */
    public Path root() {
        return root;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public Path identity() {
        return identity;
    }

    public KeyPair hostKey() {
        return hostKey;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
