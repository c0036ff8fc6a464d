package org.dovetail.schema;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/** Reads a {@link TableDefinition} from a class annotated with {@link Definition}. */
final class ClassDefinitions {
    private ClassDefinitions() {
    }

    static TableDefinition of(Class<?> type) {
        Definition annotation = annotation(type);
        if (annotation.tier() == Tier.PART) {
            throw new DovetailException(ErrorCode.INVALID_DEFINITION, type.getName() + " is a part table: declare its master ("
                    + (type.getEnclosingClass() == null ? "the enclosing class" : type.getEnclosingClass().getSimpleName()) + ")");
        }
        TableDefinition table = TableDefinition.of(annotation.tier(), type.getSimpleName(), definition(type, annotation));
        List<?> contents = constant(type, "CONTENTS", List.class);
        if (contents != null) {
            table = table.withContents(contents);
        }
        for (Class<?> part : parts(type)) {
            TableDefinition partTable = TableDefinition.of(Tier.PART, part.getSimpleName(), definition(part, annotation(part)));
            List<?> partContents = constant(part, "CONTENTS", List.class);
            table = table.withPart(partContents == null ? partTable : partTable.withContents(partContents));
        }
        return table;
    }

    /**
     * The nested part classes, in an order in which each is declared after the parts it refers to
     * ({@code -> master.Other}); otherwise by name, since reflection does not keep source order.
     */
    private static List<Class<?>> parts(Class<?> master) {
        List<Class<?>> remaining = new ArrayList<>(Arrays.stream(master.getDeclaredClasses())
                .filter(c -> c.isAnnotationPresent(Definition.class) && c.getAnnotation(Definition.class).tier() == Tier.PART)
                .sorted(Comparator.comparing(Class::getSimpleName))
                .toList());
        List<Class<?>> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Class<?> next = remaining.stream()
                    .filter(p -> remaining.stream().noneMatch(o -> o != p && refersTo(p, o, master)))
                    .findFirst().orElse(remaining.get(0));
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    private static boolean refersTo(Class<?> part, Class<?> other, Class<?> master) {
        String definition = definition(part, annotation(part));
        return definition.contains("master." + other.getSimpleName()) || definition.contains(master.getSimpleName() + "." + other.getSimpleName());
    }

    private static Definition annotation(Class<?> type) {
        Definition annotation = type.getAnnotation(Definition.class);
        if (annotation == null) {
            throw new DovetailException(ErrorCode.INVALID_DEFINITION, type.getName() + " is not annotated with @Definition");
        }
        return annotation;
    }

    private static String definition(Class<?> type, Definition annotation) {
        if (!annotation.value().isBlank()) {
            return annotation.value();
        }
        String constant = constant(type, "DEFINITION", String.class);
        if (constant == null) {
            throw new DovetailException(ErrorCode.INVALID_DEFINITION, type.getName() + " has neither a definition in @Definition nor a static String DEFINITION");
        }
        return constant;
    }

    private static <T> T constant(Class<?> type, String name, Class<T> valueType) {
        try {
            Field field = type.getDeclaredField(name);
            if (!Modifier.isStatic(field.getModifiers()) || !valueType.isAssignableFrom(field.getType())) {
                throw new DovetailException(ErrorCode.INVALID_DEFINITION, type.getName() + "." + name + " must be a static " + valueType.getSimpleName());
            }
            field.setAccessible(true);
            return valueType.cast(field.get(null));
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException | RuntimeException e) {
            if (e instanceof DovetailException d) {
                throw d;
            }
            throw new DovetailException(ErrorCode.INVALID_DEFINITION, "Cannot read " + type.getName() + "." + name + ": " + e.getMessage(), e);
        }
    }
}
