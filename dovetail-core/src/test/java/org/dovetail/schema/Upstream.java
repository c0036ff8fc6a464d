package org.dovetail.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * DataJoint-Python's test schemas (test-schemas.md §2) as the pipeline files under
 * {@code upstream/}, for tests that declare all of one or some of its tables.
 */
public final class Upstream {
    private static final Pipeline SCHEMA_ANY = pipeline("schema_any");

    private Upstream() {
    }

    /** The pipeline of {@code upstream/<name>.yaml}. */
    public static Pipeline pipeline(String name) {
        try (InputStream in = Upstream.class.getResourceAsStream("/upstream/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no pipeline file upstream/" + name + ".yaml");
            }
            return Pipeline.fromTree(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table of schema_any ({@code tests/schema.py}), with its parts and Lookup contents. */
    public static TableDefinition schemaAny(String className) {
        return SCHEMA_ANY.tables().stream().filter(t -> t.className().equals(className)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("schema_any has no table " + className));
    }

    /** The Lookup contents of a table of schema_any, each row its values in attribute order. */
    public static List<List<?>> schemaAnyContents(String className) {
        return schemaAny(className).contents().stream().<List<?>>map(row -> (List<?>) row).toList();
    }

    /** Declares tables of schema_any in {@code schema}, in the order given, with their parts and contents. */
    public static void declareSchemaAny(Schema schema, String... classNames) {
        for (String className : classNames) {
            schema.declare(schemaAny(className));
        }
    }
}
