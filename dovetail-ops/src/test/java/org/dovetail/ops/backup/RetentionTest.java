package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.dovetail.InvalidInputException;
import org.dovetail.ops.backup.Retention.Candidate;
import org.dovetail.ops.backup.Retention.Result;
import org.junit.jupiter.api.Test;

/** Grandfather-father-son selection over backup sets: counts, gaps, several sets a day, sets that did not complete, UTC. */
class RetentionTest {
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void keepsTheNewestSetOfEachOfTheLastDaysWeeksAndMonths() {
        List<Candidate> sets = new ArrayList<>();
        // one set a day at 02:00 UTC from 2026-06-01 to 2026-12-03 (186 days)
        for (LocalDate d = LocalDate.parse("2026-06-01"); !d.isAfter(LocalDate.parse("2026-12-03")); d = d.plusDays(1)) {
            sets.add(daily("lab", d + "T02:00:00Z"));
        }
        Result r = Retention.select(sets, new RetentionPolicy(7, 4, 12, 0, WEEK), at("2026-12-03T12:00:00Z"));

        assertThat(r.refusals()).isEmpty();
        assertThat(names(r.kept())).containsExactly(
                // daily: the last 7 days (12-03 is Thursday of 2026-W49, so it is also that week's and month's newest)
                "lab-20261203", "lab-20261202", "lab-20261201", "lab-20261130", "lab-20261129", "lab-20261128", "lab-20261127",
                // weekly: W48 ends Sunday 11-29 (kept already), W47 ends 11-22, W46 ends 11-15
                "lab-20261122", "lab-20261115",
                // monthly: the last day of each earlier month back to June (12 months asked, 7 exist)
                "lab-20261031", "lab-20260930", "lab-20260831", "lab-20260731", "lab-20260630");
        assertThat(r.verdicts().get(0).reasons()).containsExactly("newest", "daily 2026-12-03", "weekly 2026-W49", "monthly 2026-12");
        assertThat(reasonsOf(r, "lab-20261129")).containsExactly("daily 2026-11-29", "weekly 2026-W48");
        assertThat(reasonsOf(r, "lab-20261122")).containsExactly("weekly 2026-W47");
        assertThat(reasonsOf(r, "lab-20261130")).containsExactly("daily 2026-11-30", "monthly 2026-11");
        assertThat(reasonsOf(r, "lab-20261126")).containsExactly("no rule keeps it");
        assertThat(r.deleted()).hasSize(sets.size() - 14);
    }

    @Test
    void daysWithoutABackupAreSkippedNotCounted() {
        List<Candidate> sets = List.of(daily("lab", "2026-11-01T02:00:00Z"), daily("lab", "2026-11-02T02:00:00Z"),
                daily("lab", "2026-11-05T02:00:00Z"), daily("lab", "2026-11-20T02:00:00Z"));
        Result r = Retention.select(sets, new RetentionPolicy(3, 0, 0, 0, WEEK), at("2026-12-03T00:00:00Z"));
        assertThat(names(r.kept())).containsExactly("lab-20261120", "lab-20261105", "lab-20261102");
        assertThat(names(r.deleted())).containsExactly("lab-20261101");
    }

    @Test
    void ofSeveralSetsADayTheNewestIsTheDaysOne() {
        List<Candidate> sets = List.of(
                set("lab-20261203", "lab", "2026-12-03T00:10:00Z"),
                set("lab-20261203-120000", "lab", "2026-12-03T12:00:00Z"),
                set("lab-20261203-180000", "lab", "2026-12-03T18:00:00Z"),
                set("lab-20261202", "lab", "2026-12-02T00:10:00Z"),
                set("lab-20261202-230000", "lab", "2026-12-02T23:00:00Z"));
        Result r = Retention.select(sets, new RetentionPolicy(2, 0, 0, 0, WEEK), at("2026-12-03T19:00:00Z"));
        assertThat(names(r.kept())).containsExactly("lab-20261203-180000", "lab-20261202-230000");
        assertThat(names(r.deleted())).containsExactly("lab-20261203-120000", "lab-20261203", "lab-20261202");
    }

    @Test
    void theNewestCompleteSetIsKeptWhateverTheCounts() {
        List<Candidate> sets = List.of(daily("lab", "2026-10-31T02:00:00Z"), daily("lab", "2026-11-30T02:00:00Z"),
                set("lab-20261201", "lab", "2026-12-01T02:00:00Z"));
        // yearly 1 keeps the newest of 2026, which is the newest set anyway; nothing else survives
        Result r = Retention.select(sets, new RetentionPolicy(0, 0, 0, 1, WEEK), at("2026-12-03T00:00:00Z"));
        assertThat(names(r.kept())).containsExactly("lab-20261201");
        assertThat(reasonsOf(r, "lab-20261201")).containsExactly("newest", "yearly 2026");
        Result one = Retention.select(List.of(daily("lab", "2026-01-01T02:00:00Z")), new RetentionPolicy(1, 0, 0, 0, WEEK),
                at("2026-12-03T00:00:00Z"));
        assertThat(one.deleted()).isEmpty();
    }

    @Test
    void nothingIsDeletedWhenTheNewestRunDidNotComplete() {
        List<Candidate> sets = new ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            sets.add(daily("lab", String.format("2026-11-%02dT02:00:00Z", day)));
        }
        sets.add(Candidate.notComplete("lab-20261121", "lab", at("2026-11-21T02:00:00Z"), "no manifest"));
        Result r = Retention.select(sets, new RetentionPolicy(3, 0, 0, 0, Duration.ZERO), at("2026-12-03T00:00:00Z"));
        assertThat(r.deleted()).isEmpty();
        assertThat(r.refusals()).containsExactly("label lab: the newest set lab-20261121 did not complete (no manifest):"
                + " nothing of this label is deleted until a run completes");

        sets.add(daily("lab", "2026-11-22T02:00:00Z"));
        Result after = Retention.select(sets, new RetentionPolicy(3, 0, 0, 0, Duration.ZERO), at("2026-12-03T00:00:00Z"));
        assertThat(after.refusals()).isEmpty();
        assertThat(names(after.kept())).containsExactly("lab-20261122", "lab-20261120", "lab-20261119");
        assertThat(names(after.deleted())).contains("lab-20261121", "lab-20261101").hasSize(19);
    }

    @Test
    void setsThatDidNotCompleteNeverCountAndStayForTheirGrace() {
        List<Candidate> sets = List.of(
                daily("lab", "2026-12-03T02:00:00Z"),
                Candidate.notComplete("lab-20261202", "lab", at("2026-12-02T02:00:00Z"), "invalid"),
                Candidate.notComplete("lab-20261125", "lab", at("2026-11-25T02:00:00Z"), "incomplete"),
                daily("lab", "2026-11-24T02:00:00Z"),
                daily("lab", "2026-11-23T02:00:00Z"));
        Result r = Retention.select(sets, new RetentionPolicy(2, 0, 0, 0, WEEK), at("2026-12-03T12:00:00Z"));
        // the invalid set of 12-02 does not use a daily slot: 11-24 is the second day kept
        assertThat(names(r.kept())).containsExactly("lab-20261203", "lab-20261202", "lab-20261124");
        assertThat(reasonsOf(r, "lab-20261202")).containsExactly("invalid, kept for inspection until 2026-12-09T02:00:00Z");
        assertThat(names(r.deleted())).containsExactly("lab-20261125", "lab-20261123");
        assertThat(reasonsOf(r, "lab-20261125")).containsExactly("incomplete, older than the grace of 7 days");
    }

    @Test
    void periodsAreUtcWhateverTheLocalTimeZone() {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland")); // UTC+13 in December
        try {
            // 23:30 and 00:30 UTC are two UTC days (in Auckland they would be the same day, 12-04)
            List<Candidate> sets = List.of(set("lab-20261203-233000", "lab", "2026-12-03T23:30:00Z"),
                    set("lab-20261204-003000", "lab", "2026-12-04T00:30:00Z"));
            Result r = Retention.select(sets, new RetentionPolicy(2, 0, 0, 0, WEEK), at("2026-12-04T01:00:00Z"));
            assertThat(r.deleted()).isEmpty();
            assertThat(reasonsOf(r, "lab-20261203-233000")).containsExactly("daily 2026-12-03");
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void weeksAreIsoWeeksAcrossTheTurnOfTheYear() {
        // Thursday 2026-12-31 and Friday 2027-01-01 are both in 2026-W53; Monday 2027-01-04 starts 2027-W01
        List<Candidate> sets = List.of(daily("lab", "2026-12-27T02:00:00Z"), daily("lab", "2026-12-31T02:00:00Z"),
                daily("lab", "2027-01-01T02:00:00Z"), daily("lab", "2027-01-04T02:00:00Z"));
        Result r = Retention.select(sets, new RetentionPolicy(0, 3, 0, 0, WEEK), at("2027-01-05T00:00:00Z"));
        assertThat(names(r.kept())).containsExactly("lab-20270104", "lab-20270101", "lab-20261227");
        assertThat(reasonsOf(r, "lab-20270101")).containsExactly("weekly 2026-W53");
        assertThat(reasonsOf(r, "lab-20261227")).containsExactly("weekly 2026-W52");
        assertThat(names(r.deleted())).containsExactly("lab-20261231");
    }

    @Test
    void labelsArePrunedEachOnItsOwn() {
        List<Candidate> sets = List.of(daily("lab", "2026-12-01T02:00:00Z"), daily("lab", "2026-12-02T02:00:00Z"),
                daily("lab", "2026-12-03T02:00:00Z"),
                daily("spyglass", "2026-12-01T03:00:00Z"), daily("spyglass", "2026-12-02T03:00:00Z"),
                Candidate.notComplete("spyglass-20261203", "spyglass", at("2026-12-03T03:00:00Z"), "no manifest"));
        Result r = Retention.select(sets, new RetentionPolicy(1, 0, 0, 0, WEEK), at("2026-12-03T12:00:00Z"));
        assertThat(names(r.deleted())).containsExactly("lab-20261202", "lab-20261201");
        assertThat(r.refusals()).singleElement().asString().startsWith("label spyglass:");
    }

    @Test
    void aPolicyKeepsSomething() {
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0, 0, WEEK)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least one of --keep-daily");
        assertThatThrownBy(() -> new RetentionPolicy(-1, 4, 0, 0, WEEK)).hasMessageContaining("0 or more");
        assertThat(new RetentionPolicy(7, 4, 12, 0, WEEK).describe()).isEqualTo("--keep-daily 7 --keep-weekly 4 --keep-monthly 12");
    }

    private static Candidate daily(String label, String started) {
        Instant t = at(started);
        return Candidate.complete(SetLayout.dayName(label, t), label, t);
    }

    private static Candidate set(String name, String label, String started) {
        return Candidate.complete(name, label, at(started));
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    private static List<String> names(List<Candidate> sets) {
        return sets.stream().map(Candidate::name).toList();
    }

    private static List<String> reasonsOf(Result r, String name) {
        return r.verdicts().stream().filter(v -> v.set().name().equals(name)).findFirst().orElseThrow().reasons();
    }
}
