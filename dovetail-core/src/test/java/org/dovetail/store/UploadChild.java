package org.dovetail.store;

import java.nio.file.Path;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;

/**
 * A separate process for {@link UploadKillIT}: inserts one attachment into a store, and is
 * killed by the test while the upload runs.
 *
 * <p>Arguments: host port user password schema file protocol location [endpoint bucket access secret]
 */
public final class UploadChild {
    private UploadChild() {}

    public static void main(String[] args) {
        StoreSpec spec = args[6].equals("file")
                ? new StoreSpec("target", StoreSpec.Protocol.FILE, args[7], null, null, null, null, false, null,
                        StoreSpec.DEFAULT_SUBFOLDING, null)
                : new StoreSpec("target", StoreSpec.Protocol.S3, args[7], args[8], args[9], args[10], args[11], false, null,
                        StoreSpec.DEFAULT_SUBFOLDING, null);
        Config config = Config.builder().host(args[0]).port(Integer.parseInt(args[1])).user(args[2]).password(args[3]).store(spec).build();
        try (Connection conn = Connection.open(config); ExternalStore store = ExternalStore.open(conn, "target")) {
            System.out.println("uploading");
            System.out.flush();
            store.putAttachment(args[4], Path.of(args[5]));
            System.out.println("done");
        }
    }
}
