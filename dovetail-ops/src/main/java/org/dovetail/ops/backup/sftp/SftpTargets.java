package org.dovetail.ops.backup.sftp;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.dovetail.config.Config;
import org.dovetail.ops.backup.BackupTarget;
import org.dovetail.spi.ObjectStore;

/**
 * How {@code sftp://} backup targets are opened: the login options come from the configuration's
 * {@code custom} settings, over {@link SftpOptions#defaults()}:
 *
 * <pre>
 * "custom": {
 *   "backup.sftp.identity": "/etc/dovetail/backup_key",
 *   "backup.sftp.known_hosts": "/etc/dovetail/known_hosts",
 *   "backup.sftp.accept_new_host_key": false
 * }
 * </pre>
 *
 * {@link BackupTarget} opens SFTP targets with {@link #open}; the command line installs
 * {@link #opener} with its {@code --identity}, {@code --known-hosts} and
 * {@code --accept-new-host-key} options on top.
 */
public final class SftpTargets {
    /** The {@code custom} key of the private key file. */
    public static final String IDENTITY_KEY = "backup.sftp.identity";
    /** The {@code custom} key of the known_hosts file. */
    public static final String KNOWN_HOSTS_KEY = "backup.sftp.known_hosts";
    /** The {@code custom} key that lets a first connection add an unknown host's key ({@code true}/{@code false}). */
    public static final String ACCEPT_NEW_KEY = "backup.sftp.accept_new_host_key";

    private SftpTargets() {}

    /** The login options of a configuration: its {@code custom} settings over the defaults. */
    public static SftpOptions options(Config config) {
        SftpOptions options = SftpOptions.defaults();
        JsonNode custom = config.custom();
        if (custom == null) {
            return options;
        }
        if (custom.hasNonNull(IDENTITY_KEY)) {
            options = options.withIdentity(Path.of(custom.get(IDENTITY_KEY).asText()));
        }
        if (custom.hasNonNull(KNOWN_HOSTS_KEY)) {
            options = options.withKnownHosts(Path.of(custom.get(KNOWN_HOSTS_KEY).asText()));
        }
        if (custom.hasNonNull(ACCEPT_NEW_KEY)) {
            options = options.withAcceptNewHostKey(custom.get(ACCEPT_NEW_KEY).asBoolean());
        }
        return options;
    }

    /** Opens the SFTP target a URI names with the configuration's options. */
    public static ObjectStore open(URI uri, Config config) {
        return SftpStore.connect(SftpLocation.parse(uri.toString()), options(config));
    }

    /** An opener that adjusts the configuration's options (e.g. with command-line flags) before connecting. */
    public static BackupTarget.SftpOpener opener(UnaryOperator<SftpOptions> adjust) {
        return (uri, config) -> SftpStore.connect(SftpLocation.parse(uri.toString()), adjust.apply(options(config)));
    }
}
