package org.dovetail.populate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dovetail.Report;

/**
 * What a populate did: how many keys it attempted, made, found done or taken, and every failure
 * with its key and message (DataJoint's {@code success_count} and {@code error_list}). The
 * outcome is {@code FAILED} when a make failed.
 *
 * @param table the target, {@code `db`.`tbl`}
 * @param keys the keys to do after the job filter and {@code maxCalls}
 * @param results one per key attempted, in the order they ended
 * @param stopped the stop that ended the populate early, if one did
 * @param duration the whole run
 */
public record PopulateReport(String table, int keys, List<JobResult> results, Optional<StopReason> stopped, Duration duration)
        implements Report {
    public PopulateReport {
        results = List.copyOf(results);
    }

    /** Keys made (DataJoint's {@code success_count}). */
    public long made() {
        return count(JobOutcome.MADE);
    }

    /** Keys the target held already. */
    public long alreadyDone() {
        return count(JobOutcome.ALREADY_DONE);
    }

    /** Keys another worker held (or that were marked failed or ignored meanwhile). */
    public long taken() {
        return count(JobOutcome.TAKEN);
    }

    /** The failed keys with their messages (DataJoint's {@code error_list}). */
    public List<JobResult> failures() {
        return results.stream().filter(r -> r.outcome() == JobOutcome.FAILED).toList();
    }

    /** The jobs a stop interrupted (at most one per worker). */
    public List<JobResult> interrupted() {
        return results.stream().filter(r -> r.outcome() == JobOutcome.INTERRUPTED).toList();
    }

    /** Keys not attempted because populate stopped early. */
    public int notAttempted() {
        return keys - results.size();
    }

    @Override
    public Outcome outcome() {
        return failures().isEmpty() ? Outcome.OK : Outcome.FAILED;
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(table).append(": ").append(keys).append(" keys to do, ").append(made()).append(" made, ")
                .append(alreadyDone()).append(" already done, ").append(taken()).append(" taken, ")
                .append(failures().size()).append(" failed");
        stopped.ifPresent(s -> text.append("; stopped (").append(s.message()).append("), ").append(notAttempted())
                .append(" not attempted"));
        text.append(String.format(" in %.1f s%n", duration.toNanos() / 1e9));
        for (JobResult r : results) {
            if (r.outcome() == JobOutcome.FAILED || r.outcome() == JobOutcome.INTERRUPTED) {
                text.append("  ").append(r.key()).append(": ").append(r.message()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("table", table);
        json.put("keys", keys);
        json.put("made", made());
        json.put("already_done", alreadyDone());
        json.put("taken", taken());
        json.put("failed", failures().size());
        if (stopped.isPresent()) {
            json.put("stopped", stopped.get().message());
        } else {
            json.putNull("stopped");
        }
        json.put("not_attempted", notAttempted());
        json.put("seconds", duration.toNanos() / 1e9);
        ArrayNode errors = json.putArray("errors");
        for (JobResult r : results) {
            if (r.outcome() == JobOutcome.FAILED || r.outcome() == JobOutcome.INTERRUPTED) {
                ObjectNode e = errors.addObject();
                e.set("key", keyJson(r.key()));
                e.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
                e.put("message", r.message());
            }
        }
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("key", "outcome", "message");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (JobResult r : results) {
            if (r.outcome() == JobOutcome.FAILED || r.outcome() == JobOutcome.INTERRUPTED) {
                rows.add(List.of(keyJson(r.key()).toString(), r.outcome().name().toLowerCase(Locale.ROOT), r.message()));
            }
        }
        return rows;
    }

    private long count(JobOutcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static ObjectNode keyJson(Map<String, Object> key) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (var entry : key.entrySet()) {
            Object v = entry.getValue();
            if (v == null) {
                json.putNull(entry.getKey());
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                json.put(entry.getKey(), ((Number) v).longValue());
            } else if (v instanceof BigInteger big) {
                json.put(entry.getKey(), big);
            } else if (v instanceof BigDecimal dec) {
                json.put(entry.getKey(), dec);
            } else if (v instanceof Double d) {
                json.put(entry.getKey(), d);
            } else {
                json.put(entry.getKey(), v.toString());
            }
        }
        return json;
    }
}
