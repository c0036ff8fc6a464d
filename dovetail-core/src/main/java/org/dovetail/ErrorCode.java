package org.dovetail;

/**
 * What kind of failure a {@link DovetailException} reports: stable names that scripts, the command
 * line and callers can branch on without parsing messages. Every exception Dovetail raises carries
 * one ({@link DovetailException#code()}); the command line prints it after its one-line error and
 * chooses its exit code from it ({@link #category()}).
 *
 * <p>Names are part of the public API: a code is never renamed or reused for another meaning.
 */
public enum ErrorCode {
    /** A configuration file, environment variable or setting is invalid. */
    CONFIG(Category.USAGE),
    /** A call or command was used wrongly: a missing option, nothing to prompt on, a bad argument. */
    USAGE(Category.USAGE),
    /** Input given to Dovetail (a row file, a blob file, a pipeline file, a name) is malformed or unreadable. */
    INVALID_INPUT(Category.FAILURE),
    /** A value cannot be stored in, or compared with, an attribute. */
    INVALID_VALUE(Category.FAILURE),
    /** A table definition cannot be declared. */
    INVALID_DEFINITION(Category.FAILURE),
    /** A table exists with another definition than the one being declared. */
    DEFINITION_CONFLICT(Category.FAILURE),
    /** A query expression is built or used in a way DataJoint does not allow. */
    INVALID_QUERY(Category.FAILURE),
    /** An operation is not allowed on this table or in this state (e.g. deleting from a part table directly). */
    INVALID_OPERATION(Category.FAILURE),
    /** Rows cannot be mapped to, or read from, a Java type. */
    ROW_MAPPING(Category.FAILURE),
    /** The foreign keys among tables form a cycle. */
    DEPENDENCY_CYCLE(Category.FAILURE),
    /** A schema (database) does not exist. */
    MISSING_SCHEMA(Category.FAILURE),
    /** A table does not exist. */
    MISSING_TABLE(Category.FAILURE),
    /** A restriction or projection names an attribute the table does not have (server error 1054). */
    UNKNOWN_ATTRIBUTE(Category.FAILURE),
    /** A row lacks a value for an attribute without a default (server error 1364). */
    MISSING_ATTRIBUTE(Category.FAILURE),
    /** The server cannot be reached or refused the login. */
    CONNECTION(Category.FAILURE),
    /** The account's password has expired; only a password change is accepted. */
    PASSWORD_EXPIRED(Category.FAILURE),
    /** The session was lost inside a transaction; the server rolled the transaction back. */
    LOST_CONNECTION(Category.FAILURE),
    /** A transaction could not be started, committed or was rolled back. */
    TRANSACTION(Category.FAILURE),
    /** The server rejected a statement for a reason without a more specific code. */
    QUERY(Category.FAILURE),
    /** The server could not parse a statement (server error 1064). */
    QUERY_SYNTAX(Category.FAILURE),
    /** A row duplicates an existing primary or unique key (server error 1062). */
    DUPLICATE(Category.FAILURE),
    /** A foreign key constraint would be violated (server errors 1216, 1217, 1451, 1452). */
    INTEGRITY(Category.FAILURE),
    /** The server denied a statement for lack of privileges. */
    ACCESS_DENIED(Category.FAILURE),
    /** Nothing was sent because the account lacks privileges the operation needs. */
    MISSING_PRIVILEGE(Category.FAILURE),
    /** An account, role or grant operation failed. */
    ACCESS_MANAGEMENT(Category.FAILURE),
    /** A blob's bytes are not a valid DataJoint blob. */
    BLOB_FORMAT(Category.FAILURE),
    /** A value cannot be encoded as a DataJoint blob. */
    BLOB_VALUE(Category.FAILURE),
    /** An external store could not be read or written. */
    STORE(Category.FAILURE),
    /** An S3 bucket does not exist or the credentials cannot reach it. */
    BUCKET_INACCESSIBLE(Category.FAILURE),
    /** An object that a tracking row refers to is not in its store. */
    MISSING_EXTERNAL_FILE(Category.FAILURE),
    /** A local file could not be read or written. */
    IO(Category.FAILURE),
    /** Another run of the same operation holds its lock; nothing was done. */
    LOCKED(Category.REFUSED),
    /** A plan was made from a state that has changed since, or it is older than its validity; nothing was done: plan again. */
    STALE_PLAN(Category.REFUSED),
    /** An operation refused to start because a safety condition does not hold; nothing was done. */
    REFUSED(Category.REFUSED),
    /** The make of an auto-populated table failed for a key (its transaction was rolled back). */
    MAKE_FAILED(Category.FAILURE),
    /** An operation stopped before it finished; running it again resumes it. */
    INCOMPLETE(Category.FAILURE),
    /** A trigger refused the statement while the table is under maintenance (server error 1644); retry later. */
    MAINTENANCE(Category.FAILURE),
    /**
     * An operation's session, which held its lock, was lost during the run (the server dropped it):
     * another run may have overlapped this one; check what it did and run it again.
     */
    LOCK_LOST(Category.FAILURE);

    /** How a failure is reported by the command line. */
    public enum Category {
        /** Exit code 1: the operation failed. */
        FAILURE,
        /** Exit code 2: the command was used wrongly. */
        USAGE,
        /** Exit code 3: a safety limit stopped the operation before it changed anything. */
        REFUSED
    }

    private final Category category;

    ErrorCode(Category category) {
        this.category = category;
    }

    /** How the command line reports a failure with this code. */
    public Category category() {
        return category;
    }
}
