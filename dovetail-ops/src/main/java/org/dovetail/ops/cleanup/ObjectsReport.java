package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dovetail.Report;
import org.dovetail.ops.OperationPlan;

/**
 * What applying an {@link ObjectsPlan} did: tracking rows deleted, objects moved to quarantine
 * (and where), and what was left alone because it changed since planning (referenced again,
 * tracked again, refreshed, in use by an insert) or could not be moved.
 *
 * @param header      the plan's header
 * @param store       the store name
 * @param quarantine  the folder the objects went to, {@code _dovetail_quarantine/<date>/}
 * @param rowsDeleted tracking rows deleted
 * @param moved       objects moved to quarantine
 * @param movedBytes  their bytes
 * @param skipped     candidates left alone, each with why
 * @param failures    candidates that failed, each with the error (their rows were kept)
 */
public record ObjectsReport(OperationPlan.Header header, String store, String quarantine, long rowsDeleted, long moved, long movedBytes,
                            List<Item> skipped, List<Item> failures) implements Report {
    public ObjectsReport {
        skipped = List.copyOf(skipped);
        failures = List.copyOf(failures);
    }

    /**
     * @param path   the object's path
     * @param reason why it was left alone, or the error
     */
    public record Item(String path, String reason) {}

    /** The one-line summary a cron job logs. */
    public String summary() {
        return String.format(Locale.ROOT, "cleanup apply %s: %d tracking rows deleted, %d objects (%d bytes) moved to %s, %d left alone, %d failed",
                store, rowsDeleted, moved, movedBytes, quarantine, skipped.size(), failures.size());
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        skipped.forEach(i -> text.append("  left alone ").append(i.path()).append(": ").append(i.reason()).append('\n'));
        failures.forEach(i -> text.append("  FAILED ").append(i.path()).append(": ").append(i.reason()).append('\n'));
        return text.append(summary()).append('\n').toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("store", store);
        json.put("quarantine", quarantine);
        json.put("rowsDeleted", rowsDeleted);
        json.put("moved", moved);
        json.put("bytes", movedBytes);
        json.put("summary", summary());
        ArrayNode s = json.putArray("skipped");
        skipped.forEach(i -> s.addObject().put("path", i.path()).put("reason", i.reason()));
        ArrayNode f = json.putArray("failures");
        failures.forEach(i -> f.addObject().put("path", i.path()).put("error", i.reason()));
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("result", "path", "detail");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        skipped.forEach(i -> rows.add(Arrays.asList("left alone", i.path(), i.reason())));
        failures.forEach(i -> rows.add(Arrays.asList("failed", i.path(), i.reason())));
        return rows;
    }

    @Override
    public Outcome outcome() {
        return failures.isEmpty() ? Outcome.OK : Outcome.FAILED;
    }
}
