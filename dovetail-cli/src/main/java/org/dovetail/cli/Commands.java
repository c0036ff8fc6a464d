package org.dovetail.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Small helpers every command uses. */
final class Commands {
    private Commands() {}

    static Output output(CommandSpec spec, DovetailCommand global) {
        return new Output(spec.commandLine().getOut(), global.format);
    }

    /**
     * {@code SCHEMA.ClassName} split at its first dot into schema and class name (which may be
     * {@code Master.Part}).
     */
    static String[] schemaAndClass(CommandSpec spec, String table) {
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "expected SCHEMA.ClassName (e.g. lab.Session or lab.Session.Trial), got \"" + table + "\"");
        }
        return new String[] {table.substring(0, dot), table.substring(dot + 1)};
    }

    static Database database(CommandSpec spec, DovetailCommand global) {
        return new Database(global, global.environment, spec.commandLine().getErr());
    }
}
