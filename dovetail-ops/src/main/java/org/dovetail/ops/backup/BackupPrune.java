package org.dovetail.ops.backup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.Dovetail;
import org.dovetail.ops.Operation;
import org.dovetail.ops.OperationPlan;
import org.dovetail.ops.OperationProgress;
import org.dovetail.spi.ObjectStore;

/**
 * {@code backup prune}: deletes the sets a {@link RetentionPolicy} does not keep, then the
 * objects of the object area that no kept set's manifest names (mark and sweep). The plan
 * changes nothing; the apply runs under the target's lock (the one {@code backup create} takes,
 * so a prune never runs beside a backup), refuses a plan made before the sets changed, and is
 * recorded in the audit log.
 *
 * <p>A set is deleted manifest first, so that an interrupted prune leaves a set without a
 * manifest (listed as unfinished) and never one that looks complete but lacks files. No object
 * is swept while a kept set's manifest cannot be read: its objects are unknown.
 *
 * <pre>{@code
 * BackupPrune prune = new BackupPrune(dj);
 * PrunePlan plan = prune.plan(target, new RetentionPolicy(7, 4, 12, 0, RetentionPolicy.DEFAULT_FAILED_GRACE));
 * System.out.print(plan.toText());
 * PruneReport done = prune.apply(plan, target);
 * }</pre>
 */
public final class BackupPrune {
    private static final Pattern SET_NAME = Pattern.compile("(.+)-(\\d{8})(?:-(\\d{6}))?");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private final Dovetail dj;
    private OperationProgress progress = OperationProgress.NONE;

    /** Prunes under the lock and audit log of the database {@code dj} is connected to. */
    public BackupPrune(Dovetail dj) {
        this.dj = dj;
    }

    /** Reports deleting to {@code p}. */
    public BackupPrune withProgress(OperationProgress p) {
        this.progress = p;
        return this;
    }

    /** What pruning the target now would delete; changes nothing. */
    public PrunePlan plan(BackupTarget target, RetentionPolicy policy) {
        return plan(target, policy, Instant.now(), name -> Optional.empty());
    }

    /**
     * The plan at time {@code now}; a set for which {@code holdBack} gives a reason is kept
     * whatever the policy says ({@code copy --prune-source}: sets not verified at the destination).
     */
    PrunePlan plan(BackupTarget target, RetentionPolicy policy, Instant now, Function<String, Optional<String>> holdBack) {
        List<SetCatalog.Entry> entries = new SetCatalog(target.store()).sets();
        Map<String, SetCatalog.Entry> byName = new HashMap<>();
        List<Retention.Candidate> candidates = new ArrayList<>();
        for (SetCatalog.Entry e : entries) {
            byName.put(e.name(), e);
            candidates.add(candidate(e));
        }
        Retention.Result result = Retention.select(candidates, policy, now);
        List<Retention.Verdict> verdicts = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        for (Retention.Verdict v : result.verdicts()) {
            Optional<String> held = v.keep() ? Optional.empty() : holdBack.apply(v.set().name());
            verdicts.add(held.map(why -> new Retention.Verdict(v.set(), true, List.of(why))).orElse(v));
            bytes.add(byName.get(v.set().name()).bytes());
        }
        List<String> notes = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        long[] objectBytes = {0};
        if (result.refusals().isEmpty()) {
            Set<String> referenced = new HashSet<>();
            boolean known = true;
            for (Retention.Verdict v : verdicts) {
                SetCatalog.Entry e = byName.get(v.set().name());
                if (!v.keep()) {
                    continue;
                }
                if (e.manifest() != null) {
                    e.manifest().objects().forEach(o -> referenced.add(SetLayout.object(o.store(), o.key())));
                } else if (e.state() == SetCatalog.State.DAMAGED) {
                    known = false;
                    notes.add("the manifest of the kept set " + e.name() + " cannot be read (" + e.problem() + "): no object is swept");
                }
            }
            if (known) {
                target.store().list(SetLayout.OBJECTS, info -> {
                    if (!referenced.contains(info.path())) {
                        objects.add(info.path());
                        objectBytes[0] += info.size();
                    }
                });
            }
        }
        OperationPlan.Header header = OperationPlan.Header.of(Backups.OPERATION, target.description(), "prune " + policy.describe())
                .withFingerprint(fingerprint(entries));
        return new PrunePlan(header, target.description(), policy, verdicts, bytes, objects, objectBytes[0], result.refusals(), notes);
    }

    /**
     * Deletes what the plan says, under the target's lock.
     *
     * @throws org.dovetail.DovetailException REFUSED when the newest run of a label did not complete,
     *                                        STALE_PLAN when the sets changed since the plan, LOCKED while a backup runs
     */
    public PruneReport apply(PrunePlan plan, BackupTarget target) {
        return Operation.<PrunePlan, PruneReport>of(dj.connection(), p -> run(p, target.store()))
                .checkingFingerprint(p -> fingerprint(new SetCatalog(target.store()).sets()))
                .apply(plan);
    }

    private PruneReport run(PrunePlan plan, ObjectStore store) {
        List<String> deleted = new ArrayList<>();
        long freed = 0;
        List<String> sets = plan.deletedSets();
        progress.start("sets deleted", sets.size());
        for (String set : sets) {
            store.delete(SetLayout.manifest(set)); // first: from here on the set is not complete
            List<String> files = new ArrayList<>();
            long[] size = {0};
            store.list(set + "/", info -> {
                files.add(info.path());
                size[0] += info.size();
            });
            files.forEach(store::delete);
            freed += size[0];
            deleted.add(set);
            progress.advance(deleted.size());
        }
        progress.end();
        progress.start("unreferenced objects deleted", plan.objects().size());
        int n = 0;
        for (String object : plan.objects()) {
            store.delete(object);
            progress.advance(++n);
        }
        progress.end();
        return new PruneReport(plan.target(), deleted, n, freed + plan.objectBytes());
    }

    /** A set as retention sees it: label and start from its manifest, else from its name. */
    static Retention.Candidate candidate(SetCatalog.Entry e) {
        Manifest m = e.manifest();
        if (m != null && m.label() != null && m.startedAt() != null) {
            Instant started = Instant.parse(m.startedAt());
            return m.isComplete() ? Retention.Candidate.complete(e.name(), m.label(), started)
                    : Retention.Candidate.notComplete(e.name(), m.label(), started, m.status());
        }
        Matcher name = SET_NAME.matcher(e.name());
        if (!name.matches()) {
            throw new IllegalStateException("not a set name: " + e.name()); // SetCatalog lists set names only
        }
        LocalTime time = name.group(3) == null ? LocalTime.MIDNIGHT : LocalTime.parse(name.group(3), TIME);
        Instant started = LocalDate.parse(name.group(2), DAY).atTime(time).toInstant(ZoneOffset.UTC);
        String state = e.state() == SetCatalog.State.DAMAGED ? "damaged manifest" : "no manifest";
        return Retention.Candidate.notComplete(e.name(), name.group(1), started, state);
    }

    /** A digest of the sets and their states: a plan made before a set appeared, completed or went is stale. */
    static String fingerprint(List<SetCatalog.Entry> entries) {
        StringBuilder facts = new StringBuilder();
        for (SetCatalog.Entry e : entries) {
            facts.append(e.name()).append(' ').append(e.state()).append('\n');
        }
        return Hashing.hex(Hashing.sha256().digest(facts.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
