package org.dovetail.internal.codec;

import org.dovetail.InvalidValueException;
import org.dovetail.heading.Attribute;

/** Small helpers for codec messages. */
final class Values {
    private static final int MAX_SHOWN = 60;

    private Values() {
    }

    /** {@code 'abc' (String)}, shortened if long. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof byte[] b ? b.length + " bytes" : String.valueOf(value);
        if (text.length() > MAX_SHOWN) {
            text = text.substring(0, MAX_SHOWN) + "...";
        }
        return "'" + text + "' (" + value.getClass().getSimpleName() + ")";
    }

    static InvalidValueException invalid(Attribute attribute, Object value, String expected) {
        return new InvalidValueException("Attribute `" + attribute.name() + "` (" + attribute.type() + ") cannot hold "
                + describe(value) + ": expected " + expected);
    }

    /** {@code Attribute `x` (type) cannot hold 'v' (Type): <reason>}. */
    static InvalidValueException cannotHold(Attribute attribute, Object value, String reason) {
        return new InvalidValueException("Attribute `" + attribute.name() + "` (" + attribute.type() + ") cannot hold "
                + describe(value) + ": " + reason);
    }
}
