package org.dovetail.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link DovetailTest}: resolves {@link TestDatabase} and {@link TestS3}
 * parameters (constructor, lifecycle and test methods) for the test class; a {@link TestS3}
 * marked {@link FilesystemS3} comes from s3proxy's filesystem backend.
 *
 * <p>The servers live in the root store and the per-class database and bucket in the class store;
 * all are {@link AutoCloseable}, so JUnit closes each when its context ends.
 */
public final class DovetailExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DovetailExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == TestS3.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TestDatabase.class) {
            return database(context);
        }
        if (type == TestS3.class && parameter.isAnnotated(FilesystemS3.class)) {
            ExtensionContext classContext = classContext(context);
            return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(FilesystemS3.class,
                    k -> servers(context).filesystemS3().forClass(classContext.getRequiredTestClass()), TestS3.class);
        }
        if (type == TestS3.class) {
            return s3(context);
        }
        throw new ParameterResolutionException("Unsupported parameter " + parameter.getParameter());
    }

    /**
     * The database of the test class {@code context} belongs to, the one a {@link TestDatabase}
     * parameter gets; for other extensions that build on the kit's servers.
     */
    public static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class,
                k -> servers(context).database().forClass(classContext.getRequiredTestClass()), TestDatabase.class);
    }

    /**
     * The in-memory S3 bucket of the test class {@code context} belongs to, the one a
     * {@link TestS3} parameter gets; for other extensions that build on the kit's servers.
     */
    public static TestS3 s3(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(TestS3.class,
                k -> servers(context).s3().forClass(classContext.getRequiredTestClass()), TestS3.class);
    }

    private static TestServers servers(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestServers.class, k -> TestServers.start(), TestServers.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
