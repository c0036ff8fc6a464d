package org.dovetail.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.dovetail.Dovetail;
import org.dovetail.schema.Pipeline;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableInfo;

/** The demo's step with the small lab pipeline of {@code demo-pipeline.yaml}: declare, list, describe. */
final class LabPipeline {
    private LabPipeline() {
    }

    static Pipeline pipeline() {
        try (InputStream in = LabPipeline.class.getResourceAsStream("demo-pipeline.yaml")) {
            return Pipeline.fromTree(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("demo-pipeline.yaml is part of the command", e);
        }
    }

    static void show(PrintWriter out, Dovetail dovetail, String schemaName) {
        Schema schema = dovetail.schema(schemaName);
        Set<String> before = schema.tables().stream().map(TableInfo::tableName).collect(Collectors.toSet());
        schema.declare(pipeline());
        out.println("   tables (as `dovetail tables` lists them: parents first, parts after their master):");
        for (TableInfo t : schema.tables()) {
            out.printf("     %-22s %-9s %-24s %s%n", t.className(), t.tier().displayName(), t.tableName(),
                    before.contains(t.tableName()) ? "existed: same definition, left as it is" : "declared");
        }
        out.println("   `dovetail describe " + schemaName + ".Session.Probe` reads the definition back from the database:");
        schema.describe("Session.Probe").lines().forEach(line -> out.println("     " + line.stripTrailing()));
        long species = dovetail.connection().queryValue("SELECT COUNT(*) FROM " + schema.fullName("#species"), Long.class).orElse(0L);
        out.printf("   Lookup contents inserted once: %d species%n", species);
    }
}
