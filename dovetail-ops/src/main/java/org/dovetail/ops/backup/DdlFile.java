package org.dovetail.ops.backup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.TableName;

/**
 * A schema's {@code schema.sql}: statements for the {@code mariadb} client under
 * {@code DELIMITER ;;}, each ended by a line {@code ;;}. The database first, then its tables, then
 * views, routines, triggers and events (each routine, trigger and event preceded by the
 * {@code sql_mode} it was created under). A restore runs the tables before the rows and the rest
 * after them, so that triggers do not fire on restored rows.
 */
final class DdlFile {
    static final String END = ";;";

    private DdlFile() {}

    static byte[] write(String schema, List<String> statements) {
        StringBuilder sb = new StringBuilder();
        sb.append("-- dovetail backup of schema ").append(TableName.quote(schema)).append('\n');
        sb.append("DELIMITER ").append(END).append('\n');
        for (String s : statements) {
            sb.append(s).append('\n').append(END).append('\n');
        }
        sb.append("DELIMITER ;\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The statements of a file {@link #write} wrote. */
    static List<String> read(byte[] bytes) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.equals(END)) {
                out.add(current.toString());
                current.setLength(0);
            } else if (current.length() == 0 && (line.startsWith("-- dovetail backup") || line.startsWith("DELIMITER ") || line.isEmpty())) {
                continue;
            } else {
                if (current.length() > 0) {
                    current.append('\n');
                }
                current.append(line);
            }
        }
        return out;
    }

    /** True for the statements that run before the rows: the database and its tables. */
    static boolean beforeRows(String statement) {
        return statement.startsWith("CREATE TABLE") || statement.startsWith("CREATE DATABASE");
    }

    /**
     * A statement with schema names mapped ({@code --as OLD=NEW}): a qualified {@code `old`.} and
     * the name of {@code CREATE DATABASE} become the new name. Same-schema references are
     * unqualified in the server's DDL, so they need nothing.
     */
    static String rename(String statement, Map<String, String> renames) {
        String out = statement;
        for (Map.Entry<String, String> e : renames.entrySet()) {
            String from = TableName.quote(e.getKey());
            String to = TableName.quote(e.getValue());
            out = out.replace(from + ".", to + ".");
            if (out.startsWith("CREATE DATABASE IF NOT EXISTS " + from)) {
                out = "CREATE DATABASE IF NOT EXISTS " + to + out.substring(("CREATE DATABASE IF NOT EXISTS " + from).length());
            }
        }
        return out;
    }

    private static final Pattern TABLE = Pattern.compile("^CREATE TABLE `((?:[^`]|``)*)`");

    /** The table a {@code CREATE TABLE} creates, or null. */
    static String tableOf(String statement) {
        Matcher m = TABLE.matcher(statement);
        return m.find() ? m.group(1).replace("``", "`") : null;
    }
}
