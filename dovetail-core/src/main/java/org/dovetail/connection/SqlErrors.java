package org.dovetail.connection;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import org.dovetail.AccessException;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.IntegrityException;
import org.dovetail.LostConnectionException;
import org.dovetail.MaintenanceException;
import org.dovetail.MissingAttributeException;
import org.dovetail.MissingTableException;
import org.dovetail.QueryException;
import org.dovetail.QuerySyntaxException;
import org.dovetail.UnknownAttributeException;

/** Translates server errors into Dovetail's exceptions by error number, as DataJoint does. */
final class SqlErrors {
    private SqlErrors() {}

    /** True if the error means the connection is gone (server restarted, killed, network). */
    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        int code = e.getErrorCode();
        return e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException
                || (state != null && state.startsWith("08"))
                || code == 2006 || code == 2013 || code == 1927;
    }

    /** The server's message without the driver's {@code (conn=N) } prefix. */
    static String serverMessage(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    static DovetailException translate(SQLException e, String sql) {
        String message = serverMessage(e);
        int code = e.getErrorCode();
        if (isConnectionLost(e)) {
            return new LostConnectionException("Server connection lost: " + message, e);
        }
        return switch (code) {
            case 1044, 1142 -> new AccessException("Insufficient privileges. " + message, code, sql, e);
            case 1062 -> new DuplicateException(message, code, sql, e);
            case 1217, 1451, 1452 -> new IntegrityException(message, code, sql, e);
            case 1064 -> new QuerySyntaxException(message, code, sql, e);
            case 1146 -> new MissingTableException(message, e);
            case 1364 -> new MissingAttributeException(message, code, sql, e);
            case 1054 -> new UnknownAttributeException(message, code, sql, e);
            case 1644 -> new MaintenanceException(message + " (a table under maintenance: retry when it is over)", code, sql, e);
            default -> new QueryException(message, code, sql, e);
        };
    }
}
