package org.dovetail;

/**
 * Input handed to Dovetail is malformed or unreadable: a row of the wrong shape, a row file that
 * is not JSON Lines or CSV, a pipeline file, a blob file. The message names the input (file and
 * line, or the row) and what is wrong.
 */
public class InvalidInputException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(ErrorCode.INVALID_INPUT, message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(ErrorCode.INVALID_INPUT, message, cause);
    }
}
