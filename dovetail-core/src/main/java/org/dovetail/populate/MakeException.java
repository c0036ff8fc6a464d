package org.dovetail.populate;

import java.util.Map;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/**
 * The make of one key failed and populate was not told to suppress errors (or a tripartite
 * make's inputs changed between its two fetches). The transaction was rolled back; with reserved
 * jobs an error row was written first. The cause is what make threw.
 */
public class MakeException extends DovetailException {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final transient Map<String, Object> key;

    public MakeException(String table, Map<String, Object> key, String message, Throwable cause) {
        super(ErrorCode.MAKE_FAILED, message, cause);
        this.table = table;
        this.key = key;
    }

    /** The target table, {@code `db`.`tbl`}. */
    public String table() {
        return table;
    }

    /** The key whose make failed. */
    public Map<String, Object> key() {
        return key;
    }
}
