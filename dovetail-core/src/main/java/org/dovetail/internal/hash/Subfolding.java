package org.dovetail.internal.hash;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dovetail.DovetailException;
import org.dovetail.InvalidValueException;

/**
 * DataJoint's {@code subfold}: the folder names that spread external objects over directories,
 * taken from the start of the object's hex name.
 */
public final class Subfolding {
    private Subfolding() {
    }

    /**
     * Splits off successive lower-cased slices of {@code name} whose lengths are {@code folds}.
     * Like Python slicing, a name too short for the folds yields shorter or empty slices.
     *
     * <pre>{@code
     * Subfolding.subfold("7c86ec03cff623dddc703a11559e8310", List.of(2, 2));  // ["7c", "86"]
     * Subfolding.subfold("aBCdefg", List.of(2, 3));                           // ["ab", "cde"]
     * }</pre>
     *
     * @param name the object name (normally 32 hex digits)
     * @param folds slice lengths, each at least 0 (the store's {@code subfolding}; default 2, 2)
     * @return one folder name per fold
     * @throws DovetailException if a fold is negative
     */
    public static List<String> subfold(String name, List<Integer> folds) {
        List<String> parts = new ArrayList<>(folds.size());
        int start = 0;
        for (int fold : folds) {
            if (fold < 0) {
                throw new InvalidValueException("Subfolding lengths are not negative: " + folds);
            }
            int end = Math.min(name.length(), start + fold);
            parts.add(name.substring(start, end).toLowerCase(Locale.ROOT));
            start = end;
        }
        return List.copyOf(parts);
    }
}
