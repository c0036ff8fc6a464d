package org.dovetail.populate;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One row of a schema's {@code ~jobs} table, as Dovetail or DataJoint-Python wrote it.
 *
 * @param tableName the bare SQL name of the target table ({@code _scan}, {@code __spike_count})
 * @param keyHash DataJoint's {@code key_hash} of the key (32 hex digits)
 * @param status reserved, error or ignore
 * @param key the key the row was written for, decoded from its blob (attribute to value, in the
 *        order stored; integers as {@code Long}); null when the row has no key or the blob
 *        cannot be read
 * @param errorMessage the error message ({@code ""} unless an error)
 * @param errorStack the stack trace text, decoded from its blob; null when there is none
 * @param user the database account as {@code user()} reported it ({@code name@client-host})
 * @param host the host name of the worker
 * @param pid the process id of the worker
 * @param connectionId the {@code connection_id} the worker recorded
 * @param timestamp when the row was last written (the server's clock)
 */
public record Job(String tableName, String keyHash, JobStatus status, Map<String, Object> key, String errorMessage,
        String errorStack, String user, String host, long pid, long connectionId, LocalDateTime timestamp) {
}
