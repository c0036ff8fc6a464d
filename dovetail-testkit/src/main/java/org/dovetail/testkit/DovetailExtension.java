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
        ExtensionContext classContext = classContext(context);
        ExtensionContext.Store classStore = classContext.getStore(NAMESPACE);
        if (type == TestDatabase.class) {
            return classStore.getOrComputeIfAbsent(TestDatabase.class,
                    k -> servers(context).database().forClass(classContext.getRequiredTestClass()), TestDatabase.class);
        }
        if (type == TestS3.class && parameter.isAnnotated(FilesystemS3.class)) {
            return classStore.getOrComputeIfAbsent(FilesystemS3.class,
                    k -> servers(context).filesystemS3().forClass(classContext.getRequiredTestClass()), TestS3.class);
        }
        if (type == TestS3.class) {
            return classStore.getOrComputeIfAbsent(TestS3.class,
                    k -> servers(context).s3().forClass(classContext.getRequiredTestClass()), TestS3.class);
        }
        throw new ParameterResolutionException("Unsupported parameter " + parameter.getParameter());
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
