package org.dovetail.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.dovetail.Report;

/**
 * What {@link StoreVerifier} found: every tracking row checked against its object, and the
 * objects in the schemas' folders that no row tracks.
 *
 * @param store         the store
 * @param schemas       the schemas checked
 * @param deep          whether contents were hashed
 * @param rowsChecked   tracking rows checked
 * @param objects       objects seen in the schemas' folders
 * @param folderMarkers keys ending in {@code /} seen there: folder markers that consoles, sync
 *                      tools or servers listing directories leave; not objects, never a problem
 * @param findings      every problem found, in the order found
 */
public record VerifyReport(String store, List<String> schemas, boolean deep, long rowsChecked, long objects, long folderMarkers,
                           List<Finding> findings) implements Report {
    public VerifyReport {
        schemas = List.copyOf(schemas);
        findings = List.copyOf(findings);
    }

    /** Kinds of problems. */
    public enum Kind {
        /** A row's object is not in the store. */
        MISSING,
        /** A row's object has another size than recorded. */
        SIZE_MISMATCH,
        /** A row's object hashes to something else than recorded (only with deep checking). */
        CONTENTS_MISMATCH,
        /** An object in a schema's folder that no row tracks. */
        UNTRACKED,
        /** A temporary file left by an interrupted write. */
        INCOMPLETE_UPLOAD
    }

    /**
     * @param kind   what is wrong
     * @param schema the schema
     * @param hash   the tracking row, or null for untracked objects
     * @param path   the object's address
     * @param detail sizes or hashes involved
     */
    public record Finding(Kind kind, String schema, UUID hash, String path, String detail) {}

    /** True when nothing was found. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /** {@code FAILED} when anything was found. */
    @Override
    public Outcome outcome() {
        return clean() ? Outcome.OK : Outcome.FAILED;
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("store %s, schemas %s%s%n", store, schemas, deep ? " (deep)" : ""));
        text.append(String.format("%d tracking rows checked, %d objects in the schemas' folders%n", rowsChecked, objects));
        if (folderMarkers > 0) {
            text.append(String.format("%d folder markers (keys ending in /) there too: not objects, left alone%n", folderMarkers));
        }
        counts().forEach((kind, n) -> text.append(String.format("  %-18s %d%n", name(kind), n)));
        for (Finding f : findings) {
            text.append(String.format("%s %s %s (%s)%s%n", name(f.kind()), f.path(), f.detail(), f.schema(),
                    f.hash() == null ? "" : ", row " + f.hash()));
        }
        text.append(clean() ? "OK: the store matches its tracking tables" : "FOUND " + findings.size() + " problem(s)").append('\n');
        return text.toString();
    }

    /** Every field, {@code counts} per kind and {@code clean}; the tracking rows checked are {@code rows}. */
    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("store", store);
        ArrayNode schemaList = json.putArray("schemas");
        schemas.forEach(schemaList::add);
        json.put("deep", deep).put("rows", rowsChecked).put("objects", objects).put("folderMarkers", folderMarkers);
        ArrayNode found = json.putArray("findings");
        for (Finding f : findings) {
            found.addObject().put("kind", f.kind().name()).put("schema", f.schema())
                    .put("hash", f.hash() == null ? null : f.hash().toString()).put("path", f.path()).put("detail", f.detail());
        }
        ObjectNode counts = json.putObject("counts");
        counts().forEach((kind, n) -> counts.put(kind.name(), n));
        json.put("clean", clean());
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("kind", "schema", "hash", "path", "detail");
    }

    @Override
    public List<List<Object>> rows() {
        return findings.stream().map(f -> List.<Object>of(name(f.kind()), f.schema(), f.hash() == null ? "" : f.hash().toString(),
                f.path(), f.detail())).toList();
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Number of findings per kind (every kind listed, zeros included). */
    public Map<Kind, Long> counts() {
        Map<Kind, Long> counts = new TreeMap<>();
        for (Kind kind : Kind.values()) {
            counts.put(kind, findings.stream().filter(f -> f.kind() == kind).count());
        }
        return counts;
    }
}
