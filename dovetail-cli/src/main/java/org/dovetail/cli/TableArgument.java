package org.dovetail.cli;

import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidInputException;
import org.dovetail.MissingSchemaException;
import org.dovetail.TableName;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;

/**
 * {@code SCHEMA.Class} (or {@code SCHEMA.Master.Part}) on the command line, split at its first
 * dot. A schema name that holds a dot is written in back-quotes, with back-quotes inside it
 * doubled: {@code `lab.v2`.Session}. An argument that starts with a back-quote is always read
 * that way.
 */
final class TableArgument {
    private static final String EXPECTED = "Name the table as SCHEMA.ClassName (e.g. lab.Session, lab.Session.Trial,"
            + " or `lab.v2`.Session for a schema name with a dot)";

    private TableArgument() {
    }

    /** The table the argument names. */
    static Table open(Dovetail dovetail, String argument) {
        String[] name = split(argument);
        return openSchema(dovetail, argument, name).table(name[1]);
    }

    /**
     * The schema of an argument already {@link #split}; a missing schema's message says how to
     * write a schema name with a dot when the rest of the argument holds one.
     */
    static Schema openSchema(Dovetail dovetail, String argument, String[] name) {
        try {
            return dovetail.schema(name[0]);
        } catch (MissingSchemaException e) {
            if (argument.startsWith("`") || !name[1].contains(".")) {
                throw e;
            }
            throw new MissingSchemaException(e.getMessage() + " A table argument is split at its first dot:"
                    + " write a schema name that holds a dot in back-quotes, e.g. `lab.v2`.Session", e);
        }
    }

    /**
     * The schema name and the class name (which may be {@code Master.Part}) of the argument.
     *
     * @throws DovetailException ({@link ErrorCode#USAGE}) if the argument is not {@code SCHEMA.Class}
     */
    static String[] split(String argument) {
        int dot = argument.startsWith("`") ? quotedSchemaEnd(argument) : argument.indexOf('.');
        if (dot <= 0 || dot == argument.length() - 1) {
            throw new DovetailException(ErrorCode.USAGE, EXPECTED + ", got \"" + argument + "\"");
        }
        String schema = argument.startsWith("`") ? TableName.unquote(argument.substring(0, dot)) : argument.substring(0, dot);
        return new String[] {schema, argument.substring(dot + 1)};
    }

    /** The index of the dot after the back-quoted schema name the argument starts with. */
    private static int quotedSchemaEnd(String argument) {
        for (int end = argument.indexOf("`.", 1); end > 0; end = argument.indexOf("`.", end + 1)) {
            try {
                TableName.unquote(argument.substring(0, end + 1));
                return end + 1;
            } catch (InvalidInputException notTheEnd) {
                // a doubled back-quote inside the name: the closing one comes later
            }
        }
        throw new DovetailException(ErrorCode.USAGE, EXPECTED + "; the back-quote of the schema name is not closed"
                + " before a dot in \"" + argument + "\"");
    }
}
