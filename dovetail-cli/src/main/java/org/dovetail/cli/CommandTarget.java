package org.dovetail.cli;

import java.io.PrintWriter;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What a command on one table or schema opens (picocli mixins): its parameter naming the table
 * or schema, the database of the global options, and the command's output. A command declares
 * {@code @Mixin CommandTarget.OfTable table;} and runs in {@code table.run(t -> ...)}.
 */
abstract class CommandTarget {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The global options: the root command's, so that a target serves commands at any depth (e.g. {@code cleanup rows plan}). */
    final DovetailCommand global() {
        return (DovetailCommand) spec.root().userObject();
    }

    /** Standard output in the format of {@code --format}. */
    final Output output() {
        return Commands.output(spec, global());
    }

    /** Standard error. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final Database.Opened openDatabase() {
        return Commands.database(spec, global()).open();
    }

    /** A command's work on the table it opened; returns the exit code. */
    @FunctionalInterface
    interface TableAction {
        int run(Table table) throws Exception;
    }

    /** {@code SCHEMA.Table}, the first parameter of delete, drop, fetch and insert. */
    static final class OfTable extends CommandTarget {
        @Parameters(index = "0", paramLabel = "SCHEMA.Table", description = "The table, e.g. lab.Session or lab.Session.Trial.")
        String table;

        /** Opens the database and the table, runs {@code action} on the table and closes the database. */
        int run(TableAction action) throws Exception {
            try (Database.Opened db = openDatabase()) {
                return action.run(TableArgument.open(db.dovetail(), table));
            }
        }
    }

    /** {@code SCHEMA.Class} of describe and heading, where the class may be {@code Master.Part}. */
    static final class OfClass extends CommandTarget {
        @Parameters(paramLabel = "SCHEMA.Class", description = "The table, e.g. lab.Session or lab.Session.Trial.")
        String table;

        /**
         * Checks the parameter (a usage error without a dot), opens the database and the schema
         * and runs {@code action} with the schema and the class name; exit code 0.
         */
        int run(BiConsumer<Schema, String> action) {
            String[] name = Commands.schemaAndClass(spec, table);
            try (Database.Opened db = openDatabase()) {
                action.accept(TableArgument.openSchema(db.dovetail(), table, name), name[1]);
                return ExitCode.OK.code();
            }
        }
    }

    /** {@code SCHEMA}, the parameter of diagram and tables. */
    static final class OfSchema extends CommandTarget {
        @Parameters(paramLabel = "SCHEMA", description = "The schema (database) name.")
        String schema;

        /** Opens the database and the schema and runs {@code action} on the schema; exit code 0. */
        int run(Consumer<Schema> action) {
            try (Database.Opened db = openDatabase()) {
                action.accept(db.dovetail().schema(schema));
                return ExitCode.OK.code();
            }
        }
    }
}
