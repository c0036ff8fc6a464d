package org.dovetail.testing;

import java.nio.file.Path;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;

/**
 * Builds a {@link Config} for the test kit's servers: the test database as its administrator
 * account, plus the stores a test names.
 *
 * <pre>{@code
 * Config config = TestConfigs.of(db)
 *         .s3Store("raw", s3)                  // objects under raw/ in the class's bucket
 *         .fileStore("local", dir)
 *         .builder().safemode(false)           // any other setting
 *         .build();
 * }</pre>
 *
 * <p>Everything not set here has DataJoint's defaults, as in {@link Config#builder()}.
 */
public final class TestConfigs {
    private final Config.Builder builder;

    private TestConfigs(Config.Builder builder) {
        this.builder = builder;
    }

    /** The test database's host, port, user and password, and no stores yet. */
    public static TestConfigs of(TestDatabase db) {
        return new TestConfigs(Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password()));
    }

    /** Adds (or replaces) the S3 store {@code name} on the bucket of {@code s3}, with {@code name} as its location. */
    public TestConfigs s3Store(String name, TestS3 s3) {
        return s3Store(name, s3, name);
    }

    /** Adds (or replaces) the S3 store {@code name}: objects under the key prefix {@code location} of the bucket of {@code s3}. */
    public TestConfigs s3Store(String name, TestS3 s3, String location) {
        builder.store(StoreSpec.s3(name, s3.hostAndPort(), s3.bucket(), location, s3.accessKey(), s3.secretKey()));
        return this;
    }

    /** Adds (or replaces) the file store {@code name} rooted at {@code dir}. */
    public TestConfigs fileStore(String name, Path dir) {
        builder.store(StoreSpec.file(name, dir.toString()));
        return this;
    }

    /** The {@link Config.Builder} behind this, for any other setting; it already holds the database and the stores added so far. */
    public Config.Builder builder() {
        return builder;
    }

    /** The configuration. */
    public Config build() {
        return builder.build();
    }
}
