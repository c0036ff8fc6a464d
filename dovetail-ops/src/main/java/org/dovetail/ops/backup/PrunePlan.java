package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dovetail.ops.OperationPlan;

/**
 * What {@code backup prune} would delete: every set with its verdict and the reasons, and the
 * objects of the object area that no kept set's manifest names. Making it changes nothing.
 * Refused when the newest run of a label did not complete.
 *
 * @param header    operation {@code backup}, scope the target, fingerprinted by the sets and their states
 * @param target    the target's description
 * @param policy    the retention policy
 * @param sets      every set's verdict, by label, newest first
 * @param bytes     each set's size, in the order of {@code sets}
 * @param objects   object paths to delete (relative to the target)
 * @param objectBytes their total size
 * @param refusals  why labels are left alone (the plan is refused when there is any)
 * @param notes     what else the plan noticed (e.g. why no object is swept)
 */
public record PrunePlan(Header header, String target, RetentionPolicy policy, List<Retention.Verdict> sets, List<Long> bytes,
                        List<String> objects, long objectBytes, List<String> refusals, List<String> notes) implements OperationPlan {
    public PrunePlan {
        sets = List.copyOf(sets);
        bytes = List.copyOf(bytes);
        objects = List.copyOf(objects);
        refusals = List.copyOf(refusals);
        notes = List.copyOf(notes);
    }

    /** The names of the sets to delete. */
    public List<String> deletedSets() {
        return sets.stream().filter(v -> !v.keep()).map(v -> v.set().name()).toList();
    }

    /** The names of the sets kept. */
    public List<String> keptSets() {
        return sets.stream().filter(Retention.Verdict::keep).map(v -> v.set().name()).toList();
    }

    /** Bytes the deleted sets take. */
    public long setBytes() {
        long sum = 0;
        for (int i = 0; i < sets.size(); i++) {
            if (!sets.get(i).keep()) {
                sum += bytes.get(i);
            }
        }
        return sum;
    }

    @Override
    public boolean isEmpty() {
        return deletedSets().isEmpty() && objects.isEmpty();
    }

    @Override
    public Optional<String> refusal() {
        return refusals.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refusals));
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("Prune " + target + " (" + policy.describe() + "): delete " + deletedSets().size() + " of "
                + sets.size() + " sets (" + Sizes.human(setBytes()) + ") and " + objects.size() + " unreferenced objects ("
                + Sizes.human(objectBytes) + ")\n");
        for (int i = 0; i < sets.size(); i++) {
            Retention.Verdict v = sets.get(i);
            sb.append(String.format("  %-6s %-32s %10s  %s%n", v.keep() ? "keep" : "delete", v.set().name(), Sizes.human(bytes.get(i)),
                    String.join(", ", v.reasons())));
        }
        for (String r : refusals) {
            sb.append("  refused: ").append(r).append('\n');
        }
        for (String n : notes) {
            sb.append("  note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("target", target);
        json.put("policy", policy.describe());
        ArrayNode array = json.putArray("sets");
        for (int i = 0; i < sets.size(); i++) {
            Retention.Verdict v = sets.get(i);
            ObjectNode o = array.addObject().put("name", v.set().name()).put("label", v.set().label()).put("state", v.set().state())
                    .put("action", v.keep() ? "keep" : "delete").put("bytes", bytes.get(i));
            v.reasons().forEach(o.putArray("reasons")::add);
        }
        json.put("objects_deleted", objects.size());
        json.put("object_bytes", objectBytes);
        refusals.forEach(json.putArray("refusals")::add);
        notes.forEach(json.putArray("notes")::add);
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("set", "label", "state", "action", "bytes", "reasons");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            Retention.Verdict v = sets.get(i);
            out.add(List.of(v.set().name(), v.set().label(), v.set().state(), v.keep() ? "keep" : "delete", bytes.get(i),
                    String.join("; ", v.reasons())));
        }
        return out;
    }
}
