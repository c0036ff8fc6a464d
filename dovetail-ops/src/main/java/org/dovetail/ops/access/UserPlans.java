package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plans {@code add-user}, {@code reset-password} and {@code set-password}. */
final class UserPlans {
    private UserPlans() {}

    /**
     * Creates the account (unless it exists: then its password is kept), grants the role, makes
     * it the default role so it is active at login, grants ALL on the user's own prefix (not for
     * guests) and lets every role read that prefix.
     */
    static Plan addUser(ServerState state, AccountName account, Role role, InitialPassword initial, boolean exists) {
        Dialect dialect = state.dialect();
        dialect.check(account);
        if (Role.byRoleName(account.user()) != null) {
            throw new AccessManagementException("\"" + account.user() + "\" is the name of a role; choose another user name");
        }
        RolePlans.requireRoles(state);
        SchemaPattern own = SchemaPattern.forPrefix(account.user());
        List<String> system = ServerState.systemSchemasMatching(own);
        if (!system.isEmpty()) {
            throw new AccessManagementException("The user name \"" + account.user() + "\" makes the own-prefix pattern " + own
                    + ", which matches the system schema " + system.get(0) + ": choose another user name");
        }
        List<SqlStatement> statements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String password = null;
        if (exists) {
            notes.add("the account " + account + " exists: its password is unchanged (reset-password sets a new one)");
        } else {
            password = initial == InitialPassword.SPYGLASS_TEMPPASS ? InitialPassword.TEMPPASS : PasswordGenerator.generate();
            statements.add(SqlStatement.withSecret(dialect.createUser(account, initial.expires()), password));
            notes.add(passwordNote(dialect, initial));
        }
        statements.add(SqlStatement.of(dialect.grantRole(role, account)));
        statements.add(SqlStatement.of(dialect.setDefaultRole(role, account)));
        if (role.ownsPrefix()) {
            statements.add(SqlStatement.of(dialect.grant(Privileges.ALL, own, account)));
        }
        statements.addAll(RolePlans.readGrants(state, List.of(own), RolePlans.sharedPatterns(state)));
        return new Plan("add-user " + account.user() + " --role " + role.name().toLowerCase(Locale.ROOT),
                statements, notes, password);
    }

    /** A new password for another account, shown once. */
    static Plan resetPassword(Dialect dialect, AccountName account, InitialPassword initial, boolean exists) {
        dialect.check(account);
        if (!exists) {
            throw new AccessManagementException("There is no account " + account.sql() + " on this server");
        }
        String password = initial == InitialPassword.SPYGLASS_TEMPPASS ? InitialPassword.TEMPPASS : PasswordGenerator.generate();
        return new Plan("reset-password " + account.user(),
                List.of(SqlStatement.withSecret(dialect.resetPassword(account, initial.expires()), password)),
                List.of(passwordNote(dialect, initial)), password);
    }

    /** The connected account's own new password (not shown again: the user chose it). */
    static Plan setOwnPassword(Dialect dialect, String user, String newPassword) {
        checkPassword(newPassword);
        return new Plan("set-password " + user, List.of(SqlStatement.withSecret(dialect.setOwnPassword(), newPassword)),
                List.of(), null);
    }

    static void checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new AccessManagementException("The new password is empty");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw new AccessManagementException("The new password contains a control character (a pasted line break?)");
        }
    }

    private static String passwordNote(Dialect dialect, InitialPassword initial) {
        return switch (initial) {
            case RANDOM_EXPIRED -> dialect.supportsPasswordExpire()
                    ? "the password is expired: the user must change it at first login (`dovetail access set-password`)"
                    : dialect.version().describe() + " cannot expire passwords: ask the user to change it";
            case RANDOM -> "the password does not expire: ask the user to change it";
            case SPYGLASS_TEMPPASS -> "WARNING: the password is Spyglass's well-known `temppass` and does not expire;"
                    + " the user should change it at once";
        };
    }
}
