package org.dovetail.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.InvalidInputException;

/**
 * A pipeline as a language-neutral document (the pipeline file, {@code docs/pipeline-file.md}):
 * the tables of one schema in declaration order, with tiers, definitions, parts and contents, the
 * other schemas its definitions refer to, and its adapted types.
 *
 * <pre>{@code
 * JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(Path.of("pipeline.yaml").toFile());
 * List<Table> declared = dj.createSchema("lab").declare(Pipeline.fromTree(tree));
 * }</pre>
 *
 * @param schemas  alias → schema name, for references {@code alias.ClassName} into other schemas
 * @param adapters adapter name → storage type, for attributes of type {@code <name>}
 * @param tables   the tables in declaration order (parents first)
 */
public record Pipeline(Map<String, String> schemas, Map<String, String> adapters, List<TableDefinition> tables) {
    private static final ObjectMapper VALUES = new ObjectMapper();

    public Pipeline {
        schemas = Map.copyOf(schemas);
        adapters = Map.copyOf(adapters);
        tables = List.copyOf(tables);
    }

    /**
     * The pipeline of a parsed pipeline file (JSON, or YAML read into the same tree).
     *
     * @throws DovetailException naming the path of the first malformed entry, e.g. {@code tables[2].tier}
     */
    public static Pipeline fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw problem("", "the pipeline file must be a mapping with a `tables` list");
        }
        for (var names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("schemas", "adapters", "tables").contains(name)) {
                throw problem(name, "unknown key (expected schemas, adapters, tables)");
            }
        }
        JsonNode tables = root.get("tables");
        if (tables == null || !tables.isArray()) {
            throw problem("tables", "a list of tables is required");
        }
        List<TableDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            definitions.add(table(tables.get(i), "tables[" + i + "]"));
        }
        return new Pipeline(stringMap(root.get("schemas"), "schemas"), stringMap(root.get("adapters"), "adapters"), definitions);
    }

    private static TableDefinition table(JsonNode node, String path) {
        requireObject(node, path, List.of("class", "tier", "definition", "contents", "parts"));
        Tier tier = tier(text(node, "tier", path), path + ".tier");
        TableDefinition table = TableDefinition.of(tier, text(node, "class", path), text(node, "definition", path))
                .withContents(contents(node.get("contents"), path + ".contents"));
        JsonNode parts = node.get("parts");
        if (parts != null) {
            if (!parts.isArray()) {
                throw problem(path + ".parts", "must be a list of part tables");
            }
            for (int i = 0; i < parts.size(); i++) {
                String partPath = path + ".parts[" + i + "]";
                JsonNode part = parts.get(i);
                requireObject(part, partPath, List.of("class", "definition", "contents"));
                table = table.withPart(TableDefinition.of(Tier.PART, text(part, "class", partPath), text(part, "definition", partPath))
                        .withContents(contents(part.get("contents"), partPath + ".contents")));
            }
        }
        return table;
    }

    private static Tier tier(String name, String path) {
        try {
            Tier tier = Tier.valueOf(name.toUpperCase(Locale.ROOT));
            if (tier != Tier.PART) {
                return tier;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw problem(path, "expected manual, lookup, imported or computed, got \"" + name + "\" (parts go under `parts`)");
    }

    private static List<?> contents(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw problem(path, "must be a list of rows (each a list of values or a mapping of attribute to value)");
        }
        List<Object> rows = new ArrayList<>();
        for (JsonNode row : node) {
            if (!row.isArray() && !row.isObject()) {
                throw problem(path, "a row must be a list of values or a mapping of attribute to value, got " + row);
            }
            rows.add(VALUES.convertValue(row, Object.class));
        }
        return rows;
    }

    private static Map<String, String> stringMap(JsonNode node, String path) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw problem(path, "must be a mapping of names to text");
        }
        node.properties().iterator().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw problem(path + "." + e.getKey(), "must be text");
            }
            map.put(e.getKey(), e.getValue().asText());
        });
        return map;
    }

    private static void requireObject(JsonNode node, String path, List<String> allowed) {
        if (node == null || !node.isObject()) {
            throw problem(path, "must be a mapping with " + String.join(", ", allowed));
        }
        for (var names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw problem(path + "." + name, "unknown key (expected " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String text(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw problem(path + "." + key, "is required and must be text");
        }
        return value.asText();
    }

    private static DovetailException problem(String path, String message) {
        return new InvalidInputException("pipeline file: " + (path.isEmpty() ? "" : path + ": ") + message);
    }
}
