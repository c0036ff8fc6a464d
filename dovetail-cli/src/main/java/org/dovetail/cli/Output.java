package org.dovetail.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.Report;

/** Renders rows (and single records) to stdout in the chosen {@link OutputFormat}. */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private final PrintWriter out;
    private final OutputFormat format;

    Output(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    OutputFormat format() {
        return format;
    }

    /** A list of rows with named columns. */
    void rows(List<String> columns, List<List<Object>> rows) {
        requireRowFormat();
        switch (format) {
            case table -> {
                Object[][] data = rows.stream().map(List::toArray).toArray(Object[][]::new);
                out.println(AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, tableColumns(columns, rows), data));
            }
            case json -> {
                ArrayNode array = JSON.createArrayNode();
                rows.forEach(r -> array.add(record(columns, r)));
                out.println(write(JSON, array));
            }
            case jsonl -> rows.forEach(r -> out.println(write(JSON_LINE, record(columns, r))));
            case csv -> {
                out.println(String.join(",", columns.stream().map(Output::csvField).toList()));
                rows.forEach(r -> out.println(String.join(",", r.stream().map(v -> csvField(v == null ? "" : v.toString())).toList())));
            }
            default -> throw new IllegalStateException(format.name());
        }
        out.flush();
    }

    /** One record: {@code key: value} lines as a table, an object otherwise. */
    void record(Map<String, Object> fields) {
        requireRowFormat();
        List<String> columns = List.copyOf(fields.keySet());
        List<Object> values = new ArrayList<>(fields.values());
        switch (format) {
            case table -> {
                int width = columns.stream().mapToInt(String::length).max().orElse(0);
                fields.forEach((k, v) -> out.printf("%-" + width + "s  %s%n", k, v));
            }
            case json -> out.println(write(JSON, record(columns, values)));
            case jsonl -> out.println(write(JSON_LINE, record(columns, values)));
            case csv -> rows(columns, List.of(values));
            default -> throw new IllegalStateException(format.name());
        }
        out.flush();
    }

    /**
     * A report with a text form for the terminal, a JSON form, and a main table for CSV: text as
     * {@code table}, the JSON object as {@code json} (indented) or {@code jsonl} (one line).
     */
    int report(Report report) {
        switch (format) {
            case table -> out.print(report.toText());
            case json -> out.println(write(JSON, report.toJson()));
            case jsonl -> out.println(write(JSON_LINE, report.toJson()));
            case csv -> rows(report.columns(), report.rows());
            default -> throw new IllegalStateException(format.name());
        }
        out.flush();
        return ExitCode.of(report.outcome()).code();
    }

    /** One value serialised by Jackson: indented for json, one line for jsonl. */
    void value(Object value) {
        if (format != OutputFormat.json && format != OutputFormat.jsonl) {
            throw new IllegalStateException(format.name());
        }
        out.println(write(format == OutputFormat.json ? JSON : JSON_LINE, value));
        out.flush();
    }

    /** Text as it is (a definition, a diagram). */
    void text(String text) {
        out.print(text);
        out.flush();
    }

    private void requireRowFormat() {
        if (!format.isRows()) {
            throw new DovetailException(ErrorCode.USAGE, "--format " + format + " is a diagram format (dovetail diagram);"
                    + " this command writes table, json, jsonl or csv");
        }
    }

    /** Numbers right-aligned, everything else left-aligned, as people read tables. */
    private static Column[] tableColumns(List<String> columns, List<List<Object>> rows) {
        Column[] result = new Column[columns.size()];
        for (int i = 0; i < result.length; i++) {
            int column = i;
            boolean numeric = !rows.isEmpty() && rows.stream().map(r -> r.get(column)).allMatch(v -> v == null || v instanceof Number);
            HorizontalAlign align = numeric
                    ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT;
            result[i] = new Column().header(columns.get(i)).headerAlign(align).dataAlign(align);
        }
        return result;
    }

    private static ObjectNode record(List<String> columns, List<Object> row) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            node.set(columns.get(i), JSON.valueToTree(row.get(i)));
        }
        return node;
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
