package org.dovetail.ops.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.dovetail.connection.Connection;
import org.dovetail.hash.UuidBytes;
import org.dovetail.ops.Durations;
import org.dovetail.ops.Operation;
import org.dovetail.ops.OperationPlan;
import org.dovetail.store.ExternalStore;

/**
 * The quarantine of a store: the folder {@value #FOLDER}{@code <date>/} in the store itself, where
 * a cleanup moves objects instead of deleting them, under their original paths. {@link #list}
 * shows what is there; a restore moves objects back; a purge deletes those older than its
 * retention — after checking once more that no tracking row of any schema names the original
 * path (such an object is moved back instead, or kept when its original is in place).
 */
public final class Quarantine {
    /** The quarantine's folder in every store, relative to the store's location. */
    public static final String FOLDER = "_dovetail_quarantine/";

    private final Connection conn;
    private final ExternalStore store;

    Quarantine(Connection conn, ExternalStore store) {
        this.conn = conn;
        this.store = store;
    }

    /**
     * An object in quarantine.
     *
     * @param date     the day it was moved (the folder's name)
     * @param path     its original path
     * @param size     bytes
     * @param modified when it was last written
     */
    public record Entry(LocalDate date, String path, long size, Instant modified) {
        /** Where it is now. */
        public String quarantinePath() {
            return FOLDER + date + "/" + path;
        }
    }

    /** Everything in quarantine, oldest day first. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        store.objects().list(FOLDER, info -> {
            String rest = info.path().substring(FOLDER.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return;
            }
            try {
                entries.add(new Entry(LocalDate.parse(rest.substring(0, slash)), rest.substring(slash + 1), info.size(), info.modified()));
            } catch (DateTimeParseException e) {
                // not a folder a cleanup made: left alone
            }
        });
        entries.sort(Comparator.comparing(Entry::date).thenComparing(Entry::path));
        return entries;
    }

    /** The listing as a report. */
    public QuarantinePlan listing() {
        return new QuarantinePlan(header("quarantine list"), QuarantinePlan.Action.LIST, store.spec().name(), list());
    }

    /**
     * A plan to move objects back: those moved on {@code date} (null: any day) whose original
     * path starts with one of {@code prefixes} (empty: all).
     */
    public QuarantinePlan planRestore(LocalDate date, List<String> prefixes) {
        List<Entry> chosen = list().stream().filter(e -> date == null || e.date().equals(date))
                .filter(e -> prefixes.isEmpty() || prefixes.stream().anyMatch(p -> e.path().startsWith(p))).toList();
        return new QuarantinePlan(header("quarantine restore --store " + store.spec().name() + (date == null ? "" : " --date " + date)
                + (prefixes.isEmpty() ? "" : " " + String.join(" ", prefixes))), QuarantinePlan.Action.RESTORE, store.spec().name(), chosen);
    }

    /** A plan to delete what has been in quarantine for longer than {@code olderThan} (by the day it was moved, UTC). */
    public QuarantinePlan planPurge(Duration olderThan) {
        LocalDate before = LocalDate.now(ZoneOffset.UTC).minusDays(olderThan.toDays());
        List<Entry> chosen = list().stream().filter(e -> e.date().isBefore(before)).toList();
        return new QuarantinePlan(header("quarantine purge --store " + store.spec().name() + " --older-than " + Durations.format(olderThan)),
                QuarantinePlan.Action.PURGE, store.spec().name(), chosen);
    }

    private OperationPlan.Header header(String action) {
        return OperationPlan.Header.of(StoreCleanup.OPERATION, ExternalStore.physicalLocation(store.spec()), action);
    }

    /** Restores or purges through {@link Operation} (the cleanup lock of the location, an audit record). */
    public QuarantineReport apply(QuarantinePlan plan) {
        return Operation.<QuarantinePlan, QuarantineReport>of(conn, this::run).apply(plan);
    }

    private QuarantineReport run(QuarantinePlan plan) {
        StoreGroup group = StoreGroup.read(conn, store.spec().name());
        List<Integer> own = store.spec().subfolding();
        long restored = 0;
        long purged = 0;
        long bytes = 0;
        List<ObjectsReport.Item> kept = new ArrayList<>();
        for (Entry e : plan.entries()) {
            boolean present = store.objects().stat(e.path()).isPresent();
            if (plan.action() == QuarantinePlan.Action.RESTORE || (plan.action() == QuarantinePlan.Action.PURGE && tracked(group, own, e.path()))) {
                if (present) {
                    kept.add(new ObjectsReport.Item(e.quarantinePath(), "its original path holds an object: left in quarantine"));
                    continue;
                }
                store.objects().move(e.quarantinePath(), e.path());
                restored++;
            } else if (plan.action() == QuarantinePlan.Action.PURGE) {
                store.objects().delete(e.quarantinePath());
                purged++;
                bytes += e.size();
            }
        }
        return new QuarantineReport(plan.header(), plan.store(), restored, purged, bytes, kept);
    }

    /** Whether a tracking row of any schema of the location names this path (as a blob, an attachment or a filepath). */
    private boolean tracked(StoreGroup group, List<Integer> own, String path) {
        String schema = ObjectPaths.schemaOf(path, ObjectPaths.subfoldings(group, own));
        if (schema != null && exists(group.tablesOf(schema), ObjectPaths.blobHash(path))) {
            return true;
        }
        return exists(group.tables(), ObjectPaths.filepathHash(path));
    }

    private boolean exists(List<StoreGroup.Tracking> tables, UUID hash) {
        for (StoreGroup.Tracking t : tables) {
            if (!conn.query("SELECT 1 FROM " + t.table().quoted() + " WHERE hash = ?", r -> 1, UuidBytes.toBytes(hash)).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
