package org.dovetail.cli;

import java.io.PrintWriter;
import org.dovetail.connection.Connection;
import org.dovetail.ops.access.AccessManagementException;
import org.dovetail.ops.access.AccessManager;
import org.dovetail.ops.access.ChangeReport;
import org.dovetail.ops.access.InitialPassword;
import org.dovetail.ops.access.Plan;
import org.dovetail.ops.access.Role;

/**
 * The access step of the demo: a demo account with a role, and {@code access show} for it. On
 * the embedded server the demo sets up the roles itself; on a configured server it only adds the
 * account, and only if the connected account may create users and the roles exist.
 */
final class DemoAccess {
    private DemoAccess() {}

    static void show(PrintWriter out, Connection conn, boolean embedded, String user) {
        AccessManager access;
        try {
            access = AccessManager.on(conn);
        } catch (AccessManagementException e) {
            out.println("   skipped: " + e.getMessage());
            return;
        }
        if (!embedded && !mayCreateUsers(conn)) {
            out.println("   skipped: " + conn.config().user().orElse("this account") + " may not create users");
            return;
        }
        if (!access.missingRoles().isEmpty()) {
            if (!embedded) {
                out.println("   skipped: this server has no dj_* roles (`dovetail access init-roles` creates them)");
                return;
            }
            ChangeReport roles = access.apply(access.initRoles(AccessManager.sharedModules(conn.config()), false));
            out.printf("   roles dj_guest, dj_collab, dj_user, dj_admin: created (%d statements, as `dovetail access init-roles`)%n",
                    roles.applied().size());
        } else {
            out.println("   roles dj_guest, dj_collab, dj_user, dj_admin: exist, reused");
        }
        Plan plan = access.addUser(user, Role.USER, InitialPassword.RANDOM_EXPIRED);
        ChangeReport added = access.apply(plan);
        if (!added.succeeded()) {
            out.println("   adding the account failed: " + added.error());
            return;
        }
        out.println(plan.password() == null ? "   account " + user + ": exists from an earlier run: reused"
                : "   account " + user + ": created with a random one-time password, not kept"
                + " (`dovetail access reset-password " + user + "` sets a new one)");
        out.println("   `dovetail access show " + user + "`:");
        access.show(user).toText().lines().forEach(line -> out.println("     " + line));
    }

    private static boolean mayCreateUsers(Connection conn) {
        return conn.queryValue("SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE = 'CREATE USER'",
                Long.class).orElse(0L) > 0;
    }
}
