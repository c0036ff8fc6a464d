package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON form of the migration's records: every component, named as in the record. */
final class MigrationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MigrationJson() {}

    static JsonNode of(Object value) {
        return MAPPER.valueToTree(value);
    }
}
