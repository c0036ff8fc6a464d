package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dovetail.Report;
import org.dovetail.ops.OperationPlan;

/**
 * What a restore or a purge of the quarantine did.
 *
 * @param header   the plan's header
 * @param store    the store name
 * @param restored objects moved back to their original paths (a purge restores those a tracking row names again)
 * @param purged   objects deleted
 * @param bytes    bytes deleted
 * @param kept     objects left in quarantine, with why
 */
public record QuarantineReport(OperationPlan.Header header, String store, long restored, long purged, long bytes,
                               List<ObjectsReport.Item> kept) implements Report {
    public QuarantineReport {
        kept = List.copyOf(kept);
    }

    /** The one-line summary. */
    public String summary() {
        return "quarantine of " + store + ": " + restored + " objects restored, " + purged + " purged (" + bytes + " bytes), "
                + kept.size() + " kept";
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        kept.forEach(i -> text.append("  kept ").append(i.path()).append(": ").append(i.reason()).append('\n'));
        return text.append(summary()).append('\n').toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("store", store);
        json.put("restored", restored);
        json.put("purged", purged);
        json.put("bytes", bytes);
        json.put("summary", summary());
        ArrayNode list = json.putArray("kept");
        kept.forEach(i -> list.addObject().put("path", i.path()).put("reason", i.reason()));
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("path", "reason");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        kept.forEach(i -> rows.add(Arrays.asList(i.path(), i.reason())));
        return rows;
    }
}
