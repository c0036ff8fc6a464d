package org.dovetail.internal.codec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.dovetail.Dovetail;
import org.dovetail.spi.AttributeAdapter;
import org.dovetail.store.ExternalStore;

/**
 * What a codec may need besides the value: the external stores and adapters of the connection,
 * the schema the attribute's table lives in, and where fetched attachments go.
 *
 * <pre>{@code
 * CodecContext context = CodecContext.of(dovetail, "lab").withDownloadPath(Path.of("downloads"));
 * }</pre>
 *
 * @param stores       the connection's external stores by name (opened on first use)
 * @param adapters     the connection's attribute adapters by name
 * @param database     the schema (database) of the attribute's table; null for computed attributes
 * @param downloadPath directory for fetched external attachments and filepaths
 * @param rawBlobs     blobs (internal and external) fetch as their stored bytes ({@link org.dovetail.blob.RawBlob}), undecoded
 */
public record CodecContext(Function<String, ExternalStore> stores, Function<String, Optional<AttributeAdapter>> adapters,
        String database, Path downloadPath, boolean rawBlobs) {

    /** A context that decodes blobs and downloads into the working directory, as DataJoint does by default. */
    public static CodecContext of(Function<String, ExternalStore> stores, Function<String, Optional<AttributeAdapter>> adapters,
            String database) {
        return new CodecContext(stores, adapters, database, Path.of("."), false);
    }

    /** The context of a table in {@code database} on {@code dovetail}'s connection: its stores and adapters. */
    public static CodecContext of(Dovetail dovetail, String database) {
        return of(dovetail::store, dovetail::adapter, database);
    }

    /** A context without stores or adapters (for values that need neither). */
    public static CodecContext detached(String database) {
        return of(name -> {
            throw new IllegalStateException("no external store `" + name + "` here");
        }, name -> Optional.empty(), database);
    }

    /** This context for a table of {@code otherDatabase}. */
    public CodecContext withDatabase(String otherDatabase) {
        return new CodecContext(stores, adapters, otherDatabase, downloadPath, rawBlobs);
    }

    /** This context, downloading attachments and filepaths into {@code path}. */
    public CodecContext withDownloadPath(Path path) {
        return new CodecContext(stores, adapters, database, path, rawBlobs);
    }

    /** This context, fetching blobs as their stored bytes or not. */
    public CodecContext withRawBlobs(boolean raw) {
        return new CodecContext(stores, adapters, database, downloadPath, raw);
    }

    /** The external store {@code name}. */
    public ExternalStore store(String name) {
        return stores.apply(name);
    }
}
