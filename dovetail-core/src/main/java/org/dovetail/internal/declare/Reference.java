package org.dovetail.internal.declare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table expression of a foreign-key line: a table name, optionally projected with renames,
 * e.g. {@code Experimenter.proj(operator="experimenter_name")}.
 *
 * @param table   the name to resolve in the {@link DeclarationContext}
 * @param renames new name → original name, in the order written
 */
record Reference(String table, Map<String, String> renames) {
    private static final String IDENT = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern PATH = Pattern.compile(
            "(?<table>" + IDENT + "(\\s*\\.\\s*" + IDENT + ")*|`(?:[^`]|``)+`\\.`(?:[^`]|``)+`)(\\s*\\.\\s*proj\\s*\\((?<args>.*)\\))?");
    private static final Pattern RENAME = Pattern.compile("(?<new>[a-z][a-z0-9_]*)\\s*=\\s*(?<q>[\"'])(?<old>.*)\\k<q>");
    private static final Pattern QUOTED = Pattern.compile("([\"']).*\\1");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z0-9_]*");

    static Reference parse(String text) {
        String s = text.strip();
        while (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        Matcher m = PATH.matcher(s);
        if (!m.matches()) {
            throw new LineProblem("dependency \"" + text + "\" is not supported: use a table class name or its projection,"
                    + " e.g. Subject.proj(new_name=\"old_name\")");
        }
        Map<String, String> renames = new LinkedHashMap<>();
        if (m.group("args") != null && !m.group("args").isBlank()) {
            for (String arg : splitArguments(m.group("args"))) {
                if (!arg.isBlank()) {
                    addRename(text, arg.strip(), renames);
                }
            }
        }
        String table = m.group("table");
        return new Reference(table.startsWith("`") ? table : table.replaceAll("\\s+", ""), renames);
    }

    private static void addRename(String text, String arg, Map<String, String> renames) {
        Matcher r = RENAME.matcher(arg);
        if (r.matches()) {
            String old = r.group("old").strip();
            if (!ATTRIBUTE.matcher(old).matches()) {
                throw new LineProblem("\"" + arg + "\" in " + text + " is not a rename: a foreign key may only rename"
                        + " primary-key attributes, as new_name=\"old_name\"");
            }
            if (renames.put(r.group("new"), old) != null) {
                throw new LineProblem("\"" + r.group("new") + "\" is named twice in " + text);
            }
        } else if (!QUOTED.matcher(arg).matches()) {
            throw new LineProblem("\"" + arg + "\" in " + text + " is not a rename: write new_name=\"old_name\"");
        }
    }

    private static List<String> splitArguments(String args) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = Scanner.indexOutsideQuotes(args, ',', start);
            if (comma < 0) {
                out.add(args.substring(start));
                return out;
            }
            out.add(args.substring(start, comma));
            start = comma + 1;
        }
    }
}
