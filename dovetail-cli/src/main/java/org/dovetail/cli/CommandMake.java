package org.dovetail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dovetail.InvalidInputException;
import org.dovetail.populate.Make;
import org.dovetail.populate.MakeContext;
import org.dovetail.schema.Table;

/**
 * {@code --make-command CMD}: a make in any language. For each key, {@code sh -c CMD} runs with the
 * key as one JSON object on its standard input (values as {@code dovetail fetch --format jsonl}
 * prints them) and writes the rows to insert as JSON Lines on its standard output, values as
 * {@code dovetail insert} reads them. A line without {@value #TABLE_FIELD} (or with it null) is
 * a row of the target; {@code "_table": "Part"} (or {@code "Master.Part"}) a row of its part.
 * DataJoint attribute names start with a letter, so the field never clashes with an attribute.
 * The rows are inserted in the make's transaction, the target's first, after the command exited
 * with 0; any other exit fails the job with the command's standard error as the message.
 *
 * <p>The command inherits the environment, plus {@code DOVETAIL_TABLE} ({@code schema.Class})
 * and {@code DOVETAIL_KEY} (the same JSON as on standard input).
 */
final class CommandMake implements Make {
    /** The field of an output line that names its table. */
    static final String TABLE_FIELD = "_table";

    private final String command;
    private final Map<String, String> environment;

    CommandMake(String command, Map<String, String> environment) {
        this.command = command;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void make(Map<String, Object> key, MakeContext ctx) throws Exception {
        Table target = ctx.target();
        String keyJson = keyJson(key, target).toString();
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command);
        builder.environment().putAll(environment);
        builder.environment().put("DOVETAIL_TABLE", ctx.schema().name() + "." + target.className());
        builder.environment().put("DOVETAIL_KEY", keyJson);
        Process process = builder.start();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread errReader = drain(process.getErrorStream(), stderr);
        List<String> lines = new ArrayList<>();
        Thread outReader = new Thread(() -> readLines(process.getInputStream(), lines), "make-command-stdout");
        outReader.setDaemon(true);
        outReader.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((keyJson + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException closedEarly) {
            // the command need not read its input
        }
        int exit;
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (ctx.abortRequested()) {
                    throw new InterruptedException("stop requested");
                }
            }
            exit = process.exitValue();
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            throw e;
        }
        if (exit != 0) {
            String message = stderr.toString(StandardCharsets.UTF_8).strip();
            throw new MakeCommandError(message.isEmpty() ? "exit code " + exit + " from " + command : message);
        }
        insert(lines, ctx);
    }

    /** The key as one JSON object, in the key source's order. */
    static ObjectNode keyJson(Map<String, Object> key, Table target) {
        ObjectNode json = Output.JSON.createObjectNode();
        key.forEach((name, value) -> json.set(name, JsonValues.toJson(value, target.attribute(name).orElse(null))));
        return json;
    }

    /** Parses every line and inserts the rows: the target's first, then each part's, in the order they appeared. */
    private static void insert(List<String> lines, MakeContext ctx) throws IOException {
        Map<String, List<Map<String, Object>>> byTable = new LinkedHashMap<>();
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put("", ctx.target());
        byTable.put("", new ArrayList<>());
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + n + " of the make command's output";
            JsonNode tree;
            try {
                tree = Output.JSON.readTree(line);
            } catch (IOException e) {
                throw new InvalidInputException(where + " is not JSON: " + e.getMessage(), e);
            }
            JsonNode name = tree.get(TABLE_FIELD);
            String part = name == null || name.isNull() ? "" : partName(name.asText(), ctx);
            Table table = tables.computeIfAbsent(part, ctx::part);
            byTable.computeIfAbsent(part, p -> new ArrayList<>()).add(RowFile.parseObject(line, table.heading(), where, Set.of(TABLE_FIELD)));
        }
        for (Map.Entry<String, List<Map<String, Object>>> e : byTable.entrySet()) {
            if (!e.getValue().isEmpty()) {
                tables.get(e.getKey()).insert(e.getValue());
            }
        }
    }

    /** {@code Part} or {@code Master.Part} (the target's own class name for a target row). */
    private static String partName(String name, MakeContext ctx) {
        String master = ctx.target().className();
        if (name.equals(master)) {
            return "";
        }
        return name.startsWith(master + ".") ? name.substring(master.length() + 1) : name;
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(into);
            } catch (IOException e) {
                // the process ended
            }
        }, "make-command-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void readLines(InputStream in, List<String> into) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (into) {
                    into.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The make command exited with a code other than 0; the message is its standard error. */
    static final class MakeCommandError extends Exception {
        private static final long serialVersionUID = 1L;

        MakeCommandError(String message) {
            super(message);
        }
    }
}
