package org.dovetail.ops.access;

/**
 * A server account, {@code 'name'@'host'}. Names are checked, never escaped: quotes, backticks,
 * backslashes, control characters and characters outside the Basic Multilingual Plane are rejected, so a name can always be written as a plain
 * string literal. Accounts made by {@code add-user} use host {@code %} (any client host), as
 * Spyglass does.
 *
 * <pre>{@code
 * AccountName alice = AccountName.parse("alice");      // 'alice'@'%'
 * AccountName local = AccountName.parse("bob@localhost");
 * }</pre>
 *
 * @param user the user name
 * @param host the host part, {@code %} for any host
 */
public record AccountName(String user, String host) {
    /** The longest user name MariaDB accepts; MySQL accepts 32 (checked when the server is known). */
    public static final int MAX_LENGTH = 80;

    public AccountName {
        check("user name", user);
        check("host", host);
    }

    /** {@code name} (host {@code %}) or {@code name@host}; the host is what follows the last {@code @}. */
    public static AccountName parse(String text) {
        int at = text.lastIndexOf('@');
        return at < 0 ? new AccountName(text, "%") : new AccountName(text.substring(0, at), text.substring(at + 1));
    }

    /** {@code 'alice'@'%'} */
    public String sql() {
        return "'" + user + "'@'" + host + "'";
    }

    @Override
    public String toString() {
        return user + "@" + host;
    }

    private static void check(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new AccessManagementException("The " + what + " is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new AccessManagementException("The " + what + " \"" + value + "\" has " + value.length()
                    + " characters; the server accepts at most " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '\\') {
                throw new AccessManagementException("The " + what + " \"" + value + "\" contains " + c
                        + ": quotes, backticks and backslashes are not allowed");
            }
            if (Character.isISOControl(c)) {
                throw new AccessManagementException("The " + what + " " + printable(value)
                        + " contains a control character");
            }
        }
        if (value.codePoints().anyMatch(c -> c > 0xFFFF)) {
            throw new AccessManagementException("The " + what + " \"" + value + "\" contains a character outside the Basic"
                    + " Multilingual Plane, which the server does not allow in account names");
        }
        if (!value.equals(value.strip())) {
            throw new AccessManagementException("The " + what + " \"" + value + "\" starts or ends with white space");
        }
    }

    private static String printable(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('"').toString();
    }
}
