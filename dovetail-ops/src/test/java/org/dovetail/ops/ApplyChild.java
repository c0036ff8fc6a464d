package org.dovetail.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;

/**
 * A separate process for {@link ApplyKillIT}: applies a {@link Scratch} plan of two rows, and
 * inside the work, after the first row, prints {@value #INSIDE_APPLY} and waits on standard
 * input, which never comes: the test kills it there.
 *
 * <p>Arguments: host port user password scratchSchema auditSchema
 */
public final class ApplyChild {
    /** The line printed once the apply holds its lock, has written its record and is midway. */
    static final String INSIDE_APPLY = "INSIDE_APPLY";

    private ApplyChild() {}

    public static void main(String[] args) throws Exception {
        Config config = Config.builder().host(args[0]).port(Integer.parseInt(args[1])).user(args[2]).password(args[3]).build();
        try (Dovetail dj = Dovetail.connect(config)) {
            Scratch scratch = new Scratch(dj.connection(), args[4]);
            scratch.operation(AuditLog.on(dj.connection(), args[5]), plan -> {
                System.out.println(INSIDE_APPLY);
                System.out.flush();
                try {
                    System.in.read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).apply(scratch.plan(2));
            System.out.println("done: the apply was never stopped");
        }
    }
}
