package org.dovetail.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.Report;

/**
 * What a {@code dovetail worker} run did, printed when it ends: per target table the jobs made,
 * failed, aborted, found done and taken by others, and why the worker stopped.
 *
 * @param worker   the heartbeat's worker id ({@code host:pid:random})
 * @param make     the make command or class
 * @param threads  worker threads
 * @param tables   counts per target table ({@code `db`.`tbl`} to made, failed, aborted, already done, taken)
 * @param stopped  why the worker ended: {@code empty}, {@code max-jobs} or the stop's message
 * @param duration the whole run
 */
record WorkerReport(String worker, String make, int threads, Map<String, long[]> tables, String stopped, Duration duration) implements Report {
    static final int MADE = 0;
    static final int FAILED = 1;
    static final int ABORTED = 2;
    static final int ALREADY_DONE = 3;
    static final int TAKEN = 4;
    private static final List<String> COUNTS = List.of("made", "failed", "aborted", "already_done", "taken");

    long total(int which) {
        return tables.values().stream().mapToLong(c -> c[which]).sum();
    }

    @Override
    public Outcome outcome() {
        return total(FAILED) > 0 ? Outcome.FAILED : Outcome.OK;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("worker %s (%d thread%s, make %s): %d made, %d failed, %d aborted in %.1f s; stopped: %s%n", worker, threads,
                threads == 1 ? "" : "s", make, total(MADE), total(FAILED), total(ABORTED), duration.toNanos() / 1e9, stopped));
        tables.forEach((t, c) -> sb.append(String.format("  %s: %d made, %d failed, %d aborted, %d already done, %d taken%n", t,
                c[MADE], c[FAILED], c[ABORTED], c[ALREADY_DONE], c[TAKEN])));
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("worker", worker);
        json.put("make", make);
        json.put("threads", threads);
        for (int i = 0; i < COUNTS.size(); i++) {
            json.put(COUNTS.get(i), total(i));
        }
        json.put("stopped", stopped);
        json.put("seconds", duration.toMillis() / 1000.0);
        ObjectNode perTable = json.putObject("tables");
        tables.forEach((t, c) -> {
            ObjectNode o = perTable.putObject(t);
            for (int i = 0; i < COUNTS.size(); i++) {
                o.put(COUNTS.get(i), c[i]);
            }
        });
        return json;
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("table"));
        columns.addAll(COUNTS);
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        tables.forEach((t, c) -> rows.add(List.of(t, c[MADE], c[FAILED], c[ABORTED], c[ALREADY_DONE], c[TAKEN])));
        return rows;
    }
}
