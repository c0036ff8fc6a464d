package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.dovetail.DovetailException;
import org.dovetail.DuplicateException;
import org.dovetail.ErrorCode;
import org.dovetail.config.ConfigException;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void theExitCodeFollowsTheErrorCodesCategory() {
        assertThat(Main.exitCode(new DuplicateException("Duplicate entry", 1062, "INSERT", null))).isEqualTo(ExitCode.FAILURE);
        assertThat(Main.exitCode(new ConfigException("bad"))).isEqualTo(ExitCode.USAGE);
        assertThat(Main.exitCode(new DovetailException(ErrorCode.LOCKED, "held"))).isEqualTo(ExitCode.SAFETY_LIMIT);
        assertThat(Main.exitCode(new DovetailException(ErrorCode.REFUSED, "not ready"))).isEqualTo(ExitCode.SAFETY_LIMIT);
        assertThat(Main.exitCode(new UncheckedIOException(new IOException("disk")))).isEqualTo(ExitCode.FAILURE);
    }

    @Test
    void everyCodeHasAnExitCode() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(Main.exitCode(new DovetailException(code, "x"))).isNotEqualTo(ExitCode.OK);
        }
    }

    @Test
    void theOneLineErrorEndsWithTheCodeAndForeignFailuresNameTheirType() {
        assertThat(Main.oneLine(new DovetailException(ErrorCode.MISSING_TABLE, "No table `a`.`b`"))).isEqualTo("No table `a`.`b` [MISSING_TABLE]");
        assertThat(Main.oneLine(new IllegalStateException("odd"))).isEqualTo("IllegalStateException: odd (run with --debug for the stack trace)");
    }
}
