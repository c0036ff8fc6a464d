package org.dovetail;

import org.dovetail.config.Config;
import org.dovetail.testkit.TestDatabase;

/**
 * The test database's {@link Config} for core's own tests, which cannot use dovetail-testing's
 * {@code TestConfigs}: that module depends on core.
 */
public final class TestConfigs {
    private TestConfigs() {}

    /** The test database's host, port, administrator and password; DataJoint's defaults otherwise. */
    public static Config of(TestDatabase db) {
        return builder(db).build();
    }

    /** A builder already holding the test database's host, port, administrator and password. */
    public static Config.Builder builder(TestDatabase db) {
        return Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password());
    }
}
