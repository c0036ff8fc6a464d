package org.dovetail.ops.backup.sftp;

import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Checks the server's host key against a known_hosts file and remembers why it refused one, so
 * the failure names the host, the file and the fingerprints instead of the SSH library's
 * "server key did not validate". An unknown host is refused unless new keys are accepted (then
 * its key is appended to the file); a key that differs from the listed one is always refused.
 */
final class HostKeyCheck {
    private final SftpLocation location;
    private final Path knownHosts;
    private final KnownHostsServerKeyVerifier verifier;
    private volatile String refusal;
    private volatile String added;

    HostKeyCheck(SftpLocation location, SftpOptions options) {
        this.location = location;
        this.knownHosts = options.knownHosts().toAbsolutePath();
        ServerKeyVerifier unknown = (session, remote, key) -> {
            if (options.acceptNewHostKey()) {
                added = describe(key);
                return true;
            }
            refusal = "the host key of " + location.knownHostsName() + " (" + describe(key) + ") is not in " + knownHosts
                    + ". Check that fingerprint with the server's administrator (`ssh-keygen -lf` on the server's"
                    + " /etc/ssh/ssh_host_*_key.pub), then add the key (`ssh-keyscan" + portOption() + " " + location.host()
                    + " >> " + knownHosts + "`) or connect once with --accept-new-host-key";
            return false;
        };
        this.verifier = new KnownHostsServerKeyVerifier(unknown, knownHosts);
        verifier.setModifiedServerKeyAcceptor((session, remote, entry, expected, actual) -> {
            refusal = "the host key of " + location.knownHostsName() + " has CHANGED: " + knownHosts + " lists "
                    + describe(expected) + ", the server offered " + describe(actual) + ". Either the server was"
                    + " reinstalled or the connection is being intercepted; nothing was sent. If the change is expected,"
                    + " remove the old entry (`ssh-keygen -R '" + location.knownHostsName() + "' -f " + knownHosts
                    + "`) and add the new key";
            return false;
        });
    }

    ServerKeyVerifier verifier() {
        return verifier;
    }

    /** Why the host key was refused, or null if it was not. */
    String refusal() {
        return refusal;
    }

    /** The key added to the known_hosts file on this connection (type and fingerprint), or null. */
    String added() {
        return added;
    }

    private String portOption() {
        return location.port() == SftpLocation.DEFAULT_PORT ? "" : " -p " + location.port();
    }

    private static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }
}
