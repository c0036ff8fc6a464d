package org.dovetail.ops.backup.sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to log in to an SFTP server: the private key, the known_hosts file the server's host key
 * is checked against, and whether a host that file does not know yet may be added to it.
 *
 * <pre>{@code
 * SftpOptions options = SftpOptions.defaults()                  // ~/.ssh/id_ed25519 (or id_ecdsa, id_rsa), ~/.ssh/known_hosts
 *         .withIdentity(Path.of("/etc/dovetail/backup_key"))
 *         .withKnownHosts(Path.of("/etc/dovetail/known_hosts"));
 * }</pre>
 *
 * @param identity          the private key file (OpenSSH or PEM format, without a passphrase)
 * @param knownHosts        the known_hosts file (OpenSSH format, hashed names included)
 * @param acceptNewHostKey  true to add the key of a host the file does not list (trust on first
 *                          use, like {@code ssh -o StrictHostKeyChecking=accept-new}); a key that
 *                          differs from a listed one is refused either way
 * @param timeout           how long connecting and logging in may take
 */
public record SftpOptions(Path identity, Path knownHosts, boolean acceptNewHostKey, Duration timeout) {
    /** The key files tried, in this order, when none is given. */
    public static final List<String> DEFAULT_IDENTITIES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    /**
     * The files {@code ssh} uses: the first of {@code ~/.ssh/id_ed25519}, {@code id_ecdsa},
     * {@code id_rsa} that exists, and {@code ~/.ssh/known_hosts}; new hosts refused; 30 s timeout.
     */
    public static SftpOptions defaults() {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        Path identity = DEFAULT_IDENTITIES.stream().map(ssh::resolve).filter(Files::isRegularFile).findFirst()
                .orElse(ssh.resolve(DEFAULT_IDENTITIES.get(0)));
        return new SftpOptions(identity, ssh.resolve("known_hosts"), false, Duration.ofSeconds(30));
    }

    /** These options with another private key file. */
    public SftpOptions withIdentity(Path file) {
        return new SftpOptions(file, knownHosts, acceptNewHostKey, timeout);
    }

    /** These options with another known_hosts file. */
    public SftpOptions withKnownHosts(Path file) {
        return new SftpOptions(identity, file, acceptNewHostKey, timeout);
    }

    /** These options, adding unknown hosts' keys to the known_hosts file ({@code true}) or refusing them. */
    public SftpOptions withAcceptNewHostKey(boolean accept) {
        return new SftpOptions(identity, knownHosts, accept, timeout);
    }

    /** These options with another connect and login timeout. */
    public SftpOptions withTimeout(Duration limit) {
        return new SftpOptions(identity, knownHosts, acceptNewHostKey, limit);
    }
}
