package org.dovetail.ops.cleanup;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.Heading;

/**
 * Which attribute tells how old a row is, and why that one. A periphery table rarely records when
 * a row was made, and no DataJoint log says it either ({@code ~log} records deletes, not inserts),
 * so the choice is explicit ({@code --age-column}) or made by these rules, in order:
 * <ol>
 * <li>the one {@code timestamp}/{@code datetime} attribute whose default is {@code CURRENT_TIMESTAMP} (set by the server at insert);</li>
 * <li>the one date or time attribute ({@code date}, {@code datetime}, {@code timestamp});</li>
 * <li>of several, the one whose name says creation: {@code created}, {@code creation}, {@code entry}, {@code insert}, {@code added}.</li>
 * </ol>
 * Otherwise there is none, and a cleanup with a grace period refuses: without an age, a row made a
 * moment ago by a producer that references it later (orphans at birth) would go.
 *
 * @param name   the attribute, or null when there is none
 * @param reason how it was chosen, or why none was
 */
record AgeAttribute(String name, String reason) {
    private static final Pattern CREATION = Pattern.compile("(?i).*(created|creation|entry|insert|added).*");

    static AgeAttribute choose(Heading heading, String given) {
        if (given != null) {
            Attribute a = heading.find(given).orElseThrow(() -> new DovetailException(ErrorCode.USAGE, "--age-column " + given + ": "
                    + heading.fullTableName() + " has no such attribute"));
            if (!isTime(a)) {
                throw new DovetailException(ErrorCode.USAGE, "--age-column " + given + " is " + a.type() + ", not a date or time");
            }
            return new AgeAttribute(given, "named by --age-column");
        }
        List<Attribute> times = heading.attributes().stream().filter(AgeAttribute::isTime).toList();
        List<Attribute> stamped = times.stream().filter(a -> "CURRENT_TIMESTAMP".equalsIgnoreCase(String.valueOf(a.defaultValue()))).toList();
        if (stamped.size() == 1) {
            return new AgeAttribute(stamped.get(0).name(), "the one attribute the server sets at insert (default CURRENT_TIMESTAMP)");
        }
        if (times.size() == 1) {
            return new AgeAttribute(times.get(0).name(), "the one date or time attribute");
        }
        List<Attribute> named = (stamped.isEmpty() ? times : stamped).stream().filter(a -> CREATION.matcher(a.name()).matches()).toList();
        if (named.size() == 1) {
            return new AgeAttribute(named.get(0).name(), "the one date or time attribute named for creation");
        }
        return new AgeAttribute(null, times.isEmpty()
                ? "the table has no date or time attribute"
                : "several date or time attributes (" + String.join(", ", times.stream().map(Attribute::name).toList()) + "), none chosen by the rules");
    }

    Optional<String> attribute() {
        return Optional.ofNullable(name);
    }

    private static boolean isTime(Attribute a) {
        String t = a.sqlType().toLowerCase(Locale.ROOT);
        return t.startsWith("timestamp") || t.startsWith("datetime") || t.equals("date");
    }
}
