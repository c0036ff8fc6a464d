package org.dovetail.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real database and a real S3 API server.
 *
 * <pre>{@code
 * @DovetailTest
 * class PipelineIT {
 *     @Test
 *     void storesAndReadsBack(TestDatabase db, TestS3 s3) throws Exception {
 *         String schema = db.schema("lab");          // e.g. "t3fa9c2b1_lab", dropped after the class
 *         try (Connection c = db.connect()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>The servers start once per test JVM: the embedded MariaDB, or the server named by
 * {@code DOVETAIL_TEST_DB_URL} (with {@code DOVETAIL_TEST_DB_USER} and
 * {@code DOVETAIL_TEST_DB_PASSWORD}), and an in-process S3 server (s3proxy) on first use. Each
 * test class gets its own schema-name prefix and its own bucket; the schemas are dropped and the
 * bucket deleted when the class finishes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DovetailExtension.class)
public @interface DovetailTest {}
