package org.dovetail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.Base64;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.InvalidValueException;
import org.dovetail.blob.Blob;
import org.dovetail.blob.BlobFormatException;
import org.dovetail.blob.BlobJson;
import org.dovetail.blob.RawBlob;
import org.dovetail.heading.Attribute;
import org.dovetail.schema.Attachment;

/**
 * Attribute values in JSON, the same both ways: uuid and decimal as strings, dates and times as
 * ISO-8601 text, blobs as the canonical tree of blob-format.md §9 (whatever they hold, a bare
 * number included), attachments as {@code {"filename", "contents_base64"}}, json attributes as
 * themselves. Numbers read for insert stay exact (integers as BigInteger, others as BigDecimal)
 * so that each attribute's codec gives its column exactly what it holds.
 */
final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** A fetched value as JSON. */
    static JsonNode toJson(Object value, Attribute attribute) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (attribute != null && attribute.isBlob()) {
            try {
                return BlobJson.toJson(value); // a blob holding 7 or a date is {"t": "int", ...}, never a bare 7 or text
            } catch (BlobFormatException e) {
                throw e.in("attribute `" + attribute.name() + "`");
            }
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (value instanceof BigDecimal d) {
            return NODES.textNode(d.toPlainString());
        }
        if (value instanceof String || value instanceof UUID || value instanceof Temporal) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof Duration d) {
            return NODES.textNode(timeText(d));
        }
        if (value instanceof Path path) {
            return NODES.textNode(path.toString()); // a downloaded attach@store file or a filepath@store file
        }
        if (value instanceof Attachment a) {
            ObjectNode node = NODES.objectNode();
            node.put("filename", a.filename());
            node.put("contents_base64", Base64.getEncoder().encodeToString(a.contents()));
            return node;
        }
        if (attribute != null && attribute.adapter() != null || !(value instanceof Number)) {
            return BlobJson.toJson(value);
        }
        return NODES.numberNode(((Number) value).doubleValue());
    }

    /** A JSON value read from a file, as insert takes it for {@code attribute}. */
    static Object fromJson(JsonNode node, Attribute attribute) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (attribute.json()) {
            return node;
        }
        if (attribute.isBlob()) {
            try {
                Object value = BlobJson.fromJson(node);
                // a blob holding None ({"t": "none"}) is stored as such; null would mean SQL NULL
                return value == null && attribute.adapter() == null ? RawBlob.of(Blob.encode(null)) : value;
            } catch (DovetailException e) {
                if (node.isObject() && node.has("t")) {
                    throw new InvalidValueException("`" + attribute.name() + "` cannot hold this blob: " + e.getMessage(), e);
                }
                throw new InvalidValueException("`" + attribute.name() + "` takes a blob as the canonical JSON tree"
                        + " ({\"t\": ...}, as `dovetail fetch` prints it): " + e.getMessage(), e);
            }
        }
        if (attribute.isAttachment() && node.isObject()) {
            return new Attachment(node.path("filename").asText(), Base64.getDecoder().decode(node.path("contents_base64").asText()));
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isDouble()) {
            return node.doubleValue(); // -0.0, which no BigDecimal holds (see RowFile)
        }
        if (node.isNumber()) {
            return node.decimalValue(); // exact: the attribute's codec rounds as its column does, or refuses
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        return node.toString();
    }

    /** A CSV cell (always text) as insert takes it: blobs and json from their JSON text, the rest as the text. */
    static Object fromCsv(String text, Attribute attribute) throws IOException {
        if (attribute.isBlob() || attribute.json()) {
            return text.isEmpty() ? null : fromJson(Output.JSON.readTree(text), attribute);
        }
        return text;
    }

    /** {@code [-]HH:MM:SS[.ffffff]}. */
    static String timeText(Duration d) {
        Duration abs = d.abs();
        String text = String.format("%s%02d:%02d:%02d", d.isNegative() ? "-" : "", abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart());
        int micros = abs.toNanosPart() / 1000;
        return micros == 0 ? text : text + String.format(".%06d", micros);
    }
}
