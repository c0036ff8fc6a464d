package org.dovetail.ops.backup;

import java.time.Duration;
import org.dovetail.InvalidInputException;

/**
 * How many backup sets {@code backup prune} keeps: grandfather-father-son over the complete sets.
 * Each rule keeps the newest complete set of each of the last N periods (UTC days, ISO weeks,
 * months, years) that have one; days without a backup are skipped, not counted. The rules are
 * independent, so one set may be kept by several. The newest complete set is always kept.
 * Sets that did not complete are never counted; they are removed once a newer set completed and
 * they are older than {@code failedGrace}.
 *
 * <pre>{@code
 * RetentionPolicy gfs = new RetentionPolicy(7, 4, 12, 0, RetentionPolicy.DEFAULT_FAILED_GRACE);
 * }</pre>
 *
 * @param daily       days kept (the newest set of each)
 * @param weekly      ISO weeks kept (Monday to Sunday, UTC)
 * @param monthly     months kept
 * @param yearly      years kept
 * @param failedGrace how long a set that did not complete stays for inspection once a newer set completed
 */
public record RetentionPolicy(int daily, int weekly, int monthly, int yearly, Duration failedGrace) {
    /** Seven days. */
    public static final Duration DEFAULT_FAILED_GRACE = Duration.ofDays(7);

    /**
     * @throws InvalidInputException for a negative count or grace, or when no count is given (a
     *                               policy that keeps only the newest set is almost always a mistake)
     */
    public RetentionPolicy {
        if (daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
            throw new InvalidInputException("The --keep-* counts must be 0 or more (daily " + daily + ", weekly " + weekly
                    + ", monthly " + monthly + ", yearly " + yearly + ")");
        }
        if (daily + weekly + monthly + yearly == 0) {
            throw new InvalidInputException("Give at least one of --keep-daily, --keep-weekly, --keep-monthly, --keep-yearly");
        }
        if (failedGrace == null || failedGrace.isNegative()) {
            throw new InvalidInputException("The grace of sets that did not complete must be 0 or more days");
        }
    }

    /** The policy as options, e.g. {@code --keep-daily 7 --keep-weekly 4 --keep-monthly 12}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        append(s, "daily", daily);
        append(s, "weekly", weekly);
        append(s, "monthly", monthly);
        append(s, "yearly", yearly);
        return s.toString();
    }

    private static void append(StringBuilder s, String name, int count) {
        if (count > 0) {
            s.append(s.isEmpty() ? "" : " ").append("--keep-").append(name).append(' ').append(count);
        }
    }
}
