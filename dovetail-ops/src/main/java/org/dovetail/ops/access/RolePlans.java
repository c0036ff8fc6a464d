package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans {@code init-roles} and {@code add-module}: the grants of the four roles, made without
 * {@code %} for everyone but {@code dj_admin}, and only those not already in place.
 *
 * <p>Every role reads the shared modules ({@code dj_user} writes them) and every other known
 * prefix: those of the existing schemas and the own prefixes of the accounts holding a role.
 * A grant on {@code %} would also reach {@code mysql} (password hashes in {@code mysql.user}), so
 * the roles get one pattern per prefix instead, and a prefix whose pattern would match a system
 * schema ({@code performance} matches {@code performance_schema}) is granted schema by schema.
 */
final class RolePlans {
    private static final List<Role> READERS = List.of(Role.GUEST, Role.COLLAB, Role.USER);

    private final ServerState state;
    private final Dialect dialect;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private RolePlans(ServerState state) {
        this.state = state;
        this.dialect = state.dialect();
    }

    static Plan initRoles(ServerState state, List<String> modules, boolean revokeWildcard) {
        List<SchemaPattern> modulePatterns = modules.stream().map(RolePlans::modulePattern).toList();
        RolePlans plan = new RolePlans(state);
        for (Role role : Role.SPYGLASS) {
            if (state.grantsOf(role).isEmpty()) {
                plan.add(plan.dialect.createRole(role));
            }
        }
        // Prefixes dj_user already writes stay shared modules even when no longer configured.
        Set<SchemaPattern> shared = new LinkedHashSet<>(modulePatterns);
        shared.addAll(plan.writablePatternsOfDjUser());
        shared.forEach(plan::module);
        plan.readable(plan.knownPrefixPatterns(), List.copyOf(shared));
        if (!state.grantOf(Role.ADMIN, SchemaPattern.EVERYTHING).map(g -> g.privileges().all()).orElse(false)) {
            plan.add(plan.dialect.grant(Privileges.ALL, SchemaPattern.EVERYTHING, List.of(Role.ADMIN)));
        }
        plan.wildcardGrants(revokeWildcard);
        plan.notes.add("dj_admin has ALL PRIVILEGES on `%`, which includes the mysql schema: an account with dj_admin"
                + " can edit the grant tables and is equivalent to a superuser");
        return new Plan("init-roles", plan.statements, plan.notes, null);
    }

    static Plan addModule(ServerState state, String prefix) {
        SchemaPattern pattern = modulePattern(prefix);
        requireRoles(state);
        RolePlans plan = new RolePlans(state);
        plan.module(pattern);
        return new Plan("add-module " + prefix, plan.statements, plan.notes, null);
    }

    /** The pattern of a shared module; refused if it would reach a system schema. */
    static SchemaPattern modulePattern(String prefix) {
        SchemaPattern pattern = SchemaPattern.forPrefix(prefix);
        List<String> system = ServerState.systemSchemasMatching(pattern);
        if (!system.isEmpty()) {
            throw new AccessManagementException("The module prefix \"" + prefix + "\" would grant " + pattern
                    + ", which matches the system schema " + system.get(0) + ": choose another prefix");
        }
        return pattern;
    }

    static void requireRoles(ServerState state) {
        for (Role role : Role.SPYGLASS) {
            if (state.grantsOf(role).isEmpty()) {
                throw new AccessManagementException("The role " + role + " does not exist on this server:"
                        + " run `dovetail access init-roles` first");
            }
        }
    }

    /**
     * SELECT for every reader on the given prefix patterns, except those inside a shared module
     * (the module's grant already covers them, and a narrower SELECT would shadow dj_user's ALL).
     */
    static List<SqlStatement> readGrants(ServerState state, List<SchemaPattern> patterns, List<SchemaPattern> shared) {
        RolePlans plan = new RolePlans(state);
        plan.readable(patterns, shared);
        return plan.statements;
    }

    /** The patterns dj_user may write, other than {@code %}: shared modules, including ones no longer configured. */
    static List<SchemaPattern> sharedPatterns(ServerState state) {
        return new RolePlans(state).writablePatternsOfDjUser();
    }

    private void module(SchemaPattern pattern) {
        grantMissing(pattern, Privileges.SELECT, List.of(Role.GUEST, Role.COLLAB));
        Optional<Grant> existing = state.grantOf(Role.USER, pattern);
        if (existing.isEmpty() || !existing.get().privileges().writes()) {
            add(dialect.grant(Privileges.ALL, pattern, List.of(Role.USER)));
        } else if (!existing.get().privileges().all()) {
            notes.add("dj_user keeps " + existing.get().privileges() + " on " + pattern.sql()
                    + " (not ALL PRIVILEGES; left as an administrator set it)");
        }
    }

    private void readable(List<SchemaPattern> patterns, List<SchemaPattern> shared) {
        for (SchemaPattern pattern : patterns) {
            if (shared.stream().noneMatch(m -> m.covers(pattern))) {
                grantMissing(pattern, Privileges.SELECT, READERS);
            }
        }
    }

    private void grantMissing(SchemaPattern pattern, Privileges privileges, List<Role> roles) {
        List<Role> missing = roles.stream()
                .filter(r -> state.grantOf(r, pattern).map(g -> !g.privileges().includes("SELECT")).orElse(true))
                .toList();
        if (!missing.isEmpty()) {
            add(dialect.grant(privileges, pattern, missing));
        }
    }

    /**
     * The prefix patterns every role reads: the prefix of each existing schema and the own prefix
     * of each account holding a role. A pattern that would match a system schema is replaced by
     * the exact names of the existing schemas it covers.
     */
    private List<SchemaPattern> knownPrefixPatterns() {
        Set<SchemaPattern> patterns = new LinkedHashSet<>();
        for (String schema : state.schemas()) {
            if (!ServerState.isSystemSchema(schema)) {
                patterns.add(schema.contains("_") ? SchemaPattern.forPrefix(SchemaPattern.prefixOf(schema)) : SchemaPattern.exact(schema));
            }
        }
        state.memberNames().forEach(user -> patterns.add(SchemaPattern.forPrefix(user)));
        List<SchemaPattern> safe = new ArrayList<>();
        for (SchemaPattern pattern : patterns) {
            if (ServerState.systemSchemasMatching(pattern).isEmpty()) {
                safe.add(pattern);
            } else {
                List<String> names = state.schemas().stream()
                        .filter(s -> !ServerState.isSystemSchema(s) && pattern.matches(s)).toList();
                names.forEach(s -> safe.add(SchemaPattern.exact(s)));
                notes.add(pattern + " would match the system schema " + ServerState.systemSchemasMatching(pattern).get(0)
                        + ": granted by exact name instead (" + (names.isEmpty() ? "no schemas yet" : String.join(", ", names))
                        + "); run init-roles again after creating more");
            }
        }
        return safe;
    }

    private List<SchemaPattern> writablePatternsOfDjUser() {
        return state.grantsOf(Role.USER).map(g -> g.grants().stream()
                .filter(x -> x.isSchemaLevel() && x.privileges().writes() && !x.schema().isEverything())
                .map(Grant::schema).toList()).orElse(List.of());
    }

    private void wildcardGrants(boolean revoke) {
        for (Role role : READERS) {
            Optional<Grant> wildcard = state.grantOf(role, SchemaPattern.EVERYTHING);
            if (wildcard.isEmpty()) {
                continue;
            }
            if (revoke) {
                add(dialect.revoke(Privileges.ALL, SchemaPattern.EVERYTHING, role));
            } else {
                notes.add("WARNING: " + role + " has " + wildcard.get().privileges() + " on `%`, which reaches mysql.user"
                        + " (password hashes); `init-roles --revoke-wildcard` removes it once the prefix grants are in place");
            }
        }
    }

    private void add(String sql) {
        statements.add(SqlStatement.of(sql));
    }
}
