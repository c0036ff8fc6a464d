package org.dovetail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dovetail.heading.Attribute;
import org.dovetail.query.Query;
import org.dovetail.query.Top;
import org.dovetail.schema.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail fetch}: rows of a table, restricted, projected, ordered and limited. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Print rows of a table. Values in JSON: uuid and decimal as strings, dates ISO-8601,",
                "blobs as the canonical JSON tree, attachments as {filename, contents_base64}.",
                "Rows are streamed: jsonl and csv print as they arrive, in bounded memory."})
final class FetchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON_LINE = new ObjectMapper();
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Mixin
    CommandTarget.OfTable table;

    @Mixin
    Restriction where;

    @Option(names = "--attrs", paramLabel = "a,b", split = ",", description = "Only these attributes (KEY for the primary key).")
    List<String> attributes = new ArrayList<>();

    @Option(names = "--order-by", paramLabel = "ATTR [ASC|DESC]", split = ",", description = "Sort order, e.g. \"session_date DESC,KEY\".")
    List<String> orderBy = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", description = "At most N rows (sorted by --order-by, else by primary key).")
    Long limit;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N rows.")
    long offset;

    @Option(names = "--download-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where attach@store files are downloaded; their paths are printed (default: the current directory).")
    Path downloadDir;

    @Override
    public Integer call() {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            Table t = TableArgument.open(db.dovetail(), table.table);
            Query q = t;
            for (String condition : where.conditions) {
                q = q.restrict(condition);
            }
            if (limit != null || offset > 0 || !orderBy.isEmpty()) {
                q = q.top(new Top(limit, orderBy, offset));
            }
            if (!attributes.isEmpty()) {
                q = q.proj(attributes.stream().filter(a -> !a.equals("KEY")).toArray(String[]::new));
            }
            List<String> columns = columns(q);
            // raw blobs: the tree of a blob holding None is {"t": "none"}, apart from SQL NULL (null)
            print(q.downloadTo(downloadDir).rawBlobs(), columns);
            return ExitCode.OK.code();
        }
    }

    private List<String> columns(Query q) {
        if (attributes.isEmpty()) {
            return q.names();
        }
        List<String> columns = new ArrayList<>();
        for (String a : attributes) {
            if (a.equals("KEY")) {
                q.primaryKey().stream().filter(k -> !columns.contains(k)).forEach(k -> columns.add(columns.size(), k));
            } else if (!columns.contains(a)) {
                columns.add(a);
            }
        }
        return columns;
    }

    private void print(Query q, List<String> columns) {
        PrintWriter out = spec.commandLine().getOut();
        Output output = Commands.output(spec, global);
        Attribute[] attributes = columns.stream().map(c -> q.attribute(c).orElse(null)).toArray(Attribute[]::new);
        long total = System.console() == null ? 0 : q.count();
        try (Stream<Map<String, Object>> rows = q.stream(); Progress progress = Progress.of("fetch", total)) {
            long[] done = {0};
            switch (output.format()) {
                case jsonl -> rows.forEach(r -> {
                    out.println(JSON_LINE.valueToTree(object(r, columns, attributes)).toString());
                    progress.step().accept(++done[0]);
                });
                case csv -> {
                    out.println(String.join(",", columns.stream().map(FetchCommand::csv).toList()));
                    rows.forEach(r -> {
                        List<String> cells = new ArrayList<>();
                        for (int i = 0; i < columns.size(); i++) {
                            JsonNode v = JsonValues.toJson(r.get(columns.get(i)), attributes[i]);
                            cells.add(csv(v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString()));
                        }
                        out.println(String.join(",", cells));
                        progress.step().accept(++done[0]);
                    });
                }
                default -> {
                    List<List<Object>> table = new ArrayList<>();
                    rows.forEach(r -> {
                        List<Object> cells = new ArrayList<>();
                        for (int i = 0; i < columns.size(); i++) {
                            JsonNode v = JsonValues.toJson(r.get(columns.get(i)), attributes[i]);
                            cells.add(output.format() == OutputFormat.table && attributes[i] != null && attributes[i].isBlob() && !v.isNull() ? "=BLOB="
                                    : v.isNull() ? null : v.isValueNode() ? (v.isNumber() ? v.numberValue() : v.asText()) : v);
                        }
                        table.add(cells);
                        progress.step().accept(++done[0]);
                    });
                    output.rows(columns, table);
                }
            }
            out.flush();
        }
    }

    private static ObjectNode object(Map<String, Object> row, List<String> columns, Attribute[] attributes) {
        ObjectNode node = Output.JSON.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            node.set(columns.get(i), JsonValues.toJson(row.get(columns.get(i)), attributes[i]));
        }
        return node;
    }

    private static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
