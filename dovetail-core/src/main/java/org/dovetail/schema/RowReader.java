package org.dovetail.schema;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidInputException;
import org.dovetail.heading.Heading;

/**
 * One row given to insert as a map (attribute → value), a record (components by name, camelCase
 * matched to snake_case) or a positional list or array (every attribute in heading order).
 */
final class RowReader {
    private final Heading heading;

    RowReader(Heading heading) {
        this.heading = heading;
    }

    /** The row's fields and values, in the row's order. */
    Map<String, Object> read(Object row) {
        if (row instanceof Map<?, ?> map) {
            Map<String, Object> fields = new LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return fields;
        }
        if (row instanceof Record record) {
            return recordFields(record);
        }
        if (row instanceof List<?> list) {
            return positional(list);
        }
        if (row instanceof Object[] array) {
            return positional(Arrays.asList(array));
        }
        if (row instanceof Collection<?>) {
            throw new InvalidInputException("Datatype " + row.getClass().getSimpleName()
                    + " cannot be inserted: give a row as a Map, a record, a List or an array");
        }
        throw new InvalidInputException("Datatype " + (row == null ? "null" : row.getClass().getSimpleName()) + " cannot be inserted");
    }

    private Map<String, Object> positional(List<?> values) {
        List<String> names = heading.names();
        if (values.size() != names.size()) {
            throw new InvalidInputException("Invalid insert argument. Incorrect number of attributes: " + values.size() + " given; "
                    + names.size() + " expected");
        }
        Map<String, Object> fields = new LinkedHashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            fields.put(names.get(i), values.get(i));
        }
        return fields;
    }

    private Map<String, Object> recordFields(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                fields.put(attributeName(c.getName()), c.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new DovetailException(ErrorCode.ROW_MAPPING, "Cannot read " + record.getClass().getSimpleName() + "." + c.getName(), e);
            }
        }
        return fields;
    }

    /** The heading's name for a Java name: itself, or its snake_case spelling. */
    private String attributeName(String javaName) {
        if (heading.find(javaName).isPresent()) {
            return javaName;
        }
        StringBuilder snake = new StringBuilder();
        for (char c : javaName.toCharArray()) {
            snake.append(Character.isUpperCase(c) ? "_" + Character.toLowerCase(c) : String.valueOf(c));
        }
        return snake.toString();
    }
}
