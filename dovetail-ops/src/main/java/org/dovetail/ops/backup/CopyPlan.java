package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dovetail.ops.OperationPlan;

/**
 * What {@code backup copy} would copy: the sets, and of the objects they name those the
 * destination lacks. Making it changes nothing.
 *
 * @param header      operation {@code backup}, scope the destination (its lock)
 * @param source      the source's description
 * @param destination the destination's description
 * @param sets        the sets to copy, oldest first
 * @param skipped     sets left out and why (already at the destination, no manifest)
 * @param refusedBecause why the copy would be refused (a named set that cannot be copied), or null
 */
public record CopyPlan(Header header, String source, String destination, List<SetCopy> sets, List<String> skipped, String refusedBecause)
        implements OperationPlan {
    public CopyPlan {
        sets = List.copyOf(sets);
        skipped = List.copyOf(skipped);
    }

    /**
     * One set to copy.
     *
     * @param name         the set
     * @param files        its files, the manifest and SHA256SUMS included
     * @param bytes        their size
     * @param objects      objects its manifest names (distinct)
     * @param newObjects   of those, how many the destination lacks
     * @param newBytes     their size
     */
    public record SetCopy(String name, int files, long bytes, int objects, int newObjects, long newBytes) { }

    @Override
    public boolean isEmpty() {
        return sets.isEmpty();
    }

    @Override
    public Optional<String> refusal() {
        return Optional.ofNullable(refusedBecause);
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("Copy " + sets.size() + " set" + (sets.size() == 1 ? "" : "s") + " from " + source + " to "
                + destination + "\n");
        for (SetCopy s : sets) {
            sb.append(String.format("  %-32s %4d files %10s, %d objects (%d to copy, %s)%n", s.name(), s.files(), Sizes.human(s.bytes()),
                    s.objects(), s.newObjects(), Sizes.human(s.newBytes())));
        }
        skipped.forEach(s -> sb.append("  skipped: ").append(s).append('\n'));
        if (refusedBecause != null) {
            sb.append("  refused: ").append(refusedBecause).append('\n');
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson().put("source", source).put("destination", destination);
        ArrayNode array = json.putArray("sets");
        for (SetCopy s : sets) {
            array.addObject().put("name", s.name()).put("files", s.files()).put("bytes", s.bytes()).put("objects", s.objects())
                    .put("new_objects", s.newObjects()).put("new_bytes", s.newBytes());
        }
        skipped.forEach(json.putArray("skipped")::add);
        if (refusedBecause != null) {
            json.put("refusal", refusedBecause);
        }
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("set", "files", "bytes", "objects", "new_objects", "new_bytes");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        sets.forEach(s -> out.add(List.of(s.name(), s.files(), s.bytes(), s.objects(), s.newObjects(), s.newBytes())));
        return out;
    }
}
