package org.dovetail.schema;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.dovetail.DovetailException;
import org.dovetail.connection.Connection;
import org.dovetail.internal.declare.DeclarationContext;
import org.dovetail.internal.declare.DefinitionCompiler;
import org.dovetail.internal.declare.TableNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema's {@code ~log} table, written as DataJoint-Python writes it. Logging never fails the
 * operation being logged.
 *
 * <pre>{@code
 * new SchemaLog(connection, "lab").log("DROP TABLE `lab`.`session`");
 * }</pre>
 */
final class SchemaLog {
    /** The {@code version} column value (at most 12 characters); Python writes {@code 0.14.8py}. */
    static final String VERSION = "0.14.9java";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaLog.class);
    private static final String DEFINITION = """
            # event logging table for `%s`
            id       :int unsigned auto_increment     # event order id
            ---
            timestamp = CURRENT_TIMESTAMP : timestamp # event timestamp
            version  :varchar(12)                     # datajoint version
            user     :varchar(255)                    # user@host
            host=""  :varchar(255)                    # system hostname
            event="" :varchar(255)                    # event message
            """;

    private final Connection connection;
    private final String database;
    private boolean declared;

    public SchemaLog(Connection connection, String database) {
        this.connection = connection;
        this.database = database;
    }

    /** Appends {@code event} (cut to 255 characters), creating {@code ~log} if needed. */
    public void log(String event) {
        String fullName = TableNames.fullName(database, "~log");
        try {
            if (!declared) {
                connection.execute(DefinitionCompiler.compile(fullName, DEFINITION.formatted(database), DeclarationContext.EMPTY)
                        .createTableSql(fullName, null));
                declared = true;
            }
            String user = connection.queryValue("SELECT user()", String.class).orElse("");
            connection.execute("INSERT INTO " + fullName + " (`version`, `user`, `host`, `event`) VALUES (?, ?, ?, ?)",
                    VERSION, user, hostname(), event.length() > 255 ? event.substring(0, 255) : event);
        } catch (DovetailException e) {
            LOG.debug("could not log \"{}\" to {}: {}", event, fullName, e.getMessage());
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
