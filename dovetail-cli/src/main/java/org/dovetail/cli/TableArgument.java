package org.dovetail.cli;

import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.connection.Connection;
import org.dovetail.schema.Schema;
import org.dovetail.table.Table;

/** {@code SCHEMA.Class} (or {@code SCHEMA.Master.Part}) on the command line. */
final class TableArgument {
    private TableArgument() {
    }

    static Table open(Connection connection, String argument) {
        int dot = argument.indexOf('.');
        if (dot <= 0 || dot == argument.length() - 1) {
            throw new DovetailException(ErrorCode.USAGE, "Name the table as SCHEMA.ClassName (e.g. lab.Session or lab.Session.Trial), got `" + argument + "`");
        }
        return Table.of(Schema.open(connection, argument.substring(0, dot)), argument.substring(dot + 1));
    }
}
