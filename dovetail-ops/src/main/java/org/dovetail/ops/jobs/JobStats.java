package org.dovetail.ops.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;
import org.dovetail.ops.Durations;

/**
 * Throughput and failure figures of a schema's jobs, per target table: from {@code ~dovetail_jobs}
 * (the attempts Java workers recorded) and the current rows of {@code ~jobs}.
 *
 * @param schema the schema
 * @param window the span over which recent successes are counted
 * @param tables one entry per target table
 */
public record JobStats(String schema, Duration window, List<TableStats> tables) implements Report {
    public JobStats {
        tables = List.copyOf(tables);
    }

    /**
     * The figures of one target table.
     *
     * @param tableName      the bare SQL name
     * @param jobs           keys with an attempt recorded in the sidecar
     * @param attempts       attempts started (a retry is one more)
     * @param failures       attempts that ended in an error, an abort or a release
     * @param running        attempts running now
     * @param succeeded      keys whose last attempt succeeded
     * @param errors         keys whose last attempt failed
     * @param aborted        keys whose last attempt was stopped
     * @param released       keys whose last attempt's reservation was released as dead
     * @param queued         keys given a priority and not attempted yet (not counted in {@code jobs})
     * @param recentSuccesses successes that finished within the window
     * @param meanSeconds    mean duration of the successful attempts, or null
     * @param maxSeconds     longest successful attempt, or null
     * @param queue          rows now in {@code ~jobs}: reserved, error, ignore
     */
    public record TableStats(String tableName, long jobs, long attempts, long failures, long running, long succeeded, long errors,
                             long aborted, long released, long queued, long recentSuccesses, Double meanSeconds, Double maxSeconds, long[] queue) {
        /** Failures per attempt, 0 without attempts. */
        public double failureRate() {
            return attempts == 0 ? 0 : (double) failures / attempts;
        }

        /** Successes per minute over the window. */
        public double perMinute(Duration window) {
            double minutes = window.toMillis() / 60000.0;
            return minutes <= 0 ? 0 : recentSuccesses / minutes;
        }
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(schema).append(": jobs per target table (successes over the last ").append(Durations.text(window)).append(")\n");
        if (tables.isEmpty()) {
            sb.append("  no jobs recorded\n");
        }
        for (TableStats t : tables) {
            sb.append(String.format("  %-28s %6d ok, %4d failed attempts of %6d (%.1f%%), %3d running, %d queued; %.2f/min; mean %s, max %s;"
                            + " ~jobs: %d reserved, %d error, %d ignore%n",
                    t.tableName(), t.succeeded(), t.failures(), t.attempts(), 100 * t.failureRate(), t.running(), t.queued(), t.perMinute(window),
                    seconds(t.meanSeconds()), seconds(t.maxSeconds()), t.queue()[0], t.queue()[1], t.queue()[2]));
        }
        return sb.toString();
    }

    private static String seconds(Double s) {
        return s == null ? "-" : String.format("%.3fs", s);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("schema", schema);
        json.put("window_seconds", window.toMillis() / 1000.0);
        ArrayNode array = json.putArray("tables");
        for (TableStats t : tables) {
            ObjectNode o = array.addObject();
            o.put("table_name", t.tableName());
            o.put("jobs", t.jobs());
            o.put("attempts", t.attempts());
            o.put("failures", t.failures());
            o.put("failure_rate", t.failureRate());
            o.put("running", t.running());
            o.put("succeeded", t.succeeded());
            o.put("errors", t.errors());
            o.put("aborted", t.aborted());
            o.put("released", t.released());
            o.put("queued", t.queued());
            o.put("recent_successes", t.recentSuccesses());
            o.put("per_minute", t.perMinute(window));
            o.put("mean_seconds", t.meanSeconds());
            o.put("max_seconds", t.maxSeconds());
            o.put("reserved", t.queue()[0]);
            o.put("error_rows", t.queue()[1]);
            o.put("ignore_rows", t.queue()[2]);
        }
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("table_name", "jobs", "attempts", "failures", "failure_rate", "running", "succeeded", "errors", "aborted",
                "released", "queued", "recent_successes", "per_minute", "mean_seconds", "max_seconds", "reserved", "error_rows", "ignore_rows");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (TableStats t : tables) {
            List<Object> row = new ArrayList<>(List.of(t.tableName(), t.jobs(), t.attempts(), t.failures(), t.failureRate(), t.running(),
                    t.succeeded(), t.errors(), t.aborted(), t.released(), t.queued(), t.recentSuccesses(), t.perMinute(window)));
            row.add(t.meanSeconds());
            row.add(t.maxSeconds());
            row.add(t.queue()[0]);
            row.add(t.queue()[1]);
            row.add(t.queue()[2]);
            rows.add(row);
        }
        return rows;
    }
}
