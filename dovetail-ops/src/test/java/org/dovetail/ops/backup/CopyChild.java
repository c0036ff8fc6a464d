package org.dovetail.ops.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.ops.backup.sftp.SftpLocation;
import org.dovetail.ops.backup.sftp.SftpOptions;
import org.dovetail.ops.backup.sftp.SftpStore;

/**
 * A separate process for {@link BackupCopyKillIT}: copies the new sets of a directory to an SFTP
 * target, and once the first bytes of an object are written there prints
 * {@value #INSIDE_OBJECT} and the object's path, and waits on standard input, which never comes: the test kills it there.
 *
 * <p>Arguments: host port user password sourceDirectory sftpUrl identityFile knownHostsFile
 */
public final class CopyChild {
    /** The start of the line printed midway through an object's upload (every object's: they are copied in parallel). */
    static final String INSIDE_OBJECT = "INSIDE_OBJECT";

    private CopyChild() {}

    public static void main(String[] args) {
        Config config = Config.builder().host(args[0]).port(Integer.parseInt(args[1])).user(args[2]).password(args[3]).build();
        SftpOptions options = SftpOptions.defaults().withIdentity(Path.of(args[6])).withKnownHosts(Path.of(args[7]));
        SftpStore sftp = SftpStore.connect(SftpLocation.parse(args[5]), options);
        BackupTarget.useSftp((uri, c) -> sftp);
        try (Dovetail dj = Dovetail.connect(config); BackupTarget source = BackupTarget.ofDirectory(args[4]);
             BackupTarget destination = BackupTarget.parse(args[5], config)) {
            BackupCopy copy = new BackupCopy(dj).withHooks(new BackupCopy.CopyHooks() {
                @Override
                public void objectMidway(String path) {
                    System.out.println(INSIDE_OBJECT + " " + path);
                    System.out.flush();
                    try {
                        System.in.read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            copy.apply(copy.plan(source, destination, List.of()), source, destination);
            System.out.println("done: the copy was never stopped");
        }
    }
}
