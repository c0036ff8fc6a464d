package org.dovetail.internal.codec;

import java.util.Locale;
import org.dovetail.heading.Attribute;
import org.dovetail.internal.declare.TypeCategory;
import org.dovetail.schema.Attachment;

/**
 * Chooses the codec of an attribute from its heading type.
 *
 * <table>
 * <caption>What fetch returns and insert accepts</caption>
 * <tr><th>type</th><th>fetch returns</th><th>insert also accepts</th></tr>
 * <tr><td>tinyint … bigint, year</td><td>Long ({@code bigint unsigned}: BigInteger)</td><td>any whole Number within the type's range, Boolean, numeric text</td></tr>
 * <tr><td>float, double</td><td>Double</td><td>any Number, numeric text, as the nearest float/double (a double column takes
 *     integers only if exactly representable); NaN means NULL/default; ±Infinity and values beyond the range are errors</td></tr>
 * <tr><td>decimal</td><td>BigDecimal</td><td>any Number, numeric text, rounded to the scale; more integer digits than the type has are an error</td></tr>
 * <tr><td>char, varchar, enum</td><td>String</td><td>Java enums by name; enum values are checked</td></tr>
 * <tr><td>date / datetime, timestamp / time</td><td>LocalDate / LocalDateTime / Duration</td><td>ISO text</td></tr>
 * <tr><td>uuid</td><td>UUID</td><td>UUID text</td></tr>
 * <tr><td>json</td><td>Jackson JsonNode</td><td>anything Jackson writes</td></tr>
 * <tr><td>blob, longblob…</td><td>the blob codec's value ({@link org.dovetail.blob.Blob})</td><td>any value it packs</td></tr>
 * <tr><td>attach</td><td>{@link Attachment}</td><td>a Path</td></tr>
 * <tr><td>blob@, attach@, filepath@</td><td>see {@link ExternalCodecs}</td><td></td></tr>
 * </table>
 *
 * <pre>{@code
 * AttributeCodec codec = AttributeCodecs.forAttribute(heading.attribute("session_uuid"), context);
 * }</pre>
 */
public final class AttributeCodecs {
    private AttributeCodecs() {
    }

    /** The codec of a table attribute (through its adapter, for adapted types with one registered). */
    public static AttributeCodec forAttribute(Attribute a, CodecContext context) {
        AttributeCodec stored = storedType(a, context);
        if (a.adapter() == null) {
            return stored;
        }
        return context.adapters().apply(a.adapter())
                .map(adapter -> AdaptedCodecs.adapted(stored, adapter)).orElse(stored);
    }

    /** The codec of the type an attribute is stored as. */
    private static AttributeCodec storedType(Attribute a, CodecContext context) {
        if (a.isExternal() || a.isFilepath()) {
            return ExternalCodecs.codec(a, context);
        }
        if (a.isAttachment()) {
            return new AttachCodec(a);
        }
        if (a.uuid()) {
            return new UuidCodec(a);
        }
        if (a.json()) {
            return new JsonCodec(a);
        }
        // adapted types are stored as their column type; forAttribute applies the adapter
        String type = (a.adapter() != null ? a.columnType() : a.type()).toLowerCase(Locale.ROOT).strip();
        if (a.isBlob() || TypeCategory.INTERNAL_BLOB.matches(type)) {
            return new BlobCodec(a, context.rawBlobs() && a.adapter() == null); // an adapter gets the decoded value
        }
        TypeCategory category = TypeCategory.of(type).orElse(null);
        if (category == null) {
            return GenericCodec.INSTANCE;
        }
        return switch (category) {
            case INTEGER -> new NumberCodec(a, type.startsWith("bigint") && type.contains("unsigned")
                    ? NumberCodec.Kind.UNSIGNED_BIGINT : NumberCodec.Kind.INTEGER, type);
            case DECIMAL -> new NumberCodec(a, NumberCodec.Kind.DECIMAL, type);
            case FLOAT -> new NumberCodec(a, type.startsWith("float") ? NumberCodec.Kind.SINGLE : NumberCodec.Kind.DOUBLE, type);
            case STRING -> new TextCodec(a, null);
            case ENUM -> new TextCodec(a, TextCodec.enumValues(a.adapter() != null ? a.columnType() : a.type()));
            case TEMPORAL -> temporal(a, type);
            default -> GenericCodec.INSTANCE;
        };
    }

    /** The codec of a computed attribute (an SQL expression of a projection or aggregation). */
    public static AttributeCodec forExpression() {
        return GenericCodec.INSTANCE;
    }

    private static AttributeCodec temporal(Attribute a, String type) {
        if (type.startsWith("datetime") || type.startsWith("timestamp")) {
            return new TemporalCodec(a, TemporalCodec.Kind.DATETIME);
        }
        if (type.startsWith("date")) {
            return new TemporalCodec(a, TemporalCodec.Kind.DATE);
        }
        if (type.startsWith("time")) {
            return new TemporalCodec(a, TemporalCodec.Kind.TIME);
        }
        return new NumberCodec(a, NumberCodec.Kind.INTEGER, type); // year
    }
}
