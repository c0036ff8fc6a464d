package org.dovetail.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.dovetail.testkit.DovetailTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link DovetailTest} whose methods may also take a {@link org.dovetail.Dovetail} connected to
 * the test database, and the {@link org.dovetail.config.Config} it was connected with.
 *
 * <pre>{@code
 * @ConnectedTest
 * class PipelineIT {
 *     @Test
 *     void storesATrace(Dovetail dj, TestDatabase db) {
 *         Schema lab = dj.createSchema(db.schema("lab"));     // dropped after the class
 *         Table trace = lab.declare(Tier.MANUAL, "Trace", "id : int\n---\nsamples : blob@s3store");
 *         trace.insert1(Map.of("id", 1, "samples", new double[] {0.5, 1.5}));
 *     }
 * }
 * }</pre>
 *
 * <p>The configuration is the test database as its administrator account, with two stores:
 * {@value #S3_STORE} on the class's S3 bucket (location {@value #S3_STORE}) and
 * {@value #FILE_STORE} in a directory of the class's own, deleted after the class. Other
 * settings are DataJoint's defaults (so {@code safemode} is on); a test that needs other
 * settings or store names builds its own with {@link TestConfigs}. {@link ConnectedExtension}
 * says how long each {@code Dovetail} lives.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DovetailTest
@ExtendWith(ConnectedExtension.class)
public @interface ConnectedTest {
    /** The S3 store of the handed-out configuration. */
    String S3_STORE = "s3store";
    /** The file store of the handed-out configuration. */
    String FILE_STORE = "fstore";
}
