package org.dovetail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.TableName;
import org.dovetail.schema.Pipeline;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.TableInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail declare SCHEMA --file pipeline.yaml}: declares a pipeline file's tables. */
@Command(name = "declare", mixinStandardHelpOptions = true,
        description = "Declare the tables of a pipeline file (YAML or JSON; see docs/pipeline-file.md) in a schema, in file "
                + "order, as DataJoint-Python declares them. Tables that exist with the same definition are left alone; "
                + "a different existing definition is an error listing the differences. Missing privileges are named "
                + "before anything is sent. Prints each table with `declared` or `exists`.")
final class DeclareCommand implements Callable<Integer> {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCHEMA", description = "The schema (database); created if it does not exist.")
    String schema;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The pipeline file (.yaml, .yml or .json; `-` reads standard input).")
    String file;

    @Override
    public Integer call() {
        Pipeline pipeline = Pipeline.fromTree(read());
        PrintWriter err = spec.commandLine().getErr();
        try (Database.Opened db = Commands.database(spec, global).open()) {
            boolean existed = db.dovetail().schemaExists(schema);
            Schema target = db.dovetail().createSchema(schema);
            if (!existed) {
                err.println("dovetail: created schema " + TableName.quote(schema));
            }
            Set<String> before = target.tables().stream().map(TableInfo::tableName).collect(Collectors.toSet());
            target.declare(pipeline);
            List<List<Object>> rows = new ArrayList<>();
            for (TableDefinition table : pipeline.tables()) {
                TableInfo master = target.find(table.className()).orElseThrow();
                rows.add(row(master, before));
                for (TableDefinition part : table.parts()) {
                    rows.add(row(target.find(table.className() + "." + part.className()).orElseThrow(), before));
                }
            }
            if (rows.stream().anyMatch(r -> r.get(3).equals("declared"))) {
                target.prefixWarning().ifPresent(w -> err.println("dovetail: warning: " + w));
            }
            err.flush();
            Commands.output(spec, global).rows(List.of("class", "tier", "table", "status"), rows);
            return ExitCode.OK.code();
        }
    }

    private static List<Object> row(TableInfo table, Set<String> before) {
        return List.of(table.className(), table.tier().displayName(), table.tableName(),
                before.contains(table.tableName()) ? "exists" : "declared");
    }

    private JsonNode read() {
        try {
            if (file.equals("-")) {
                return YAML.readTree(global.stdin);
            }
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                return YAML.readTree(in); // YAML is a superset of JSON: one reader for both
            }
        } catch (NoSuchFileException e) {
            throw new DovetailException(ErrorCode.IO, "Cannot read the pipeline file " + file + ": no such file", e);
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new DovetailException(ErrorCode.IO, "Cannot read the pipeline file " + file + ": " + message, e);
        }
    }
}
