package org.dovetail.ops.migrate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dovetail.TableName;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.store.ExternalStore;

/** Computes the read-only plan of a schema's migration. */
final class MigrationPlanner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MigrationPlanner.class);
    private static final int LISTED = 100;
    private final Connection conn;
    private final StoreMap stores;

    MigrationPlanner(Connection conn, StoreMap stores) {
        this.conn = conn;
        this.stores = stores;
    }

    /** The plan, with each store's schema folder listed once to find missing objects. */
    MigrationPlan plan(String schema) {
        try (StoreListings listings = new StoreListings(schema)) {
            return plan(schema, listings);
        }
    }

    /**
     * The plan a run starts from: the same, but for missing objects, which the run finds when it
     * reads each object anyway (a listing costs a request per thousand objects on AWS, but on some
     * servers time that grows with everything else in the bucket).
     */
    MigrationPlan planWithoutListing(String schema) {
        return plan(schema, null);
    }

    private MigrationPlan plan(String schema, StoreListings listings) {
        MigrationLedger ledger = new MigrationLedger(conn, schema);
        List<LegacyColumn> legacy = LegacyCatalog.legacyColumns(conn, schema);
        Set<String> seen = new HashSet<>();
        List<ColumnPlan> plans = new ArrayList<>();
        for (LegacyColumn c : legacy) {
            seen.add(c.table() + "." + c.column());
            String phase = ledger.phase(c.table(), c.column()).orElse("planned");
            plans.add(planColumn(withRemembered(ledger, c), phase, listings));
        }
        for (LegacyColumn c : ledger.remembered()) {
            if (!seen.contains(c.table() + "." + c.column())) {
                plans.add(new ColumnPlan(c, stores.target(c.legacyStore()), 0, 0, 0, 0, List.of(), 0, List.of(), List.of(), "swapped"));
            }
        }
        boolean legacyTable = LegacyCatalog.tableExists(conn, schema, "~external");
        return new MigrationPlan(schema, plans, legacyTable, legacyTable ? orphans(schema, legacy) : 0, otherSessions(schema));
    }

    /** After a partial run, the ledger knows the column as it was (its position before the temp column). */
    private static LegacyColumn withRemembered(MigrationLedger ledger, LegacyColumn current) {
        for (LegacyColumn r : ledger.remembered()) {
            if (r.table().equals(current.table()) && r.column().equals(current.column())) {
                return new LegacyColumn(current.schema(), current.table(), current.column(), current.legacyStore(), current.comment(),
                        current.nullable(), r.previousColumn(), current.constraint());
            }
        }
        return current;
    }

    private ColumnPlan planColumn(LegacyColumn c, String phase, StoreListings listings) {
        StoreSpec spec = stores.spec(conn.config(), c.legacyStore());
        String table = MigrationSql.table(c);
        String col = TableName.quote(c.column());
        long rows = conn.queryValue("SELECT COUNT(*) FROM " + table, Long.class).orElse(0L);
        long nulls = conn.queryValue("SELECT COUNT(*) FROM " + table + " WHERE " + col + " IS NULL", Long.class).orElse(0L);
        List<String> untracked = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        long[] bytes = {0};
        boolean legacyTable = LegacyCatalog.tableExists(conn, c.schema(), "~external");
        String join = legacyTable ? " LEFT JOIN " + TableName.of(c.schema(), "~external").quoted() + " e ON e.hash = d.h" : "";
        conn.query("SELECT d.h, " + (legacyTable ? "e.size" : "NULL") + " FROM (SELECT DISTINCT " + col + " AS h FROM " + table
                + " WHERE " + col + " IS NOT NULL) d" + join + " ORDER BY d.h", r -> {
                    String h = r.getString(1);
                    long size = r.getLong(2);
                    boolean tracked = !r.wasNull();
                    if (!belongs(h, c.suffix())) {
                        untracked.add(h + " (does not end with the store suffix `" + c.suffix() + "`)");
                    } else if (!tracked) {
                        untracked.add(h + " (no row in ~external)");
                    } else {
                        bytes[0] += size;
                    }
                    hashes.add(h);
                    return null;
                });
        LOG.debug("{}: {} distinct values read", c.label(), hashes.size());
        List<String> missing = new ArrayList<>();
        long missingCount = 0;
        if (listings != null) {
            StoreListings.Listing listing = listings.of(spec);
            for (String h : hashes) {
                if (!listing.contains(h)) {
                    missingCount++;
                    if (missing.size() < LISTED) {
                        missing.add(h + " (" + listing.address(h) + ")");
                    }
                }
            }
            LOG.debug("{}: checked against the listing of store `{}`", c.label(), spec.name());
        }
        List<String> statements = List.of(
                ExternalStore.trackingTableSql(c.schema(), spec.name()),
                MigrationSql.insertTracking(c, spec.name()) + " -- " + hashes.size() + " rows, once each object is read and hashed",
                MigrationSql.addTemp(c, spec.name()),
                MigrationSql.fillTemp(c) + " -- repeated until no row is left",
                MigrationSql.swap(c, spec.name()));
        return new ColumnPlan(c, spec.name(), rows, nulls, hashes.size(), bytes[0], missing, missingCount,
                untracked.subList(0, Math.min(LISTED, untracked.size())), statements, phase);
    }

    static boolean belongs(String hash, String suffix) {
        return hash.length() == 43 + suffix.length() && hash.endsWith(suffix);
    }

    private long orphans(String schema, List<LegacyColumn> legacy) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM " + TableName.of(schema, "~external").quoted() + " e WHERE 1");
        for (LegacyColumn c : legacy) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM ").append(TableName.of(schema, c.table()).quoted()).append(" r WHERE r.")
                    .append(TableName.quote(c.column())).append(" = e.hash)");
        }
        return conn.queryValue(sql.toString(), Long.class).orElse(0L);
    }

    private List<String> otherSessions(String schema) {
        return conn.query("SELECT id, user, host FROM information_schema.processlist WHERE db = ? AND id <> connection_id()",
                r -> "connection " + r.getLong(1) + " (" + r.getString(2) + "@" + r.getString(3) + ")", schema);
    }

}
