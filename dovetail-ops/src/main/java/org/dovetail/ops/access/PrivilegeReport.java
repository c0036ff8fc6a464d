package org.dovetail.ops.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * The effective privileges of one account ({@code dovetail access show}): its roles and whether
 * each is active at login, the server's role-activation setting, every grant with where it comes
 * from, what the account can do on the existing schemas grouped by prefix, and warnings.
 *
 * <pre>{@code
 * PrivilegeReport report = access.show("alice");
 * boolean active = report.roles().stream().allMatch(PrivilegeReport.RoleStatus::activeAtLogin);
 * report.warnings().forEach(System.err::println);
 * }</pre>
 *
 * @param account    the account
 * @param activation how the server activates roles at login
 * @param roles      the roles granted to the account
 * @param grants     the account's own grants and those of its roles
 * @param effective  privileges on the existing schemas, per prefix, counting only roles active at login
 * @param warnings   problems found: inactive roles, overlapping patterns, system schemas reachable
 */
public record PrivilegeReport(AccountName account, String activation, List<RoleStatus> roles, List<GrantRow> grants,
                              List<PrefixPrivileges> effective, List<String> warnings) implements Report {
    public PrivilegeReport {
        roles = List.copyOf(roles);
        grants = List.copyOf(grants);
        effective = List.copyOf(effective);
        warnings = List.copyOf(warnings);
    }

    /**
     * A role granted to the account.
     *
     * @param role          the role's name
     * @param isDefault     true if it is a default role
     * @param activeAtLogin true if it is active when the account logs in (default role, or the server activates all)
     * @param activeNow     whether it is active in the session that made the report (null when showing another account)
     */
    public record RoleStatus(String role, boolean isDefault, boolean activeAtLogin, Boolean activeNow) {}

    /**
     * One grant.
     *
     * @param via           {@code direct} or the role it comes from
     * @param on            the grant's target
     * @param privileges    the privileges
     * @param activeAtLogin true if the grant applies when the account logs in
     */
    public record GrantRow(String via, String on, String privileges, boolean activeAtLogin) {}

    /**
     * What the account can do on the existing schemas of one prefix.
     *
     * @param prefix     the schema prefix (text before the first {@code _})
     * @param schemas    how many existing schemas have these privileges
     * @param privileges the union of what each source grants (each source: its most specific matching grant)
     * @param via        where the privileges come from
     */
    public record PrefixPrivileges(String prefix, int schemas, String privileges, String via) {}

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("account: ").append(account).append('\n');
        sb.append("role activation: ").append(activation).append('\n');
        sb.append("roles:");
        if (roles.isEmpty()) {
            sb.append(" none");
        }
        sb.append('\n');
        for (RoleStatus r : roles) {
            sb.append("  ").append(r.role()).append(r.isDefault() ? "  default" : "  not default")
                    .append(r.activeAtLogin() ? ", active at login" : ", NOT active at login");
            if (r.activeNow() != null) {
                sb.append(r.activeNow() ? ", active now" : ", not active now");
            }
            sb.append('\n');
        }
        sb.append("grants:\n");
        for (GrantRow g : grants) {
            sb.append(String.format("  %-12s %-32s %s%s%n", g.via(), g.on(), g.privileges(), g.activeAtLogin() ? "" : "  (inactive)"));
        }
        sb.append("effective privileges on existing schemas, by prefix:\n");
        if (effective.isEmpty()) {
            sb.append("  none\n");
        }
        for (PrefixPrivileges p : effective) {
            sb.append(String.format("  %-20s %3d schema%s  %s  (%s)%n", p.prefix(), p.schemas(), p.schemas() == 1 ? " " : "s",
                    p.privileges(), p.via()));
        }
        warnings.forEach(w -> sb.append("WARNING: ").append(w).append('\n'));
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("account", account.toString());
        json.put("role_activation", activation);
        ArrayNode roleArray = json.putArray("roles");
        roles.forEach(r -> {
            ObjectNode o = roleArray.addObject().put("role", r.role()).put("default", r.isDefault()).put("active_at_login", r.activeAtLogin());
            if (r.activeNow() != null) {
                o.put("active_now", r.activeNow());
            }
        });
        ArrayNode grantArray = json.putArray("grants");
        grants.forEach(g -> grantArray.addObject().put("via", g.via()).put("on", g.on()).put("privileges", g.privileges())
                .put("active_at_login", g.activeAtLogin()));
        ArrayNode effectiveArray = json.putArray("effective");
        effective.forEach(p -> effectiveArray.addObject().put("prefix", p.prefix()).put("schemas", p.schemas())
                .put("privileges", p.privileges()).put("via", p.via()));
        ArrayNode warningArray = json.putArray("warnings");
        warnings.forEach(warningArray::add);
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("via", "on", "privileges", "active_at_login");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        grants.forEach(g -> rows.add(List.of(g.via(), g.on(), g.privileges(), g.activeAtLogin())));
        return rows;
    }
}
