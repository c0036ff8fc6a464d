package org.dovetail.internal.codec;

import java.io.File;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.InvalidValueException;
import org.dovetail.blob.Blob;
import org.dovetail.blob.RawBlob;
import org.dovetail.hash.UuidBytes;
import org.dovetail.heading.Attribute;
import org.dovetail.schema.Attachment;
import org.dovetail.store.ExternalStore;
import org.dovetail.store.StagedObject;

/**
 * Attributes kept in an external store: {@code blob@store}, {@code attach@store} and
 * {@code filepath@store}. The column holds the 16-byte hash of the object; the object is in the
 * store named in the configuration, tracked in {@code ~external_<store>}.
 *
 * <table>
 * <caption>Values</caption>
 * <tr><th>type</th><th>insert takes</th><th>fetch returns</th></tr>
 * <tr><td>blob@store</td><td>any value the blob codec packs</td><td>the decoded value</td></tr>
 * <tr><td>attach@store</td><td>a Path (or its text), or an {@link Attachment}</td><td>the Path of the downloaded file</td></tr>
 * <tr><td>filepath@store</td><td>a Path (or its text) under the store's stage</td><td>the Path of the file under the stage</td></tr>
 * </table>
 *
 * <p>Uploads can run before the insert's transaction: {@link #stageAll} uploads the values of many
 * rows in parallel and returns {@link StagedObject}s that the codec then only tracks.
 *
 * <pre>{@code
 * AttributeCodec codec = ExternalCodecs.codec(heading.attribute("raw_trace"), context);
 * Object hashBytes = codec.toDatabase(new double[] {1, 2, 3});   // uploaded and tracked
 * }</pre>
 */
public final class ExternalCodecs {
    private ExternalCodecs() {
    }

    /** The codec of an external attribute ({@link Attribute#isExternal()} or a filepath). */
    public static AttributeCodec codec(Attribute attribute, CodecContext context) {
        return new ExternalCodec(attribute, context);
    }

    /** True for the attributes whose values {@link #stageAll} can upload ahead of an insert. */
    public static boolean stageable(Attribute attribute) {
        return attribute.isExternal() && !attribute.isFilepath();
    }

    /**
     * Uploads the values of one external blob or attachment attribute for many rows, in parallel,
     * without touching the database; returns, for each value, the staged object to insert instead.
     */
    public static Map<Object, StagedObject> stageAll(Attribute attribute, CodecContext context, List<Object> values) {
        ExternalStore store = context.store(attribute.store());
        Map<Object, StagedObject> staged = new IdentityHashMap<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> distinct = new ArrayList<>();
        for (Object v : values) {
            if (seen.add(v)) {
                distinct.add(v);
            }
        }
        if (attribute.isAttachment()) {
            List<Path> files = new ArrayList<>();
            List<Object> fromFiles = new ArrayList<>();
            for (Object v : distinct) {
                if (v instanceof Attachment a) {
                    staged.put(v, store.stageAttachment(context.database(), a.filename(), a.contents()));
                } else {
                    files.add(path(attribute, v));
                    fromFiles.add(v);
                }
            }
            List<StagedObject> uploaded = store.stageAttachments(context.database(), files);
            for (int i = 0; i < fromFiles.size(); i++) {
                staged.put(fromFiles.get(i), uploaded.get(i));
            }
            return staged;
        }
        List<StagedObject> uploaded = store.stageValues(context.database(), distinct);
        for (int i = 0; i < distinct.size(); i++) {
            staged.put(distinct.get(i), uploaded.get(i));
        }
        return staged;
    }

    static Path path(Attribute attribute, Object value) {
        if (value instanceof Path p) {
            return p;
        }
        if (value instanceof String s) {
            return Path.of(s);
        }
        if (value instanceof File f) {
            return f.toPath();
        }
        throw new InvalidValueException("Attribute `" + attribute.name() + "` (" + attribute.type() + ") takes a file path, got "
                + Values.describe(value));
    }

    /** One attribute's conversions. */
    private static final class ExternalCodec implements BulkCodec {
        private final Attribute attribute;
        private final CodecContext context;

        ExternalCodec(Attribute attribute, CodecContext context) {
            this.attribute = attribute;
            this.context = context;
        }

        private ExternalStore store() {
            return context.store(attribute.store());
        }

        @Override
        public Object toDatabase(Object value) {
            String schema = context.database();
            if (value instanceof StagedObject staged) {
                store().track(schema, staged);
                return UuidBytes.toBytes(staged.hash());
            }
            if (value instanceof UUID uuid) {
                return UuidBytes.toBytes(uuid); // a hash that is tracked already (copying rows)
            }
            if (attribute.isFilepath()) {
                return UuidBytes.toBytes(store().putFilepath(schema, path(attribute, value)));
            }
            if (attribute.isAttachment()) {
                StagedObject staged = value instanceof Attachment a
                        ? store().stageAttachment(schema, a.filename(), a.contents())
                        : store().stageAttachment(schema, path(attribute, value));
                store().track(schema, staged);
                return UuidBytes.toBytes(staged.hash());
            }
            byte[] blob;
            try {
                blob = Blob.encode(value);
            } catch (DovetailException e) {
                throw new InvalidValueException("Attribute `" + attribute.name() + "` (" + attribute.type() + "): " + e.getMessage(), e);
            }
            return UuidBytes.toBytes(store().putBlob(schema, blob));
        }

        @Override
        public Object fromDatabase(ResultSet row, int column) throws SQLException {
            byte[] bytes = row.getBytes(column);
            return bytes == null ? null : UuidBytes.fromBytes(bytes);
        }

        @Override
        public List<Object> complete(List<Object> fetched) {
            String schema = context.database();
            List<Object> values = new ArrayList<>(Collections.nCopies(fetched.size(), null));
            List<Integer> positions = new ArrayList<>();
            List<UUID> hashes = new ArrayList<>();
            for (int i = 0; i < fetched.size(); i++) {
                if (fetched.get(i) instanceof UUID hash) {
                    positions.add(i);
                    hashes.add(hash);
                }
            }
            if (hashes.isEmpty()) {
                return values;
            }
            ExternalStore store = store();
            if (attribute.isFilepath()) {
                for (int i = 0; i < hashes.size(); i++) {
                    values.set(positions.get(i), store.getFilepath(schema, hashes.get(i)));
                }
            } else if (attribute.isAttachment()) {
                for (int i = 0; i < hashes.size(); i++) {
                    values.set(positions.get(i), store.getAttachment(schema, hashes.get(i), context.downloadPath()));
                }
            } else {
                List<byte[]> blobs = store.getBlobs(schema, hashes);
                boolean raw = context.rawBlobs() && attribute.adapter() == null; // an adapter gets the decoded value
                List<Object> decoded = raw ? blobs.stream().<Object>map(RawBlob::of).toList()
                        : blobs.parallelStream().map(Blob::decode).toList();
                for (int i = 0; i < hashes.size(); i++) {
                    values.set(positions.get(i), decoded.get(i));
                }
            }
            return values;
        }
    }
}
