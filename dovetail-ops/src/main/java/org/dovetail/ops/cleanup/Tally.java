package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A count, its bytes, and the first few paths, for what a plan keeps (young, markers, foreign keys). */
final class Tally {
    /** How many paths a tally lists. */
    static final int SAMPLES = 20;

    long count;
    long bytes;
    final List<String> samples = new ArrayList<>();

    void add(String path, long size) {
        count++;
        bytes += size;
        if (samples.size() < SAMPLES) {
            samples.add(path);
        }
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("count", count);
        json.put("bytes", bytes);
        ArrayNode list = json.putArray("examples");
        samples.forEach(list::add);
        return json;
    }

    static Tally fromJson(JsonNode json) {
        Tally t = new Tally();
        if (json != null) {
            t.count = json.path("count").asLong();
            t.bytes = json.path("bytes").asLong();
            json.path("examples").forEach(e -> t.samples.add(e.asText()));
        }
        return t;
    }
}
