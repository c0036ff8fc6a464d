package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One thing a cleanup plan would remove: an unused tracking row (and, unless another row still
 * names its path, its object), an untracked object, or an incomplete upload.
 *
 * @param kind     what it is
 * @param schema   the tracking row's schema, or the schema folder an object is in (null for a file without one)
 * @param store    the store name of the tracking row (null for objects)
 * @param hash     the tracking row's hash (null for objects)
 * @param path     the object's path relative to the store's location
 * @param size     bytes (the row's recorded size, or the object's)
 * @param modified the object's modification time, or the row's timestamp
 * @param moves    true when the object goes to quarantine; false for a row whose object another row still names
 */
public record Candidate(Kind kind, String schema, String store, UUID hash, String path, long size, Instant modified, boolean moves) {

    /** What a cleanup found. */
    public enum Kind {
        /** A tracking row that no column refers to, older than the age gate. */
        UNUSED_ROW,
        /** An object in a schema's folder (or, for a filepath store, a file) that no tracking row names. */
        UNTRACKED,
        /** A temporary file of an upload that did not finish ({@code .saving}, {@code .copying}). */
        INCOMPLETE_UPLOAD,
        /** A tracking row nothing refers to, or an untracked object, younger than the age gate: kept. */
        YOUNG,
        /** A key ending in {@code /}: never a DataJoint object, never touched. */
        FOLDER_MARKER,
        /** A key that is not where DataJoint puts objects (or in the folder of a schema this server does not track): never touched. */
        NOT_DATAJOINT
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("kind", kind.name());
        json.put("schema", schema);
        json.put("store", store);
        json.put("hash", hash == null ? null : hash.toString());
        json.put("path", path);
        json.put("size", size);
        json.put("modified", modified == null ? null : modified.toString());
        json.put("moves", moves);
        return json;
    }

    static Candidate fromJson(JsonNode json) {
        return new Candidate(Kind.valueOf(json.get("kind").asText()), text(json, "schema"), text(json, "store"),
                json.hasNonNull("hash") ? UUID.fromString(json.get("hash").asText()) : null, json.get("path").asText(),
                json.get("size").asLong(), json.hasNonNull("modified") ? Instant.parse(json.get("modified").asText()) : null,
                json.get("moves").asBoolean());
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }
}
