package org.dovetail.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.dovetail.InvalidValueException;
import org.dovetail.heading.Attribute;

/**
 * {@code json} attributes. Any value Jackson can write (maps, lists, strings, numbers, a
 * {@link JsonNode}) is stored as its JSON text, as DataJoint stores {@code json.dumps(value)};
 * fetch returns a {@link JsonNode}.
 */
final class JsonCodec implements AttributeCodec {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final Attribute attribute;

    JsonCodec(Attribute attribute) {
        this.attribute = attribute;
    }

    @Override
    public Object toDatabase(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("Attribute `" + attribute.name() + "` (json) cannot hold " + Values.describe(value)
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Object fromDatabase(ResultSet row, int column) throws SQLException {
        String text = row.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("Attribute `" + attribute.name() + "` holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
