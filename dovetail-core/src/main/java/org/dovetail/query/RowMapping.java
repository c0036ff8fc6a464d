package org.dovetail.query;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/**
 * Rows as Java records or plain classes: each record component (or non-static field of a class
 * with a no-argument constructor) takes the attribute of the same name, or of its snake_case
 * spelling ({@code subjectId} → {@code subject_id}). Numbers are converted to the component's
 * numeric type when the value fits.
 */
final class RowMapping<T> {
    private final Class<T> type;
    private final List<String> attributes;
    private final List<Class<?>> targetTypes;
    private final Constructor<T> constructor;
    private final List<Field> fields;

    private RowMapping(Class<T> type, List<String> attributes, List<Class<?>> targetTypes, Constructor<T> constructor, List<Field> fields) {
        this.type = type;
        this.attributes = attributes;
        this.targetTypes = targetTypes;
        this.constructor = constructor;
        this.fields = fields;
    }

    /** The mapping of {@code type} onto a query with these attribute names. */
    static <T> RowMapping<T> of(Class<T> type, List<String> available) {
        List<String> attributes = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        try {
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] parameterTypes = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    attributes.add(resolve(type, components[i].getName(), available));
                    types.add(components[i].getType());
                    parameterTypes[i] = components[i].getType();
                }
                Constructor<T> constructor = type.getDeclaredConstructor(parameterTypes);
                constructor.setAccessible(true);
                return new RowMapping<>(type, attributes, types, constructor, null);
            }
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            List<Field> fields = new ArrayList<>();
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                f.setAccessible(true);
                fields.add(f);
                attributes.add(resolve(type, f.getName(), available));
                types.add(f.getType());
            }
            return new RowMapping<>(type, attributes, types, constructor, fields);
        } catch (NoSuchMethodException e) {
            throw new DovetailException(ErrorCode.ROW_MAPPING, type.getName() + " cannot receive rows: it needs to be a record or have a no-argument constructor", e);
        }
    }

    /** The attribute names the type needs, in component order. */
    List<String> attributes() {
        return attributes;
    }

    T map(Map<String, Object> row) {
        Object[] values = new Object[attributes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = convert(row.get(attributes.get(i)), targetTypes.get(i), attributes.get(i));
        }
        try {
            if (fields == null) {
                return constructor.newInstance(values);
            }
            T instance = constructor.newInstance();
            for (int i = 0; i < values.length; i++) {
                fields.get(i).set(instance, values[i]);
            }
            return instance;
        } catch (ReflectiveOperationException e) {
            throw new DovetailException(ErrorCode.ROW_MAPPING, "Cannot create " + type.getName() + " from a row: " + e.getMessage(), e);
        }
    }

    /** The attribute name of a Java name: itself if the query has it, else its snake_case spelling. */
    static String attributeName(String javaName) {
        StringBuilder out = new StringBuilder();
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String resolve(Class<?> type, String javaName, List<String> available) {
        if (available.contains(javaName)) {
            return javaName;
        }
        String snake = attributeName(javaName);
        if (available.contains(snake)) {
            return snake;
        }
        throw new DovetailException(ErrorCode.ROW_MAPPING, type.getSimpleName() + "." + javaName + " has no attribute to take its value from: the query has "
                + String.join(", ", available));
    }

    private Object convert(Object value, Class<?> target, String attribute) {
        if (value == null) {
            if (target.isPrimitive()) {
                throw new DovetailException(ErrorCode.ROW_MAPPING, "Attribute `" + attribute + "` is NULL but " + type.getSimpleName() + " takes a " + target);
            }
            return null;
        }
        Class<?> boxed = box(target);
        if (boxed.isInstance(value)) {
            return value;
        }
        try {
            if (value instanceof Number n) {
                if (boxed == Integer.class) {
                    return Math.toIntExact(n.longValue());
                }
                if (boxed == Long.class) {
                    return n instanceof BigInteger b ? b.longValueExact() : n.longValue();
                }
                if (boxed == Short.class) {
                    return (short) Math.toIntExact(n.longValue());
                }
                if (boxed == Byte.class) {
                    return (byte) Math.toIntExact(n.longValue());
                }
                if (boxed == Double.class) {
                    return n.doubleValue();
                }
                if (boxed == Float.class) {
                    return n.floatValue();
                }
                if (boxed == BigDecimal.class) {
                    return new BigDecimal(n.toString());
                }
                if (boxed == BigInteger.class) {
                    return new BigDecimal(n.toString()).toBigIntegerExact();
                }
                if (boxed == Boolean.class) {
                    return n.longValue() != 0;
                }
            }
            if (target == String.class) {
                return value.toString();
            }
            if (target.isEnum() && value instanceof String s) {
                for (Object constant : target.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
                        return constant;
                    }
                }
            }
        } catch (ArithmeticException e) {
            throw new DovetailException(ErrorCode.ROW_MAPPING, "Attribute `" + attribute + "` value " + value + " does not fit " + target.getSimpleName(), e);
        }
        throw new DovetailException(ErrorCode.ROW_MAPPING, "Attribute `" + attribute + "` is a " + value.getClass().getSimpleName() + " (" + value
                + "); " + type.getSimpleName() + " takes a " + target.getSimpleName());
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return switch (c.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            default -> c;
        };
    }
}
