package org.dovetail.ops.access;

import org.dovetail.DovetailException;

/**
 * An access-management request that cannot be carried out as asked: an invalid user name or
 * prefix, a server without roles, a role or account that does not exist. Raised before any
 * statement runs.
 */
public class AccessManagementException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public AccessManagementException(String message) {
        super(message);
    }
}
