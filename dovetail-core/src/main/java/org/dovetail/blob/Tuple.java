package org.dovetail.blob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Python {@code tuple} (wire code {@code 01}): an immutable sequence, distinct from a
 * {@code list} ({@link java.util.List}, wire code {@code 02}). Items may be null (Python None).
 *
 * @param items the items in order
 */
public record Tuple(List<Object> items) {
    /** Copies the items into an unmodifiable list. */
    public Tuple {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    /** A tuple of the given items. */
    public static Tuple of(Object... items) {
        return new Tuple(Arrays.asList(items));
    }

    /** The number of items. */
    public int size() {
        return items.size();
    }

    /** The item at a position. */
    public Object get(int index) {
        return items.get(index);
    }
}
