package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * What {@code backup copy} did: the sets copied and verified at the destination, the objects
 * copied and found present, and, with {@code --prune-source}, what was pruned at the source.
 *
 * @param source        the source's description
 * @param destination   the destination's description
 * @param verified      the sets copied and verified at the destination (every file re-read)
 * @param objectsCopied objects copied (each re-read at the destination)
 * @param objectsPresent objects the destination had already (same size)
 * @param bytes         bytes copied
 * @param prune         the source's prune plan when asked for (null otherwise)
 * @param pruned        what the source's prune deleted, or null when it was not asked for or was refused
 */
public record CopyReport(String source, String destination, List<String> verified, int objectsCopied, int objectsPresent, long bytes,
                         PrunePlan prune, PruneReport pruned) implements Report {
    public CopyReport {
        verified = List.copyOf(verified);
    }

    /** The same report with the source's prune. */
    CopyReport withPrune(PrunePlan plan, PruneReport done) {
        return new CopyReport(source, destination, verified, objectsCopied, objectsPresent, bytes, plan, done);
    }

    /** The one-line summary. */
    public String summary() {
        String s = "Copied " + verified.size() + " set" + (verified.size() == 1 ? "" : "s") + " from " + source + " to " + destination
                + ", verified there: " + objectsCopied + " objects copied, " + objectsPresent + " already present, " + Sizes.human(bytes);
        if (pruned != null) {
            s += "; source pruned: " + pruned.deletedSets().size() + " sets, " + pruned.objects() + " objects";
        } else if (prune != null && prune.refusal().isPresent()) {
            s += "; source NOT pruned: " + prune.refusal().get();
        }
        return s;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        verified.forEach(v -> sb.append("  verified ").append(v).append('\n'));
        if (prune != null) {
            sb.append(prune.toText());
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("source", source).put("destination", destination)
                .put("summary", summary());
        verified.forEach(json.putArray("verified")::add);
        json.put("objects_copied", objectsCopied).put("objects_present", objectsPresent).put("bytes", bytes);
        if (prune != null) {
            json.set("prune_plan", prune.toJson());
        }
        if (pruned != null) {
            json.set("pruned", pruned.toJson());
        }
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("verified_set");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        verified.forEach(v -> out.add(List.of(v)));
        return out;
    }

    /** REFUSED when the source's prune was refused (the copy itself succeeded). */
    @Override
    public Outcome outcome() {
        return prune != null && pruned == null && prune.refusal().isPresent() ? Outcome.REFUSED : Outcome.OK;
    }
}
