package org.dovetail.internal.codec;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.dovetail.InvalidValueException;
import org.dovetail.heading.Attribute;

/**
 * {@code json} attributes. Any value Jackson can write (maps, lists, strings, numbers, a
 * {@link JsonNode}) is stored as its JSON text, as DataJoint stores {@code json.dumps(value)};
 * fetch returns a {@link JsonNode}. NaN and infinities are not JSON and are refused (Jackson would
 * otherwise write them as the strings {@code "NaN"}, {@code "Infinity"}).
 */
final class JsonCodec implements AttributeCodec {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final Attribute attribute;

    JsonCodec(Attribute attribute) {
        this.attribute = attribute;
    }

    @Override
    public Object toDatabase(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = new FiniteNumbers(MAPPER.createGenerator(text))) {
            MAPPER.writeValue(generator, value);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("Attribute `" + attribute.name() + "` (json) cannot hold " + Values.describe(value)
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** Refuses NaN and infinities, which JSON has no numbers for. */
    private static final class FiniteNumbers extends JsonGeneratorDelegate {
        FiniteNumbers(JsonGenerator generator) {
            super(generator, false);
        }

        private void check(double v) throws JsonGenerationException {
            if (!Double.isFinite(v)) {
                throw new JsonGenerationException(v + " is not JSON (JSON numbers are finite)", this);
            }
        }

        @Override
        public void writeNumber(double v) throws IOException {
            check(v);
            super.writeNumber(v);
        }

        @Override
        public void writeNumber(float v) throws IOException {
            check(v);
            super.writeNumber(v);
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                check(array[i]);
            }
            super.writeArray(array, offset, length);
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
