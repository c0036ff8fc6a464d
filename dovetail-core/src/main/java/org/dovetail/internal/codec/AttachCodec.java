package org.dovetail.internal.codec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.dovetail.InvalidValueException;
import org.dovetail.heading.Attribute;
import org.dovetail.schema.Attachment;

/** Internal {@code attach} attributes: {@code <filename> 0x00 <contents>} in a {@code longblob}, as DataJoint stores them. */
final class AttachCodec implements AttributeCodec {
    private final Attribute attribute;

    AttachCodec(Attribute attribute) {
        this.attribute = attribute;
    }

    @Override
    public Object toDatabase(Object value) {
        Attachment a;
        if (value instanceof Attachment attachment) {
            a = attachment;
        } else if (value instanceof Path path) {
            a = Attachment.of(path);
        } else {
            throw Values.invalid(attribute, value, "an Attachment or the Path of a file");
        }
        byte[] name = a.filename().getBytes(StandardCharsets.UTF_8);
        byte[] stored = new byte[name.length + 1 + a.contents().length];
        System.arraycopy(name, 0, stored, 0, name.length);
        System.arraycopy(a.contents(), 0, stored, name.length + 1, a.contents().length);
        return stored;
    }

    @Override
    public Object fromDatabase(ResultSet row, int column) throws SQLException {
        byte[] stored = row.getBytes(column);
        if (stored == null) {
            return null;
        }
        int zero = 0;
        while (zero < stored.length && stored[zero] != 0) {
            zero++;
        }
        if (zero == stored.length) {
            throw new InvalidValueException("Attribute `" + attribute.name() + "` holds no attachment name (no 0 byte)");
        }
        byte[] contents = Arrays.copyOfRange(stored, zero + 1, stored.length);
        return new Attachment(new String(stored, 0, zero, StandardCharsets.UTF_8), contents);
    }
}
