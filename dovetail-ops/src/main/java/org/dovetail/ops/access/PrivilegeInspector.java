package org.dovetail.ops.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dovetail.AccessException;

/**
 * Works out an account's effective privileges the way the server does: per account (the user or
 * one role), the most specific schema pattern that matches a schema is the only one used; the
 * user's own grants and those of its active roles are then combined.
 */
final class PrivilegeInspector {
    private final Catalog catalog;
    private final List<Source> sources = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** The user or one of its roles, with its grants. */
    private record Source(String name, AccountGrants grants, boolean activeAtLogin, Boolean activeNow) {}

    private PrivilegeInspector(Catalog catalog) {
        this.catalog = catalog;
    }

    static PrivilegeReport inspect(Catalog catalog, AccountName account, boolean self) {
        return new PrivilegeInspector(catalog).report(account, self);
    }

    private PrivilegeReport report(AccountName account, boolean self) {
        AccountGrants own = catalog.accountGrants(account).orElseThrow(() ->
                new AccessManagementException("There is no account " + account.sql() + " on this server"));
        boolean mariaDb = catalog.dialect().version().isMariaDb();
        boolean activateAll = !mariaDb && catalog.variable("activate_all_roles_on_login")
                .map(v -> v.equals("1") || v.equalsIgnoreCase("ON")).orElse(false);
        List<String> current = self ? catalog.currentRoles() : List.of();
        sources.add(new Source("direct", own, true, self ? Boolean.TRUE : null));
        List<PrivilegeReport.RoleStatus> roles = new ArrayList<>();
        for (String role : own.roles()) {
            boolean isDefault = own.defaultRoles().contains(role);
            boolean atLogin = isDefault || activateAll;
            Boolean now = self ? current.contains(role) : null;
            roles.add(new PrivilegeReport.RoleStatus(role, isDefault, atLogin, now));
            if (!atLogin) {
                warnings.add("the role " + role + " is granted but not active at login (not a default role"
                        + (mariaDb ? "" : " and activate_all_roles_on_login is OFF") + "): `dovetail access add-user "
                        + account.user() + " --role ...` makes it the default role");
            }
            addRole(role, atLogin, now, new HashSet<>());
        }
        sources.forEach(this::checkSource);
        return new PrivilegeReport(account, activation(mariaDb, activateAll), roles, grantRows(), effective(), warnings);
    }

    private void addRole(String role, boolean atLogin, Boolean now, Set<String> seen) {
        if (!seen.add(role)) {
            return;
        }
        try {
            catalog.roleGrants(role).ifPresent(g -> {
                sources.add(new Source(role, g, atLogin, now));
                g.roles().forEach(nested -> addRole(nested, atLogin, now, seen));
            });
        } catch (AccessException e) {
            warnings.add("the grants of the role " + role + " cannot be read with this account (" + e.getMessage() + ")");
        }
    }

    private String activation(boolean mariaDb, boolean activateAll) {
        if (mariaDb) {
            return "MariaDB activates each account's one default role at login (SET DEFAULT ROLE ... FOR ...)";
        }
        String mandatory = catalog.variable("mandatory_roles").filter(v -> !v.isEmpty()).map(v -> "; mandatory_roles=" + v).orElse("");
        return activateAll ? "activate_all_roles_on_login=ON: every granted role is active at login" + mandatory
                : "activate_all_roles_on_login=OFF: only default roles are active at login" + mandatory;
    }

    private void checkSource(Source source) {
        List<Grant> schemaGrants = source.grants().grants().stream().filter(Grant::isSchemaLevel).toList();
        for (int i = 0; i < schemaGrants.size(); i++) {
            for (int j = i + 1; j < schemaGrants.size(); j++) {
                Grant a = schemaGrants.get(i);
                Grant b = schemaGrants.get(j);
                if (a.schema().overlaps(b.schema()) && !a.privileges().equals(b.privileges())) {
                    Grant specific = a.schema().specificity() >= b.schema().specificity() ? a : b;
                    warnings.add("in " + label(source) + ", " + a.on() + " (" + a.privileges() + ") and " + b.on() + " ("
                            + b.privileges() + ") overlap: for a schema both match only the more specific " + specific.on()
                            + " applies, never both");
                }
            }
        }
        if (source.name().equals(Role.ADMIN.roleName())) {
            return; // documented: dj_admin is superuser-equivalent
        }
        for (Grant g : source.grants().grants()) {
            boolean reachesMysql = g.isGlobal() ? g.privileges().includes("SELECT")
                    : g.isSchemaLevel() && g.schema().matches("mysql");
            if (reachesMysql && !g.privileges().isUsageOnly()) {
                warnings.add(label(source) + " has " + g.privileges() + " on " + g.on()
                        + ", which reaches the system schema mysql (password hashes in mysql.user)");
            }
        }
    }

    private List<PrivilegeReport.GrantRow> grantRows() {
        List<PrivilegeReport.GrantRow> rows = new ArrayList<>();
        for (Source s : sources) {
            for (Grant g : s.grants().grants()) {
                rows.add(new PrivilegeReport.GrantRow(s.name(), g.on(), g.privileges().toString(), s.activeAtLogin()));
            }
        }
        return rows;
    }

    /** Per existing schema, the union over active sources of each source's most specific match; grouped by prefix. */
    private List<PrivilegeReport.PrefixPrivileges> effective() {
        Map<List<String>, Integer> groups = new LinkedHashMap<>();
        for (String schema : catalog.schemas()) {
            if (schema.equals("information_schema")) {
                continue;
            }
            Privileges privileges = null;
            Set<String> via = new LinkedHashSet<>();
            for (Source s : sources) {
                if (!s.activeAtLogin()) {
                    continue;
                }
                Privileges p = privilegesOn(s.grants(), schema);
                if (p != null) {
                    privileges = privileges == null ? p : privileges.plus(p);
                    via.add(s.name());
                }
            }
            if (privileges != null) {
                groups.merge(List.of(SchemaPattern.prefixOf(schema), privileges.toString(), String.join(", ", via)), 1, Integer::sum);
            }
        }
        List<PrivilegeReport.PrefixPrivileges> rows = new ArrayList<>();
        groups.forEach((k, n) -> rows.add(new PrivilegeReport.PrefixPrivileges(k.get(0), n, k.get(1), k.get(2))));
        rows.sort(Comparator.comparing(PrivilegeReport.PrefixPrivileges::prefix));
        return rows;
    }

    /** What one account or role grants on a schema: its global grant plus its most specific matching pattern. */
    private static Privileges privilegesOn(AccountGrants grants, String schema) {
        Privileges result = null;
        Grant best = null;
        for (Grant g : grants.grants()) {
            if (g.isGlobal() && !g.privileges().isUsageOnly()) {
                result = result == null ? g.privileges() : result.plus(g.privileges());
            } else if (g.isSchemaLevel() && g.schema().matches(schema)
                    && (best == null || g.schema().specificity() > best.schema().specificity())) {
                best = g;
            }
        }
        if (best != null) {
            result = result == null ? best.privileges() : result.plus(best.privileges());
        }
        return result;
    }

    private static String label(Source source) {
        return source.name().equals("direct") ? "the account's own grants" : "the role " + source.name();
    }
}
