package org.dovetail;

/** A transaction was used wrongly: started twice, committed when none is open, or DDL inside one. */
public class TransactionException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public TransactionException(String message) {
        super(ErrorCode.TRANSACTION, message);
    }

    public TransactionException(String message, Throwable cause) {
        super(ErrorCode.TRANSACTION, message, cause);
    }
}
