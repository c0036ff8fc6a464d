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
import org.dovetail.InvalidValueException;
import org.dovetail.blob.Blob;
import org.dovetail.blob.BlobValueException;
import org.dovetail.blob.RawBlob;
import org.dovetail.hash.UuidBytes;
import org.dovetail.heading.Attribute;
import org.dovetail.schema.Attachment;
import org.dovetail.store.ExternalStore;
import org.dovetail.store.StagedFilepath;
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
 * <p>An insert converts a whole column at once ({@link BulkCodec#stage}, {@link BulkCodec#track}):
 * the values of all rows are packed, hashed and uploaded in parallel before its transaction
 * opens, and only their tracking rows are written inside it. (Filepaths are read and hashed
 * before it; inside it their rows are checked and the files copied to the store where needed.)
 * Fetch reads the tracking rows of a column in one query and downloads in parallel. A single value
 * ({@link AttributeCodec#toDatabase}, as update1 uses it) takes both steps at once.
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
            List<Staged> staged = stage(Collections.singletonList(value));
            track(staged);
            return staged.get(0).parameter();
        }

        @Override
        public List<Staged> stage(List<Object> values) {
            // each distinct value (by identity) once; rows[i] is the index of row i's value, -1 for null
            Map<Object, Integer> index = new IdentityHashMap<>();
            List<Object> distinct = new ArrayList<>();
            int[] rows = new int[values.size()];
            for (int i = 0; i < rows.length; i++) {
                Object value = values.get(i);
                if (value == null) {
                    rows[i] = -1;
                    continue;
                }
                Integer known = index.putIfAbsent(value, distinct.size());
                if (known == null) {
                    known = distinct.size();
                    distinct.add(value);
                }
                rows[i] = known;
            }
            List<Staged> converted;
            try {
                converted = stageDistinct(distinct);
            } catch (StageFailure e) {
                throw e.at(firstRow(rows, e.index()));
            }
            List<Staged> staged = new ArrayList<>(rows.length);
            for (int row : rows) {
                staged.add(row < 0 ? null : converted.get(row));
            }
            return staged;
        }

        private static int firstRow(int[] rows, int distinct) {
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == distinct) {
                    return i;
                }
            }
            return distinct;
        }

        /** Stages distinct non-null values: a UUID is a hash tracked already (rows copied), the rest go to the store. */
        private List<Staged> stageDistinct(List<Object> values) {
            List<Staged> staged = new ArrayList<>(Collections.nCopies(values.size(), null));
            List<Integer> positions = new ArrayList<>();
            List<Object> objects = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof UUID hash) {
                    staged.set(i, new Staged(UuidBytes.toBytes(hash), null));
                } else {
                    positions.add(i);
                    objects.add(values.get(i));
                }
            }
            if (objects.isEmpty()) {
                return staged;
            }
            String schema = context.database();
            ExternalStore store = store();
            store.declareTracking(schema); // now: DDL cannot run inside the insert's transaction
            List<?> pending;
            if (attribute.isFilepath()) {
                List<Path> paths = new ArrayList<>(objects.size());
                for (int i = 0; i < objects.size(); i++) {
                    paths.add(path(positions.get(i), objects.get(i)));
                }
                pending = store.stageFilepaths(schema, paths);
            } else if (attribute.isAttachment()) {
                pending = stageAttachments(store, schema, objects, positions);
            } else {
                List<Integer> order = new ArrayList<>(objects.size());
                for (int i = 0; i < objects.size(); i++) {
                    order.add(i);
                }
                pending = store.stageValues(schema, order, i -> encode(positions.get(i), objects.get(i)));
            }
            for (int i = 0; i < positions.size(); i++) {
                Object object = pending.get(i);
                UUID hash = object instanceof StagedFilepath f ? f.hash() : ((StagedObject) object).hash();
                staged.set(positions.get(i), new Staged(UuidBytes.toBytes(hash), object));
            }
            return staged;
        }

        /** The packed value; a value that does not pack fails with its position. */
        private byte[] encode(int position, Object value) {
            try {
                return Blob.encode(value);
            } catch (BlobValueException e) {
                throw new StageFailure(position, new InvalidValueException(
                        "Attribute `" + attribute.name() + "` (" + attribute.type() + "): " + e.getMessage(), e));
            }
        }

        private Path path(int position, Object value) {
            try {
                return ExternalCodecs.path(attribute, value);
            } catch (InvalidValueException e) {
                throw new StageFailure(position, e);
            }
        }

        /** Files in parallel; attachments given as name and bytes one by one. Same order as the values. */
        private List<StagedObject> stageAttachments(ExternalStore store, String schema, List<Object> values, List<Integer> positions) {
            List<StagedObject> staged = new ArrayList<>(Collections.nCopies(values.size(), null));
            List<Integer> fromFiles = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof Attachment a) {
                    staged.set(i, store.stageAttachment(schema, a.filename(), a.contents()));
                } else {
                    fromFiles.add(i);
                    files.add(path(positions.get(i), values.get(i)));
                }
            }
            List<StagedObject> uploaded = store.stageAttachments(schema, files);
            for (int i = 0; i < fromFiles.size(); i++) {
                staged.set(fromFiles.get(i), uploaded.get(i));
            }
            return staged;
        }

        @Override
        public void track(List<Staged> staged) {
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<StagedObject> objects = new ArrayList<>();
            List<StagedFilepath> filepaths = new ArrayList<>();
            for (Staged s : staged) {
                if (s == null || s.pending() == null || !seen.add(s.pending())) {
                    continue;
                }
                if (s.pending() instanceof StagedFilepath f) {
                    filepaths.add(f);
                } else {
                    objects.add((StagedObject) s.pending());
                }
            }
            if (!filepaths.isEmpty()) {
                store().trackFilepaths(context.database(), filepaths);
            }
            if (!objects.isEmpty()) {
                store().trackAll(context.database(), objects);
            }
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
            List<?> done;
            if (attribute.isFilepath()) {
                done = store.getFilepaths(schema, hashes);
            } else if (attribute.isAttachment()) {
                done = store.getAttachments(schema, hashes, context.downloadPath());
            } else {
                List<byte[]> blobs = store.getBlobs(schema, hashes);
                boolean raw = context.rawBlobs() && attribute.adapter() == null; // an adapter gets the decoded value
                done = raw ? blobs.stream().map(RawBlob::of).toList() : blobs.parallelStream().map(Blob::decode).toList();
            }
            for (int i = 0; i < hashes.size(); i++) {
                values.set(positions.get(i), done.get(i));
            }
            return values;
        }
    }
}
