package org.dovetail.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Small helpers every command uses. */
final class Commands {
    private Commands() {}

    static Output output(CommandSpec spec, DovetailCommand global) {
        return new Output(spec.commandLine().getOut(), global.format);
    }

    static Database database(CommandSpec spec, DovetailCommand global) {
        return new Database(global, global.environment, spec.commandLine().getErr());
    }
}
