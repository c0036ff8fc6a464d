package org.dovetail.codec;

import java.nio.file.Path;
import org.dovetail.connection.Connection;

/**
 * What a codec may need besides the value: the connection (for external stores and their
 * tracking tables), the schema the attribute's table lives in, and where fetched attachments go.
 *
 * <pre>{@code
 * CodecContext context = CodecContext.of(connection, "lab");
 * }</pre>
 *
 * @param connection   the connection of the query or table
 * @param database     the schema (database) of the attribute's table; null for computed attributes
 * @param downloadPath directory for fetched external attachments and filepaths
 * @param rawBlobs     blobs (internal and external) fetch as their stored bytes ({@link org.dovetail.blob.RawBlob}), undecoded
 */
public record CodecContext(Connection connection, String database, Path downloadPath, boolean rawBlobs) {
    /** A context that decodes blobs. */
    public CodecContext(Connection connection, String database, Path downloadPath) {
        this(connection, database, downloadPath, false);
    }

    /** A context that downloads into the working directory, as DataJoint does by default. */
    public static CodecContext of(Connection connection, String database) {
        return new CodecContext(connection, database, Path.of("."));
    }
}
