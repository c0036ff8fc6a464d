package org.dovetail.ops.backup;

import java.sql.SQLException;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/** A backup, verify or restore step failed; the message names the set, schema, table or file. */
public final class BackupException extends DovetailException {
    private static final long serialVersionUID = 1L;

    /** A failure of kind {@code code}. */
    public BackupException(ErrorCode code, String message) {
        super(code, message);
    }

    /** A failure of kind {@code code} with its cause. */
    public BackupException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** A statement the server refused while doing {@code what}. */
    static BackupException sql(String what, SQLException e) {
        ErrorCode code = e.getErrorCode() == 1044 || e.getErrorCode() == 1142 || e.getErrorCode() == 1227 ? ErrorCode.ACCESS_DENIED : ErrorCode.QUERY;
        return new BackupException(code, what + ": " + e.getMessage() + " (server error " + e.getErrorCode() + ")", e);
    }
}
