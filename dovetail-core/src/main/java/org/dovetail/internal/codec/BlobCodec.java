package org.dovetail.internal.codec;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.dovetail.DovetailException;
import org.dovetail.blob.Blob;
import org.dovetail.blob.BlobFormatException;
import org.dovetail.blob.RawBlob;
import org.dovetail.heading.Attribute;

/**
 * Internal {@code longblob} (and tiny/medium/plain blob) attributes: values packed by the blob
 * codec ({@link Blob}), byte for byte as DataJoint-Python packs them. A {@link RawBlob} is stored
 * verbatim (already packed); with {@link CodecContext#rawBlobs()} the stored bytes also fetch as one.
 */
final class BlobCodec implements AttributeCodec {
    private final Attribute attribute;
    private final boolean raw;

    /** {@code raw}: fetch the stored bytes as a {@link RawBlob}, undecoded. */
    BlobCodec(Attribute attribute, boolean raw) {
        this.attribute = attribute;
        this.raw = raw;
    }

    @Override
    public Object toDatabase(Object value) {
        try {
            return Blob.encode(value);
        } catch (DovetailException e) {
            throw Values.invalid(attribute, value, "a value the blob codec can pack (" + e.getMessage() + ")");
        }
    }

    @Override
    public Object fromDatabase(ResultSet row, int column) throws SQLException {
        byte[] bytes = row.getBytes(column);
        if (bytes == null) {
            return null;
        }
        try {
            if (raw) {
                return RawBlob.of(bytes);
            }
            return Blob.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new BlobFormatException("unknown header: not mYm\\0, dj0\\0 or ZL123\\0", 0).in("attribute `" + attribute.name() + "`");
        } catch (BlobFormatException e) {
            throw e.in("attribute `" + attribute.name() + "`");
        }
    }
}
