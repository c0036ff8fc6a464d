package org.dovetail.internal.populate;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two results of a tripartite make's fetch are the same data: maps by their entries,
 * lists and other collections item by item in order, arrays (also of primitives) element by
 * element, records component by component, everything else by {@code equals}. DataJoint compares with {@code deepdiff}'s hash;
 * the comparison happens inside one process, so only its outcome has to agree.
 */
public final class DeepEquality {
    private DeepEquality() {
    }

    /** True if {@code a} and {@code b} hold the same data. */
    public static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (var entry : ma.entrySet()) {
                if (!mb.containsKey(entry.getKey()) || !same(entry.getValue(), mb.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Collection<?> ca && b instanceof Collection<?> cb) {
            if (ca.size() != cb.size()) {
                return false;
            }
            Iterator<?> ia = ca.iterator();
            Iterator<?> ib = cb.iterator();
            while (ia.hasNext()) {
                if (!same(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a.getClass().isArray() && b.getClass().isArray()) {
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b}) || sameObjectArrays(a, b);
        }
        if (a.getClass().isRecord() && a.getClass() == b.getClass()) {
            return sameRecords(a, b);
        }
        return Objects.equals(a, b);
    }

    private static boolean sameRecords(Object a, Object b) {
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            Method accessor = component.getAccessor();
            try {
                accessor.setAccessible(true);
                if (!same(accessor.invoke(a), accessor.invoke(b))) {
                    return false;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Objects.equals(a, b); // a record we may not read: its own equals
            }
        }
        return true;
    }

    private static boolean sameObjectArrays(Object a, Object b) {
        if (!(a instanceof Object[] oa) || !(b instanceof Object[] ob) || oa.length != ob.length) {
            return false;
        }
        for (int i = 0; i < oa.length; i++) {
            if (!same(oa[i], ob[i])) {
                return false;
            }
        }
        return true;
    }
}
