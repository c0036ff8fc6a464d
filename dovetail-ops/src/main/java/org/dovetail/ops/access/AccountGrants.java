package org.dovetail.ops.access;

import java.util.List;
import java.util.Optional;

/**
 * What {@code SHOW GRANTS} reports for one account or role: its privilege grants, the roles
 * granted to it, and its default roles (MariaDB lists them as {@code SET DEFAULT ROLE}; on
 * MySQL they come from {@code SHOW CREATE USER}).
 *
 * @param grants       privilege grants, {@code USAGE}-only lines left out
 * @param roles        names of the roles granted to it
 * @param defaultRoles names of the roles active at login
 */
record AccountGrants(List<Grant> grants, List<String> roles, List<String> defaultRoles) {
    public AccountGrants {
        grants = List.copyOf(grants);
        roles = List.copyOf(roles);
        defaultRoles = List.copyOf(defaultRoles);
    }

    /** The grant on exactly this schema pattern, if there is one. */
    public Optional<Grant> on(SchemaPattern pattern) {
        return grants.stream().filter(g -> g.isSchemaLevel() && g.schema().equals(pattern)).findFirst();
    }

    /** The same grants with other default roles. */
    AccountGrants withDefaultRoles(List<String> names) {
        return new AccountGrants(grants, roles, names);
    }
}
