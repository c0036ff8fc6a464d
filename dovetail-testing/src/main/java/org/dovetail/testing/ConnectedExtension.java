package org.dovetail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.testkit.DovetailExtension;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link ConnectedTest}: resolves {@link Config} and {@link Dovetail}
 * parameters on the servers of the test kit's {@link DovetailExtension}.
 *
 * <p>The {@code Config} is one per test class. A {@code Dovetail} taken by a constructor or an
 * {@code @BeforeAll} or {@code @AfterAll} method belongs to the class and is closed after it; one
 * taken by a test method or its {@code @BeforeEach} or {@code @AfterEach} methods belongs to that
 * test (the same object for all three) and is closed after it. Do not close it yourself.
 */
public final class ConnectedExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConnectedExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Config.class || type == Dovetail.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == Config.class) {
            return config(context);
        }
        // keyed by the context itself: a test never gets its class's Dovetail through the store's parent lookup
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(List.of(Dovetail.class, context.getUniqueId()),
                k -> Dovetail.connect(config(context)), Dovetail.class);
    }

    private static Config config(ExtensionContext context) {
        TestDatabase db = DovetailExtension.database(context);
        ExtensionContext.Store classStore = classContext(context).getStore(NAMESPACE);
        return classStore.getOrComputeIfAbsent(ClassConfig.class, k -> ClassConfig.create(db, context), ClassConfig.class).config();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** The class's configuration and the directory of its file store, deleted on close. */
    private record ClassConfig(Config config, Path fileStore) implements AutoCloseable {
        static ClassConfig create(TestDatabase db, ExtensionContext context) {
            try {
                Path dir = Files.createTempDirectory(db.schemaPrefix() + ConnectedTest.FILE_STORE);
                Config config = TestConfigs.of(db)
                        .s3Store(ConnectedTest.S3_STORE, DovetailExtension.s3(context))
                        .fileStore(ConnectedTest.FILE_STORE, dir)
                        .build();
                return new ClassConfig(config, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> paths = Files.walk(fileStore)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
