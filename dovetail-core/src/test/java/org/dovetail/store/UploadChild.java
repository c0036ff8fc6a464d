package org.dovetail.store;

import java.nio.file.Path;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;

/**
 * A separate process for {@link UploadKillIT}: inserts one attachment into a store through
 * {@link ExternalStore#putAttachment}, and is caught in the middle of the upload. A file store
 * reads the attachment through a {@link StallingFile} (the copy stops after {@code stallAfter}
 * bytes); an S3 store talks to the server through a {@link StallingRelay} (the request bytes
 * stop after {@code stallAfter}). Either way the child prints {@value #INSIDE_UPLOAD} on stdout
 * at that point and the upload never completes: the test kills it then.
 *
 * <p>Arguments: host port user password schema file stallAfter protocol location [endpoint bucket access secret]
 */
public final class UploadChild {
    /** The line printed once the upload is stalled midway. */
    static final String INSIDE_UPLOAD = "INSIDE_UPLOAD";

    private UploadChild() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[5]);
        long stallAfter = Long.parseLong(args[6]);
        StoreSpec spec;
        if (args[7].equals("file")) {
            file = StallingFile.of(file, stallAfter, UploadChild::inside);
            spec = new StoreSpec("target", StoreSpec.Protocol.FILE, args[8], null, null, null, null, false, null,
                    StoreSpec.DEFAULT_SUBFOLDING, null);
        } else {
            StallingRelay relay = new StallingRelay(args[9], stallAfter, UploadChild::inside);
            spec = new StoreSpec("target", StoreSpec.Protocol.S3, args[8], relay.hostAndPort(), args[10], args[11], args[12], false,
                    null, StoreSpec.DEFAULT_SUBFOLDING, null);
        }
        Config config = Config.builder().host(args[0]).port(Integer.parseInt(args[1])).user(args[2]).password(args[3]).store(spec).build();
        try (Dovetail conn = Dovetail.connect(config); ExternalStore store = ExternalStore.open(conn.connection(), "target")) {
            store.putAttachment(args[4], file);
            System.out.println("done: the upload was never stalled");
        }
    }

    private static void inside() {
        System.out.println(INSIDE_UPLOAD);
        System.out.flush();
    }
}
