package org.dovetail.cli;

import org.dovetail.ops.access.InitialPassword;
import picocli.CommandLine.Option;

/** Options several {@code access} commands take, declared once here (picocli mixins). */
final class AccessOptions {
    private AccessOptions() {}

    /** {@code --sql} of the commands that change accounts and grants. */
    static final class Sql {
        @Option(names = "--sql", description = "Print the SQL instead of running it (passwords redacted).")
        boolean only;
    }

    /** {@code --sql} of the read-only reports, show and check. */
    static final class ReportSql {
        @Option(names = "--sql", description = "Print the read-only queries the report is made from instead of the report.")
        boolean only;
    }

    /** {@code --temppass} and {@code --no-expire} of add-user and reset-password: how the new password is chosen. */
    static final class NewPassword {
        @Option(names = "--temppass", description = "Spyglass's convention: the password `temppass`, not expired. Not recommended.")
        boolean temppass;

        @Option(names = "--no-expire", description = "A random password that does not expire (for DataJoint-Python's set_password).")
        boolean noExpire;

        /** The password the flags choose: {@code temppass}, else random, expired unless {@code --no-expire}. */
        InitialPassword initialPassword() {
            return temppass ? InitialPassword.SPYGLASS_TEMPPASS : noExpire ? InitialPassword.RANDOM : InitialPassword.RANDOM_EXPIRED;
        }
    }
}
