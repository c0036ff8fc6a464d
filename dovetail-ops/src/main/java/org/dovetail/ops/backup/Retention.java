package org.dovetail.ops.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which backup sets a {@link RetentionPolicy} keeps: a pure function of the sets, the policy and
 * the time, so that {@code backup prune} can show its plan and be tested without a target.
 *
 * <p>Sets are grouped by label; each label is pruned on its own. Within a label:
 * <ul>
 *   <li>when the newest set (by start) did not complete — a run that failed, was killed or is
 *       still running — nothing of the label is deleted, and the result says why;</li>
 *   <li>the newest complete set is kept, and each rule keeps the newest complete set of each of
 *       its last N periods that have one (UTC days, ISO weeks, months, years);</li>
 *   <li>complete sets no rule keeps are deleted;</li>
 *   <li>sets that did not complete are deleted once older than the policy's grace (measured from
 *       {@code now}); younger ones are kept for inspection.</li>
 * </ul>
 *
 * <pre>{@code
 * Retention.Result result = Retention.select(sets, new RetentionPolicy(7, 4, 12, 0, Duration.ofDays(7)), Instant.now());
 * result.deleted();   // the names to delete; result.refusals() says which labels were left alone
 * }</pre>
 */
public final class Retention {
    private Retention() {}

    /**
     * A set as retention sees it.
     *
     * @param name     the set's folder name
     * @param label    its label
     * @param started  when its run started (UTC)
     * @param complete true when its manifest is there and says complete
     * @param state    what it is when not complete ({@code no manifest}, {@code invalid}, ...), for the plan
     */
    public record Candidate(String name, String label, Instant started, boolean complete, String state) {
        /** A complete set. */
        public static Candidate complete(String name, String label, Instant started) {
            return new Candidate(name, label, started, true, Manifest.COMPLETE);
        }

        /** A set that did not complete, in the given state. */
        public static Candidate notComplete(String name, String label, Instant started, String state) {
            return new Candidate(name, label, started, false, state);
        }
    }

    /**
     * What happens to one set.
     *
     * @param set     the set
     * @param keep    true to keep it
     * @param reasons why: the rules that keep it ({@code newest}, {@code daily 2026-12-03},
     *                {@code weekly 2026-W49}, ...), or why it goes
     */
    public record Verdict(Candidate set, boolean keep, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The verdicts, newest first within each label, and the labels left alone.
     *
     * @param verdicts every set's verdict
     * @param refusals one line per label of which nothing is deleted, saying why
     */
    public record Result(List<Verdict> verdicts, List<String> refusals) {
        public Result {
            verdicts = List.copyOf(verdicts);
            refusals = List.copyOf(refusals);
        }

        /** The sets to delete. */
        public List<Candidate> deleted() {
            return verdicts.stream().filter(v -> !v.keep()).map(Verdict::set).toList();
        }

        /** The sets to keep. */
        public List<Candidate> kept() {
            return verdicts.stream().filter(Verdict::keep).map(Verdict::set).toList();
        }
    }

    /** The verdict of every set under the policy at time {@code now}. */
    public static Result select(List<Candidate> sets, RetentionPolicy policy, Instant now) {
        Map<String, List<Candidate>> byLabel = new TreeMap<>();
        for (Candidate set : sets) {
            byLabel.computeIfAbsent(set.label(), l -> new ArrayList<>()).add(set);
        }
        List<Verdict> verdicts = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> label : byLabel.entrySet()) {
            List<Candidate> newestFirst = new ArrayList<>(label.getValue());
            newestFirst.sort(Comparator.comparing(Candidate::started).thenComparing(Candidate::name).reversed());
            Candidate newest = newestFirst.get(0);
            if (!newest.complete()) {
                refusals.add("label " + label.getKey() + ": the newest set " + newest.name() + " did not complete (" + newest.state()
                        + "): nothing of this label is deleted until a run completes");
                newestFirst.forEach(s -> verdicts.add(new Verdict(s, true, List.of("the newest run did not complete"))));
                continue;
            }
            verdicts.addAll(selectLabel(newestFirst, policy, now));
        }
        return new Result(verdicts, refusals);
    }

    private static List<Verdict> selectLabel(List<Candidate> newestFirst, RetentionPolicy policy, Instant now) {
        List<Candidate> complete = newestFirst.stream().filter(Candidate::complete).toList();
        Map<String, Set<String>> reasons = new LinkedHashMap<>();
        keep(reasons, complete.get(0), "newest");
        rule(reasons, complete, policy.daily(), "daily", t -> t.toLocalDate().toString());
        rule(reasons, complete, policy.weekly(), "weekly",
                t -> String.format("%d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        rule(reasons, complete, policy.monthly(), "monthly", t -> String.format("%d-%02d", t.getYear(), t.getMonthValue()));
        rule(reasons, complete, policy.yearly(), "yearly", t -> String.valueOf(t.getYear()));
        Instant graceEnd = now.minus(policy.failedGrace());
        List<Verdict> verdicts = new ArrayList<>();
        for (Candidate set : newestFirst) {
            if (set.complete()) {
                Set<String> why = reasons.get(set.name());
                verdicts.add(why == null ? new Verdict(set, false, List.of("no rule keeps it")) : new Verdict(set, true, List.copyOf(why)));
            } else if (set.started().isBefore(graceEnd)) {
                verdicts.add(new Verdict(set, false, List.of(set.state() + ", older than the grace of "
                        + policy.failedGrace().toDays() + " days")));
            } else {
                verdicts.add(new Verdict(set, true, List.of(set.state() + ", kept for inspection until "
                        + set.started().plus(policy.failedGrace()))));
            }
        }
        return verdicts;
    }

    /** Keeps the newest set of each of the {@code count} newest periods that have a set. */
    private static void rule(Map<String, Set<String>> reasons, List<Candidate> newestFirst, int count, String name,
                             Function<ZonedDateTime, String> period) {
        Set<String> periods = new LinkedHashSet<>();
        for (Candidate set : newestFirst) {
            if (periods.size() == count) {
                return;
            }
            String p = period.apply(set.started().atZone(ZoneOffset.UTC));
            if (periods.add(p)) {
                keep(reasons, set, name + " " + p);
            }
        }
    }

    private static void keep(Map<String, Set<String>> reasons, Candidate set, String why) {
        reasons.computeIfAbsent(set.name(), n -> new LinkedHashSet<>()).add(why);
    }
}
