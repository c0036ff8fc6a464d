package org.dovetail.ops.access;

import java.util.List;
import java.util.stream.Collectors;
import org.dovetail.connection.ServerVersion;

/**
 * The SQL of access management for one server: MariaDB (10.1.3 or newer, for
 * {@code CREATE ROLE IF NOT EXISTS}) or MySQL 8. MySQL 5.7 has no roles and is refused.
 * Passwords are never part of the text: statements that set one have a {@code ?} the driver binds
 * (and escapes) as a string literal.
 *
 * <pre>{@code
 * Dialect d = Dialect.of(ServerVersion.parse("10.3.39-MariaDB", null));
 * d.supportsPasswordExpire();                       // false: PASSWORD EXPIRE needs MariaDB 10.4.3
 * d.check(AccountName.parse("alice"));              // the account, or an error if the name is too long
 * }</pre>
 */
public final class Dialect {
    private final ServerVersion version;

    private Dialect(ServerVersion version) {
        this.version = version;
    }

    /**
     * The dialect of a server.
     *
     * @throws AccessManagementException if the server has no roles (MySQL before 8.0, MariaDB before 10.1.3)
     */
    public static Dialect of(ServerVersion version) {
        boolean roles = version.isMariaDb() ? version.atLeast(10, 1, 3) : version.atLeast(8, 0, 0);
        if (!roles) {
            throw new AccessManagementException("Access management needs roles: roles need MySQL 8.0 or MariaDB 10.1.3+"
                    + " (this server is " + version.describe() + ")");
        }
        return new Dialect(version);
    }

    public ServerVersion version() {
        return version;
    }

    /** True if new accounts can be made to change their password at first login ({@code PASSWORD EXPIRE}). */
    public boolean supportsPasswordExpire() {
        return version.isMySql() || version.atLeast(10, 4, 3);
    }

    /** The longest user name the server accepts: 80 on MariaDB, 32 on MySQL. */
    public int maxUserNameLength() {
        return version.isMariaDb() ? AccountName.MAX_LENGTH : 32;
    }

    /** The account, if the server accepts its name; otherwise an error naming it. */
    public AccountName check(AccountName account) {
        if (account.user().length() > maxUserNameLength()) {
            throw new AccessManagementException("The user name \"" + account.user() + "\" has " + account.user().length()
                    + " characters; " + version.describe() + " accepts at most " + maxUserNameLength());
        }
        return account;
    }

    String createRole(Role role) {
        return "CREATE ROLE IF NOT EXISTS " + role.sql();
    }

    String grant(Privileges privileges, SchemaPattern schemas, List<Role> roles) {
        return "GRANT " + privileges + " ON " + schemas.sql() + " TO "
                + roles.stream().map(Role::sql).collect(Collectors.joining(", "));
    }

    String grant(Privileges privileges, SchemaPattern schemas, AccountName account) {
        return "GRANT " + privileges + " ON " + schemas.sql() + " TO " + account.sql();
    }

    /** A grant of global privileges ({@code ON *.*}) to a role. */
    String grantGlobal(Privileges privileges, Role role) {
        return "GRANT " + privileges + " ON *.* TO " + role.sql();
    }

    String revoke(Privileges privileges, SchemaPattern schemas, Role role) {
        return "REVOKE " + privileges + " ON " + schemas.sql() + " FROM " + role.sql();
    }

    String grantRole(Role role, AccountName account) {
        return "GRANT " + role.sql() + " TO " + account.sql();
    }

    /** MariaDB: {@code SET DEFAULT ROLE r FOR u} (one default role); MySQL 8: {@code SET DEFAULT ROLE r TO u}. */
    String setDefaultRole(Role role, AccountName account) {
        return "SET DEFAULT ROLE " + role.sql() + (version.isMariaDb() ? " FOR " : " TO ") + account.sql();
    }

    /** Creates an account; the password is the one parameter. */
    String createUser(AccountName account, boolean expire) {
        return "CREATE USER " + account.sql() + " IDENTIFIED BY ?" + expireClause(expire);
    }

    /** Gives another account a new password (an administrator's statement); the password is the one parameter. */
    String resetPassword(AccountName account, boolean expire) {
        return "ALTER USER " + account.sql() + " IDENTIFIED BY ?" + expireClause(expire);
    }

    /**
     * Changes the connected account's own password, also on a session whose password has expired;
     * the password is the one parameter. MariaDB: {@code SET PASSWORD = PASSWORD(?)}, the only
     * statement its sandbox mode allows (and {@code ALTER USER CURRENT_USER()} needs the CREATE
     * USER privilege there). MySQL: {@code ALTER USER USER() IDENTIFIED BY ?} ({@code PASSWORD()}
     * was removed in 8.0).
     */
    String setOwnPassword() {
        return version.isMariaDb() ? "SET PASSWORD = PASSWORD(?)" : "ALTER USER USER() IDENTIFIED BY ?";
    }

    private String expireClause(boolean expire) {
        return expire && supportsPasswordExpire() ? " PASSWORD EXPIRE" : "";
    }
}
