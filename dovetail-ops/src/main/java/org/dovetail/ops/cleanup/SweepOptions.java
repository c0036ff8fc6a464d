package org.dovetail.ops.cleanup;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.dovetail.ops.Durations;

/**
 * The settings of a store sweep.
 *
 * @param minAge      rows and objects younger than this are kept (an insert may still be in flight); default 7 days
 * @param maxFraction refuse a plan that would move more than this fraction of the store's objects or bytes; default 0.10
 * @param schemas     report and clean only these schemas' rows and folders (empty: all); the safety set is always every schema
 * @param validity    how long a plan stays valid; default 24 hours
 */
public record SweepOptions(Duration minAge, double maxFraction, Set<String> schemas, Duration validity) {
    /** 7 days, 10 %, every schema, valid for 24 hours. */
    public static final SweepOptions DEFAULTS = new SweepOptions(Duration.ofDays(7), 0.10, Set.of(), Duration.ofHours(24));

    public SweepOptions {
        if (minAge.isNegative() || maxFraction < 0 || maxFraction > 1 || validity.isNegative()) {
            throw new IllegalArgumentException("min age and validity are not negative, the fraction is between 0 and 1");
        }
        schemas = Set.copyOf(new TreeSet<>(schemas));
    }

    public SweepOptions withMinAge(Duration d) {
        return new SweepOptions(d, maxFraction, schemas, validity);
    }

    public SweepOptions withMaxFraction(double f) {
        return new SweepOptions(minAge, f, schemas, validity);
    }

    public SweepOptions withSchemas(Set<String> s) {
        return new SweepOptions(minAge, maxFraction, s, validity);
    }

    public SweepOptions withValidity(Duration d) {
        return new SweepOptions(minAge, maxFraction, schemas, d);
    }

    /** The options as command-line flags, for the plan's action line. */
    String flags() {
        return String.format(Locale.ROOT, "--min-age %s --max-fraction %s%s", Durations.format(minAge), maxFraction,
                schemas.isEmpty() ? "" : " --schemas " + String.join(",", new TreeSet<>(schemas)));
    }
}
