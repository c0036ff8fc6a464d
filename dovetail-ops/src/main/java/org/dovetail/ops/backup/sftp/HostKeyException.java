package org.dovetail.ops.backup.sftp;

import org.dovetail.StoreException;

/**
 * The SFTP server's host key is not in the known_hosts file, or differs from the one listed
 * there: the connection was closed before anything was sent. The message names the host, the
 * file and the fingerprints, and how to add or replace the key.
 */
public class HostKeyException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** A refusal whose message names the host, the known_hosts file and the fingerprints. */
    public HostKeyException(String message) {
        super(message);
    }
}
