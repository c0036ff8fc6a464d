package org.dovetail.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for a {@link TestS3} served by s3proxy's filesystem backend instead of the in-memory one:
 * objects are files in {@code target/it-servers/<pid>/s3}, and listings also name the
 * directories ({@code lab/7c/}), as real buckets list the folder markers that consoles and sync
 * tools create. The class gets a bucket of its own there too.
 *
 * <pre>{@code
 * @Test
 * void verifiesOnBothBackends(TestDatabase db, TestS3 memory, @FilesystemS3 TestS3 files) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FilesystemS3 {}
