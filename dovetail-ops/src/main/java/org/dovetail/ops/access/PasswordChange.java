package org.dovetail.ops.access;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.dovetail.ConnectionException;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.connection.ServerVersion;

/**
 * Changes the password of the account a configuration logs in as, also when that password has
 * expired (a new account's first login). It uses a plain session without DataJoint's setup, the
 * only kind an expired account may open, learns the server from the connection handshake, and
 * binds the password as a parameter; afterwards it logs in with the new password to prove it.
 *
 * <pre>{@code
 * ChangeReport report = PasswordChange.apply(config, newPassword);   // config has the old password
 * }</pre>
 */
public final class PasswordChange {
    private PasswordChange() {}

    /** The statement that would change the password (redacted in its display), without running it. */
    public static Plan plan(Config config, String newPassword) {
        try (java.sql.Connection session = Connection.openSession(config)) {
            return plan(config, dialectOf(session), newPassword);
        } catch (SQLException e) {
            throw new ConnectionException("Could not read the server version: " + e.getMessage(), e);
        }
    }

    /** Changes the password and verifies it by logging in again. */
    public static ChangeReport apply(Config config, String newPassword) {
        try (java.sql.Connection session = Connection.openSession(config)) {
            Plan plan = plan(config, dialectOf(session), newPassword);
            SqlStatement statement = plan.statements().get(0);
            try (PreparedStatement ps = session.prepareStatement(statement.sql())) {
                ps.setString(1, newPassword);
                ps.execute();
            } catch (SQLException e) {
                return new ChangeReport(plan.action(), List.of(), statement, serverMessage(e), List.of(), List.of(), null);
            }
            return new ChangeReport(plan.action(), List.of(statement), null, null, List.of(), List.of(verify(config, newPassword)), null);
        } catch (SQLException e) {
            throw new ConnectionException("Could not read the server version: " + e.getMessage(), e);
        }
    }

    private static Plan plan(Config config, Dialect dialect, String newPassword) {
        return UserPlans.setOwnPassword(dialect, config.user().orElse("?"), newPassword);
    }

    /** The server version from the handshake: an expired session can run no query to ask it. */
    private static Dialect dialectOf(java.sql.Connection session) throws SQLException {
        DatabaseMetaData meta = session.getMetaData();
        return Dialect.of(ServerVersion.parse(meta.getDatabaseProductVersion(), meta.getDatabaseProductName()));
    }

    @SuppressWarnings("try") // the login itself is the check
    private static String verify(Config config, String newPassword) {
        try (Dovetail check = Dovetail.connect(config.toBuilder().password(newPassword).build())) {
            return "verified: logged in again as " + config.user().orElse("?") + " with the new password";
        } catch (DovetailException e) {
            return "the password was changed, but logging in with it failed: " + e.getMessage();
        }
    }

    private static String serverMessage(SQLException e) {
        return String.valueOf(e.getMessage()).replaceFirst("^\\(conn=\\d+\\) ", "");
    }
}
