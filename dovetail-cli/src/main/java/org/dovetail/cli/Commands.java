package org.dovetail.cli;

import java.util.Map;
import java.util.function.IntFunction;
import org.dovetail.DovetailException;
import picocli.CommandLine.Model.CommandSpec;

/** Small helpers every command uses. */
final class Commands {
    private Commands() {}

    static Output output(CommandSpec spec, DovetailCommand global) {
        return new Output(spec.commandLine().getOut(), global.format);
    }

    /**
     * {@code SCHEMA.ClassName} split into schema and class name (which may be {@code Master.Part}),
     * as {@link TableArgument#split} splits it; a malformed argument is a picocli usage error.
     */
    static String[] schemaAndClass(CommandSpec spec, String table) {
        try {
            return TableArgument.split(table);
        } catch (DovetailException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The options whose flag is set, e.g. {@code selected(Map.of(InsertOption.REPLACE, replace), InsertOption[]::new)}. */
    static <E extends Enum<E>> E[] selected(Map<E, Boolean> flags, IntFunction<E[]> array) {
        return flags.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toArray(array);
    }

    static Database database(CommandSpec spec, DovetailCommand global) {
        return new Database(global, global.environment, spec.commandLine().getErr());
    }
}
