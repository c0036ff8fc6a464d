package org.dovetail.ops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.ops.Durations;
import org.dovetail.populate.Job;

/**
 * One row of {@code ~jobs} as the administration commands show it: the row, its age on the
 * server's clock, and, when a Java worker reserved it, that worker and how long its heartbeat has
 * been silent.
 *
 * @param job            the row
 * @param age            how long ago the row was written (server time)
 * @param worker         the Java worker whose running attempt matches the row (same key hash, host
 *                       and pid), or null: a Python worker, or a Java worker without sidecar
 * @param heartbeatSilent how long that worker's heartbeat has been silent, or null without a worker
 */
public record JobRow(Job job, Duration age, String worker, Duration heartbeatSilent) {
    /** The columns of {@link #cells()}. */
    static final List<String> COLUMNS = List.of("table_name", "key_hash", "status", "key", "error_message", "user", "host", "pid",
            "connection_id", "age", "worker", "heartbeat");

    /** True when a Java worker's running attempt matches the row. */
    public boolean hasHeartbeat() {
        return worker != null;
    }

    /** The key as text, e.g. {@code {subject_id=2, session=s1}}; {@code ?} when the row's key blob was unreadable. */
    public String keyText() {
        return job.key() == null ? "?" : job.key().toString();
    }

    List<Object> cells() {
        List<Object> cells = new ArrayList<>();
        cells.add(job.tableName());
        cells.add(job.keyHash());
        cells.add(job.status().sqlValue());
        cells.add(keyText());
        cells.add(job.errorMessage());
        cells.add(job.user());
        cells.add(job.host());
        cells.add(job.pid());
        cells.add(job.connectionId());
        cells.add(Durations.text(age));
        cells.add(worker == null ? "" : worker);
        cells.add(heartbeatSilent == null ? "" : Durations.text(heartbeatSilent) + " ago");
        return cells;
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("table_name", job.tableName());
        json.put("key_hash", job.keyHash());
        json.put("status", job.status().sqlValue());
        json.set("key", keyJson(job.key()));
        json.put("error_message", job.errorMessage());
        json.put("user", job.user());
        json.put("host", job.host());
        json.put("pid", job.pid());
        json.put("connection_id", job.connectionId());
        LocalDateTime timestamp = job.timestamp();
        json.put("timestamp", timestamp == null ? null : timestamp.toString());
        json.put("age_seconds", age.toMillis() / 1000.0);
        json.put("worker", worker);
        if (heartbeatSilent == null) {
            json.putNull("heartbeat_silent_seconds");
        } else {
            json.put("heartbeat_silent_seconds", heartbeatSilent.toMillis() / 1000.0);
        }
        return json;
    }

    /** The key's values as JSON: numbers, strings and booleans as themselves, anything else as its text. */
    static JsonNode keyJson(Map<String, Object> key) {
        if (key == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Object> e : new LinkedHashMap<>(key).entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                json.putNull(e.getKey());
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                json.put(e.getKey(), ((Number) v).longValue());
            } else if (v instanceof Double || v instanceof Float) {
                json.put(e.getKey(), ((Number) v).doubleValue());
            } else if (v instanceof Boolean b) {
                json.put(e.getKey(), b);
            } else {
                json.put(e.getKey(), v.toString());
            }
        }
        return json;
    }
}
