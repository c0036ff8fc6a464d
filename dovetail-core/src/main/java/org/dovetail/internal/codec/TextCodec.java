package org.dovetail.internal.codec;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dovetail.heading.Attribute;

/**
 * char, varchar, text and enum attributes: strings (characters, Java enums by name, numbers as
 * their text). Enum attributes check the value against the declared values, ignoring case as the
 * server does.
 */
final class TextCodec implements AttributeCodec {
    private final Attribute attribute;
    private final List<String> enumValues;

    TextCodec(Attribute attribute, List<String> enumValues) {
        this.attribute = attribute;
        this.enumValues = enumValues;
    }

    @Override
    public Object toDatabase(Object value) {
        String text;
        if (value instanceof CharSequence || value instanceof Character || value instanceof Number) {
            text = value.toString();
        } else if (value instanceof Enum<?> e) {
            text = e.name();
        } else {
            throw Values.invalid(attribute, value, "a string");
        }
        if (enumValues != null && enumValues.stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT)))) {
            throw Values.invalid(attribute, value, "one of " + String.join(", ", enumValues));
        }
        return text;
    }

    @Override
    public Object fromDatabase(ResultSet row, int column) throws SQLException {
        return row.getString(column);
    }

    /**
     * The values of {@code enum('a','b')} as the server writes the type: each value in single
     * quotes, with {@code ''} for a quote and backslash escapes ({@code \\}, {@code \n}, {@code \r},
     * {@code \0}); any other character, a double quote included, stands for itself.
     */
    static List<String> enumValues(String type) {
        String inner = type.substring(type.indexOf('(') + 1, type.lastIndexOf(')'));
        List<String> values = new ArrayList<>();
        StringBuilder current = null;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (current == null) {
                if (c == '\'') {
                    current = new StringBuilder();
                }
            } else if (c == '\'' && i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                current.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < inner.length()) {
                char escaped = inner.charAt(++i);
                current.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> escaped;
                });
            } else if (c == '\'') {
                values.add(current.toString());
                current = null;
            } else {
                current.append(c);
            }
        }
        return List.copyOf(values);
    }
}
