package org.dovetail.blob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds the canonical JSON tree of a value (blob-format.md section 9). */
final class JsonTreeWriter {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTreeWriter() {
    }

    static JsonNode write(Object value) {
        if (value == null) {
            return node("none");
        } else if (value instanceof Boolean) {
            return node("bool").put("v", (Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return node("int").put("v", ((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            return node("int").put("v", (BigInteger) value);
        } else if (value instanceof Double || value instanceof Float) {
            return node("float").set("v", floatNode(((Number) value).doubleValue()));
        } else if (value instanceof Complex) {
            ObjectNode node = node("complex");
            node.set("re", floatNode(((Complex) value).re()));
            return node.set("im", floatNode(((Complex) value).im()));
        } else if (value instanceof String) {
            return node("str").put("v", (String) value);
        } else if (value instanceof byte[]) {
            return node("bytes").put("hex", HexFormat.of().formatHex((byte[]) value));
        } else if (value instanceof Decimal) {
            return node("decimal").put("v", ((Decimal) value).text());
        } else if (value instanceof BigDecimal) {
            return node("decimal").put("v", value.toString());
        } else if (value instanceof UUID) {
            return node("uuid").put("v", value.toString());
        }
        return writeTemporalOrContainer(value);
    }

    private static JsonNode writeTemporalOrContainer(Object value) {
        if (value instanceof LocalDateTime) {
            return node("datetime").put("v", DATE_TIME.format((LocalDateTime) value));
        } else if (value instanceof OffsetDateTime) {
            return write(((OffsetDateTime) value).toLocalDateTime());
        } else if (value instanceof ZonedDateTime) {
            return write(((ZonedDateTime) value).toLocalDateTime());
        } else if (value instanceof LocalDate) {
            return node("date").put("v", DATE.format((LocalDate) value));
        } else if (value instanceof LocalTime) {
            return node("time").put("v", TIME.format((LocalTime) value));
        } else if (value instanceof Tuple) {
            return items(node("tuple"), ((Tuple) value).items());
        } else if (value instanceof List) {
            return items(node("list"), (List<?>) value);
        } else if (value instanceof Set) {
            return items(node("set"), (Set<?>) value);
        } else if (value instanceof Map) {
            ArrayNode entries = NODES.arrayNode();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                entries.addArray().add(write(entry.getKey())).add(write(entry.getValue()));
            }
            return node("dict").set("entries", entries);
        }
        return writeMatlab(value);
    }

    private static JsonNode writeMatlab(Object value) {
        if (value instanceof NdArray) {
            return array((NdArray) value);
        } else if (value instanceof MatCell) {
            MatCell cell = (MatCell) value;
            return items(shape(node("cell"), cell.shape()), cell.items());
        } else if (value instanceof MatStruct) {
            return struct((MatStruct) value);
        } else if (value instanceof RecordArray) {
            ArrayNode fields = NODES.arrayNode();
            for (Map.Entry<String, Object> column : ((RecordArray) value).fields().entrySet()) {
                fields.addObject().put("name", column.getKey()).set("value", write(column.getValue()));
            }
            return node("recarray").set("fields", fields);
        } else if (value instanceof SparseMatrix) {
            return sparse((SparseMatrix) value);
        } else if (value instanceof RawBlob) {
            return write(Blob.decode(((RawBlob) value).bytes()));
        } else if (JavaArrays.isPrimitiveNest(value)) {
            return array(NdArray.of(value));
        }
        throw new BlobValueException("no JSON form for a " + value.getClass().getName());
    }

    private static JsonNode struct(MatStruct struct) {
        ObjectNode node = shape(node("struct"), struct.shape());
        ArrayNode names = node.putArray("fields");
        struct.fieldNames().forEach(names::add);
        ArrayNode elements = node.putArray("items");
        int fields = struct.fieldNames().size();
        List<Object> values = struct.values();
        for (int e = 0; fields > 0 && e < values.size() / fields; e++) {
            ArrayNode element = elements.addArray();
            for (int f = 0; f < fields; f++) {
                element.add(write(values.get(e * fields + f)));
            }
        }
        return node;
    }

    private static JsonNode array(NdArray array) {
        ObjectNode node = shape(node("array").put("dtype", array.dtype().name()), array.shape());
        DType dtype = array.dtype();
        if (dtype == DType.OBJECT) {
            return items(node, array.items());
        }
        if (dtype == DType.CHAR) {
            ArrayNode units = node.putArray("units");
            String text = array.asString();
            for (int i = 0; i < text.length(); i++) {
                units.add((int) text.charAt(i));
            }
            return node.put("text", text);
        }
        node.set("data", elements(array.real()));
        if (array.isComplex()) {
            node.put("complex", true);
            node.set("imag", elements(array.imag()));
        }
        return node;
    }

    private static JsonNode sparse(SparseMatrix matrix) {
        ObjectNode node = node("sparse").put("dtype", matrix.dtype().name()).put("rows", matrix.rows()).put("cols", matrix.cols());
        ArrayNode jc = node.putArray("jc");
        for (long pointer : matrix.columnPointers()) {
            jc.add(pointer);
        }
        ArrayNode ir = node.putArray("ir");
        for (long row : matrix.rowIndices()) {
            ir.add(row);
        }
        node.set("data", elements(matrix.values()));
        if (matrix.isComplex()) {
            node.set("imag", elements(matrix.imagValues()));
        }
        return node;
    }

    /** The elements of a real fixed-width array in column-major order. */
    private static ArrayNode elements(NdArray array) {
        ArrayNode data = NODES.arrayNode(array.size());
        DType dtype = array.dtype();
        for (int i = 0; i < array.size(); i++) {
            Object element = array.element(i);
            if (dtype.isFloat()) {
                data.add(floatNode(((Number) element).doubleValue()));
            } else if (element instanceof Boolean) {
                data.add((Boolean) element);
            } else if (element instanceof BigInteger) {
                data.add((BigInteger) element);
            } else {
                data.add(((Number) element).longValue());
            }
        }
        return data;
    }

    private static ObjectNode items(ObjectNode node, Collection<?> items) {
        ArrayNode array = node.putArray("items");
        for (Object item : items) {
            array.add(write(item));
        }
        return node;
    }

    private static ObjectNode shape(ObjectNode node, long[] shape) {
        ArrayNode dims = node.putArray("shape");
        for (long dim : shape) {
            dims.add(dim);
        }
        return node;
    }

    /** A float as a JSON number, or the strings "NaN", "Infinity", "-Infinity". */
    static JsonNode floatNode(double value) {
        if (Double.isNaN(value)) {
            return NODES.textNode("NaN");
        } else if (Double.isInfinite(value)) {
            return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
        }
        return NODES.numberNode(value);
    }

    private static ObjectNode node(String type) {
        return NODES.objectNode().put("t", type);
    }
}
