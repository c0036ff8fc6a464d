package org.dovetail.codec;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.dovetail.DovetailException;
import org.dovetail.blob.Blob;
import org.dovetail.blob.RawBlob;
import org.dovetail.heading.Attribute;

/**
 * Internal {@code longblob} (and tiny/medium/plain blob) attributes: values packed by the blob
 * codec ({@link Blob}), byte for byte as DataJoint-Python packs them. A {@link RawBlob} is stored
 * verbatim (already packed).
 */
final class BlobCodec implements AttributeCodec {
    private final Attribute attribute;

    BlobCodec(Attribute attribute) {
        this.attribute = attribute;
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
        return bytes == null ? null : Blob.decode(bytes);
    }
}
