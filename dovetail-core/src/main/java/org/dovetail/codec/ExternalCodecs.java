package org.dovetail.codec;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.dovetail.InvalidValueException;
import org.dovetail.hash.UuidBytes;
import org.dovetail.heading.Attribute;

/**
 * The extension point for attributes kept in an external store: {@code blob@store},
 * {@code attach@store} and {@code filepath@store}. Their column holds the 16-byte hash of the
 * object, which {@code ~external_<store>} tracks.
 *
 * <p>Until external storage is plugged in here, the codec returned reads the hash as a
 * {@link UUID} and writes a {@link UUID} (or 16 bytes) as the hash, without touching any store.
 *
 * <pre>{@code
 * AttributeCodec codec = ExternalCodecs.codec(heading.attribute("raw_trace"), context);
 * UUID hash = (UUID) codec.fromDatabase(resultSet, 2);
 * }</pre>
 */
public final class ExternalCodecs {
    private ExternalCodecs() {
    }

    /** The codec of an external attribute ({@link Attribute#isExternal()} is true). */
    public static AttributeCodec codec(Attribute attribute, CodecContext context) {
        return new HashOnly(attribute);
    }

    /** The stored hash, as is. */
    private record HashOnly(Attribute attribute) implements AttributeCodec {
        @Override
        public Object toDatabase(Object value) {
            if (value instanceof UUID uuid) {
                return UuidBytes.toBytes(uuid);
            }
            if (value instanceof byte[] bytes && bytes.length == 16) {
                return bytes;
            }
            throw new InvalidValueException("Attribute `" + attribute.name() + "` (" + attribute.type()
                    + ") cannot be written yet: external storage is not available in this build; got "
                    + Values.describe(value));
        }

        @Override
        public Object fromDatabase(ResultSet row, int column) throws SQLException {
            byte[] bytes = row.getBytes(column);
            return bytes == null ? null : UuidBytes.fromBytes(bytes);
        }
    }
}
