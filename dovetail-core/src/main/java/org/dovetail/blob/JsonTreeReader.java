package org.dovetail.blob;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds a value from its canonical JSON tree (blob-format.md section 9). */
final class JsonTreeReader {
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private JsonTreeReader() {
    }

    static Object read(JsonNode node) {
        String type = text(node, "t");
        try {
            return readTyped(type, node);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new BlobValueException("invalid '" + type + "' node: " + e.getMessage(), e);
        }
    }

    private static Object readTyped(String type, JsonNode node) {
        switch (type) {
            case "none": return null;
            case "bool": return required(node, "v").booleanValue();
            case "int": return required(node, "v").bigIntegerValue();
            case "float": return floatValue(required(node, "v"));
            case "complex": return new Complex(floatValue(required(node, "re")), floatValue(required(node, "im")));
            case "str": return text(node, "v");
            case "bytes": return HexFormat.of().parseHex(text(node, "hex"));
            case "decimal": return new Decimal(text(node, "v"));
            case "uuid": return UUID.fromString(text(node, "v"));
            case "datetime": return LocalDateTime.parse(text(node, "v"));
            case "date": return LocalDate.parse(text(node, "v"));
            case "time": return LocalTime.parse(text(node, "v"));
            case "list": return Collections.unmodifiableList(items(node));
            case "tuple": return new Tuple(items(node));
            case "set": return Collections.unmodifiableSet(new LinkedHashSet<>(items(node)));
            case "dict": return Collections.unmodifiableMap(dict(node));
            case "array": return array(node);
            case "cell": return MatCell.of(shape(node), items(node).toArray());
            case "struct": return struct(node);
            case "recarray": return recordArray(node);
            default: throw new BlobValueException("unknown node type '" + type + "'"
                + (type.equals("sparse") ? " (sparse matrices cannot be encoded)" : ""));
        }
    }

    private static Map<Object, Object> dict(JsonNode node) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (JsonNode entry : required(node, "entries")) {
            if (entry.size() != 2) {
                throw new IllegalArgumentException("a dict entry must be [key, value]");
            }
            map.put(read(entry.get(0)), read(entry.get(1)));
        }
        return map;
    }

    private static MatStruct struct(JsonNode node) {
        List<String> fields = new ArrayList<>();
        required(node, "fields").forEach(name -> fields.add(name.asText()));
        List<Object> values = new ArrayList<>();
        for (JsonNode element : required(node, "items")) {
            if (element.size() != fields.size()) {
                throw new IllegalArgumentException("each struct element needs " + fields.size() + " values");
            }
            element.forEach(value -> values.add(read(value)));
        }
        return MatStruct.of(shape(node), fields, values.toArray());
    }

    private static RecordArray recordArray(JsonNode node) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (JsonNode field : required(node, "fields")) {
            columns.put(text(field, "name"), read(required(field, "value")));
        }
        return RecordArray.of(columns);
    }

    private static NdArray array(JsonNode node) {
        String name = text(node, "dtype");
        DType dtype = DType.forName(name).orElseThrow(() -> new IllegalArgumentException("unknown dtype " + name));
        long[] shape = shape(node);
        if (dtype == DType.OBJECT) {
            return NdArray.ofObjects(shape, items(node).toArray());
        }
        if (dtype == DType.CHAR) {
            JsonNode units = required(node, "units");
            char[] chars = new char[units.size()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) checkedLong(units.get(i), 0, 0xFFFF);
            }
            return NdArray.ofChars(shape, chars);
        }
        byte[] real = elements(dtype, required(node, "data"));
        if (node.path("complex").asBoolean(false)) {
            return NdArray.ofComplexColumnMajor(dtype, shape, real, elements(dtype, required(node, "imag")));
        }
        return NdArray.ofColumnMajor(dtype, shape, real);
    }

    /** Little-endian bytes of JSON elements of a fixed-width dtype. */
    private static byte[] elements(DType dtype, JsonNode data) {
        int size = dtype.itemSize();
        byte[] bytes = new byte[data.size() * size];
        for (int i = 0; i < data.size(); i++) {
            JsonNode element = data.get(i);
            if (dtype == DType.FLOAT64) {
                LittleEndian.putLong(bytes, 8 * i, Double.doubleToRawLongBits(floatValue(element)));
            } else if (dtype == DType.FLOAT32) {
                LittleEndian.putInt(bytes, 4 * i, Float.floatToRawIntBits((float) floatValue(element)));
            } else if (dtype == DType.BOOL) {
                if (!element.isBoolean()) {
                    throw new IllegalArgumentException("bool element " + element + " is not true/false");
                }
                bytes[i] = (byte) (element.booleanValue() ? 1 : 0);
            } else {
                putInteger(bytes, i, dtype, element);
            }
        }
        return bytes;
    }

    private static void putInteger(byte[] bytes, int i, DType dtype, JsonNode element) {
        long value;
        if (dtype == DType.UINT64) {
            BigInteger big = element.isIntegralNumber() ? element.bigIntegerValue() : BigInteger.valueOf(-1);
            if (big.signum() < 0 || big.compareTo(UINT64_LIMIT) >= 0) {
                throw new IllegalArgumentException("uint64 element " + element + " is out of range");
            }
            value = big.longValue();
        } else {
            int bits = 8 * dtype.itemSize();
            long min = dtype.isUnsigned() ? 0 : bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
            long max = dtype.isUnsigned() ? (1L << bits) - 1 : bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
            value = checkedLong(element, min, max);
        }
        for (int b = 0; b < dtype.itemSize(); b++) {
            bytes[i * dtype.itemSize() + b] = (byte) (value >> (8 * b));
        }
    }

    private static long checkedLong(JsonNode element, long min, long max) {
        if (!element.isIntegralNumber() || !element.canConvertToLong()
            || element.longValue() < min || element.longValue() > max) {
            throw new IllegalArgumentException("element " + element + " is not an integer in " + min + ".." + max);
        }
        return element.longValue();
    }

    private static double floatValue(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        switch (node.asText()) {
            case "NaN": return Double.NaN;
            case "Infinity": return Double.POSITIVE_INFINITY;
            case "-Infinity": return Double.NEGATIVE_INFINITY;
            default: throw new IllegalArgumentException("not a float: " + node);
        }
    }

    private static List<Object> items(JsonNode node) {
        List<Object> items = new ArrayList<>();
        for (JsonNode item : required(node, "items")) {
            items.add(read(item));
        }
        return items;
    }

    private static long[] shape(JsonNode node) {
        JsonNode dims = required(node, "shape");
        long[] shape = new long[dims.size()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = checkedLong(dims.get(d), 0, Integer.MAX_VALUE);
        }
        return shape;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new BlobValueException("JSON node " + abbreviate(node) + " lacks \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new BlobValueException("\"" + field + "\" of " + abbreviate(node) + " must be a string");
        }
        return value.textValue();
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
