package org.dovetail;

/**
 * The account's password has expired (a new account must set its own password at first login):
 * the server accepts only a password change on this session (server error 1820 / 1862).
 */
public class PasswordExpiredException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public PasswordExpiredException(String message, Throwable cause) {
        super(ErrorCode.PASSWORD_EXPIRED, message, cause);
    }
}
