package org.dovetail.ops.cleanup;

import static java.sql.Connection.TRANSACTION_READ_UNCOMMITTED;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dovetail.connection.Connection;
import org.dovetail.hash.UuidBytes;
import org.dovetail.ops.OperationPlan;
import org.dovetail.ops.OperationProgress;
import org.dovetail.spi.ObjectInfo;
import org.dovetail.store.ExternalStore;
import org.dovetail.store.TrackingRow;

/**
 * Makes an {@link ObjectsPlan}: reads every tracking row of the location once, streamed, at
 * {@code READ UNCOMMITTED} (so that the rows of inserts still in flight protect their objects),
 * keeping only a {@link PathSet} of the paths they name; then streams the store's listing once
 * and classifies each key against it. Memory is the path set and the candidates, whatever the
 * store's size.
 */
final class ObjectSweep {
    private static final int FETCH = 10_000;

    private final Connection conn;
    private final ExternalStore store;
    private final OperationProgress progress;

    private final Clock clock;

    ObjectSweep(Connection conn, ExternalStore store, OperationProgress progress, Clock clock) {
        this.conn = conn;
        this.store = store;
        this.progress = progress;
        this.clock = clock;
    }

    ObjectsPlan plan(ObjectsPlan.Mode mode, Duration minAge, double maxFraction, Set<String> schemas, Duration validity, String action) {
        StoreGroup group = StoreGroup.read(conn, store.spec().name());
        Instant cutoff = clock.instant().minus(minAge);
        PathSet tracked = new PathSet();
        PathSet kept = new PathSet();
        List<Candidate> rows = new ArrayList<>();
        Tally young = new Tally();
        long[] counts = new long[2]; // tracking rows, referenced rows
        readRows(group, mode, minAge, schemas, tracked, kept, rows, young, counts);

        // Of several unused rows naming one path, the last one applied moves the object: by then the others are gone,
        // and if one of them was kept (referenced again meanwhile), the object stays with it.
        PathSet moving = new PathSet();
        Candidate[] decided = new Candidate[rows.size()];
        for (int i = rows.size() - 1; i >= 0; i--) {
            Candidate row = rows.get(i);
            boolean moves = !kept.contains(row.path()) && moving.add(row.path());
            decided[i] = new Candidate(row.kind(), row.schema(), row.store(), row.hash(), row.path(), row.size(), row.modified(), moves);
        }
        List<Candidate> candidates = new ArrayList<>(List.of(decided));

        List<List<Integer>> subfoldings = ObjectPaths.subfoldings(group, store.spec().subfolding());
        Set<String> trackedSchemas = new TreeSet<>(group.schemas());
        Tally markers = new Tally();
        Tally foreign = new Tally();
        long[] objects = new long[2]; // count, bytes
        List<Candidate> found = new ArrayList<>();
        progress.start("listing " + store.objects().address(""), -1);
        store.objects().list("", info -> {
            String path = info.path();
            if (path.startsWith(Quarantine.FOLDER)) {
                return;
            }
            if (tracked.contains(path)) {
                objects[0]++;
                objects[1] += info.size();
                progress.advance(objects[0]);
                return;
            }
            String base = ObjectPaths.withoutTempSuffix(path);
            String schema = null;
            if (mode == ObjectsPlan.Mode.OBJECTS) {
                schema = ObjectPaths.schemaOf(base == null ? path : base, subfoldings);
                if (schema == null || !trackedSchemas.contains(schema)) {
                    foreign.add(path, info.size());
                    return;
                }
            }
            objects[0]++;
            objects[1] += info.size();
            progress.advance(objects[0]);
            if (schema != null && !schemas.isEmpty() && !schemas.contains(schema)) {
                return;
            }
            if (!isOld(info, cutoff)) {
                young.add(path, info.size());
                return;
            }
            found.add(new Candidate(base != null ? Candidate.Kind.INCOMPLETE_UPLOAD : Candidate.Kind.UNTRACKED, schema, null, null, path,
                    info.size(), info.modified(), true));
        }, marker -> markers.add(marker.path(), marker.size()));
        progress.end();
        found.sort(Comparator.comparing(Candidate::path));
        candidates.addAll(found);

        OperationPlan.Header header = OperationPlan.Header.of(StoreCleanup.OPERATION, group.location(), action)
                .withFingerprint(group.fingerprint()).validFor(validity);
        return new ObjectsPlan(header, mode, store.spec().name(), group.location(), minAge, maxFraction, List.copyOf(schemas),
                counts[0], counts[1], group.tables().size(), objects[0], objects[1], candidates, young, markers, foreign,
                group.unconfigured());
    }

    static boolean isOld(ObjectInfo info, Instant cutoff) {
        return info.modified() != null && info.modified().isBefore(cutoff);
    }

    /** Streams the rows of every tracking table at READ UNCOMMITTED; fills the path sets, the row candidates and the counts. */
    private void readRows(StoreGroup group, ObjectsPlan.Mode mode, Duration minAge, Set<String> schemas, PathSet tracked, PathSet kept,
                          List<Candidate> rows, Tally young, long[] counts) {
        progress.start("tracking rows of " + group.tables().size() + " tables", -1);
        conn.withJdbc(jdbc -> {
            int isolation = jdbc.getTransactionIsolation();
            jdbc.setTransactionIsolation(TRANSACTION_READ_UNCOMMITTED);
            try {
                for (StoreGroup.Tracking t : group.tables()) {
                    String sql = "SELECT t.hash, t.size, t.attachment_name, t.filepath, UNIX_TIMESTAMP(t.timestamp),"
                            + " t.timestamp <= NOW() - INTERVAL ? SECOND, " + StoreGroup.unreferenced(t, "t")
                            + " FROM " + t.table().quoted() + " t";
                    try (PreparedStatement ps = jdbc.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                        ps.setFetchSize(FETCH);
                        ps.setLong(1, minAge.toSeconds());
                        try (ResultSet r = ps.executeQuery()) {
                            while (r.next()) {
                                TrackingRow row = new TrackingRow(UuidBytes.fromBytes(r.getBytes(1)), r.getLong(2), r.getString(3),
                                        r.getString(4), null, null);
                                String path = row.objectPath(t.schema(), t.subfolding());
                                tracked.add(path);
                                boolean old = r.getBoolean(6);
                                boolean unused = r.getBoolean(7);
                                counts[0]++;
                                if (!unused) {
                                    counts[1]++;
                                }
                                boolean candidate = unused && old && mode == ObjectsPlan.Mode.OBJECTS
                                        && (schemas.isEmpty() || schemas.contains(t.schema()));
                                if (candidate) {
                                    rows.add(new Candidate(Candidate.Kind.UNUSED_ROW, t.schema(), t.store(), row.hash(), path, row.size(),
                                            Instant.ofEpochSecond(r.getBigDecimal(5).longValue()), true));
                                } else {
                                    kept.add(path);
                                    if (unused && !old && mode == ObjectsPlan.Mode.OBJECTS) {
                                        young.add(path, row.size());
                                    }
                                }
                                if (counts[0] % FETCH == 0) {
                                    progress.advance(counts[0]);
                                }
                            }
                        }
                    }
                }
            } finally {
                jdbc.setTransactionIsolation(isolation);
            }
            return null;
        });
        progress.end();
        rows.sort(Comparator.comparing(Candidate::schema).thenComparing(Candidate::path));
    }
}
