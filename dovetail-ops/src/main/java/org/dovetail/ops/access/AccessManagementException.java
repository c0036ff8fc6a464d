package org.dovetail.ops.access;

import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/**
 * An access-management request that cannot be carried out as asked: an invalid user name or
 * prefix, a server without roles, a role or account that does not exist. Raised before any
 * statement runs.
 *
 * <pre>{@code
 * try {
 *     access.addUser("o'brien", Role.USER, InitialPassword.RANDOM_EXPIRED);
 * } catch (AccessManagementException e) {
 *     System.err.println(e.getMessage());   // The user name "o'brien" contains ': ...
 * }
 * }</pre>
 */
public class AccessManagementException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public AccessManagementException(String message) {
        super(ErrorCode.ACCESS_MANAGEMENT, message);
    }
}
