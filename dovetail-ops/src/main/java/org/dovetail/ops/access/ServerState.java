package org.dovetail.ops.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What planning needs to know about the server, read once before a plan is made.
 *
 * @param dialect     the server's SQL
 * @param schemas     every schema name, the system schemas included
 * @param roles       the grants of each {@code dj_*} role that exists
 * @param memberNames user names of the accounts that hold a {@code dj_*} role (their own prefixes)
 */
record ServerState(Dialect dialect, List<String> schemas, Map<Role, AccountGrants> roles, Set<String> memberNames) {
    /** The schemas every server has, which roles must never reach. */
    static final List<String> SYSTEM_SCHEMAS = List.of("mysql", "sys", "performance_schema", "information_schema");

    ServerState {
        schemas = List.copyOf(schemas);
        roles = Map.copyOf(roles);
        memberNames = Set.copyOf(memberNames);
    }

    Optional<AccountGrants> grantsOf(Role role) {
        return Optional.ofNullable(roles.get(role));
    }

    /** The role's grant on exactly this pattern, if any. */
    Optional<Grant> grantOf(Role role, SchemaPattern pattern) {
        return grantsOf(role).flatMap(g -> g.on(pattern));
    }

    static boolean isSystemSchema(String name) {
        return SYSTEM_SCHEMAS.contains(name);
    }

    /** The system schemas this pattern matches. */
    static List<String> systemSchemasMatching(SchemaPattern pattern) {
        return SYSTEM_SCHEMAS.stream().filter(pattern::matches).toList();
    }
}
