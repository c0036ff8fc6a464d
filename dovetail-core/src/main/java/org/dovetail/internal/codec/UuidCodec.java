package org.dovetail.internal.codec;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.dovetail.InvalidValueException;
import org.dovetail.hash.UuidBytes;
import org.dovetail.heading.Attribute;

/** {@code uuid} attributes: a {@link UUID} (or its text) stored as 16 bytes in {@code binary(16)}. */
final class UuidCodec implements AttributeCodec {
    private final Attribute attribute;

    UuidCodec(Attribute attribute) {
        this.attribute = attribute;
    }

    @Override
    public Object toDatabase(Object value) {
        return UuidBytes.toBytes(parse(value, "badly formed UUID value " + value + " for attribute `" + attribute.name() + "`"));
    }

    @Override
    public Object fromDatabase(ResultSet row, int column) throws SQLException {
        byte[] bytes = row.getBytes(column);
        return bytes == null ? null : UuidBytes.fromBytes(bytes);
    }

    /** A UUID, or the UUID a string spells (hyphens optional, as Python's {@code uuid.UUID} accepts). */
    static UUID parse(Object value, String message) {
        if (value instanceof UUID uuid) {
            return uuid;
        }
        if (value instanceof CharSequence text) {
            String hex = text.toString().strip().replace("-", "").replaceFirst("^(?i)urn:uuid:", "");
            if (hex.startsWith("{") && hex.endsWith("}")) {
                hex = hex.substring(1, hex.length() - 1);
            }
            if (hex.matches("[0-9a-fA-F]{32}")) {
                return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
            }
        }
        throw new InvalidValueException(message);
    }
}
