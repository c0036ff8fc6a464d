package org.dovetail.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dovetail.Dovetail;
import org.dovetail.blob.Blob;
import org.dovetail.config.Config;
import org.dovetail.schema.Schema;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library example runs as written: its block (the one under "The library" that
 * takes {@code Config config}) is compiled into {@code Snippet.run(Config config)} and run with
 * a configuration for the test database and a store {@code raw} in the test S3 bucket.
 *
 * <p>The example creates the schema {@code lab}, which is outside the test kit's prefixes: the
 * test refuses to start if {@code lab} exists (another server's data) and drops it afterwards.
 * The configuration makes {@code lab} a shared module, as a lab's configuration would, so that
 * declaring there logs no schema-prefix warning.
 */
@DovetailTest
class ReadmeExampleIT {
    private static final String SCHEMA = "lab";

    @TempDir
    Path classes;

    @Test
    void theLibraryExampleRunsAgainstARealDatabaseAndS3(TestDatabase db, TestS3 s3) throws Exception {
        DocSnippet example = libraryExample();
        SnippetCompiler.Result compiled = SnippetCompiler.compile(List.of(example), classes);
        assertThat(compiled.errors()).as("javac on " + example.location()).isEmpty();
        Config config = TestConfigs.of(db).s3Store("raw", s3, "readme").builder()
                .custom(new ObjectMapper().readTree("{\"database.shared_modules\": [\"" + SCHEMA + "\"]}"))
                .build();
        try (Dovetail dj = Dovetail.connect(config)) {
            assertThat(dj.schemaExists(SCHEMA)).as("schema `lab` already exists on the test server; the example would use it").isFalse();
        }
        try {
            run(example, config);

            try (Dovetail dj = Dovetail.connect(config)) {
                Schema lab = dj.schema(SCHEMA);
                assertThat(lab.table("Subject").count()).as("subject 7, deleted at the end").isZero();
                List<Map<String, Object>> tracked = dj.table("`lab`.`~external_raw`").fetch();
                assertThat(tracked).as("the trace's object, tracked in ~external_raw").hasSize(1);
                byte[] stored = dj.store("raw").getBlob(SCHEMA, (UUID) tracked.get(0).get("hash"));
                assertThat(stored).as("the trace, read back from the S3 bucket").isEqualTo(Blob.encode(new double[] {0.5, 1.5}));
            }
        } finally {
            try (Dovetail dj = Dovetail.connect(config)) {
                dj.connection().execute("DROP DATABASE IF EXISTS `" + SCHEMA + "`");
            }
        }
    }

    private static DocSnippet libraryExample() {
        List<DocSnippet> examples = MarkdownSnippets.read(DocSnippetsTest.repositoryRoot(), "README.md").stream()
                .filter(s -> s.section().equals("The library") && s.parameters().equals("Config config"))
                .toList();
        assertThat(examples).as("README blocks under \"The library\" that take Config config").hasSize(1);
        return examples.get(0);
    }

    private void run(DocSnippet example, Config config) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Object snippet = loader.loadClass(SnippetCompiler.classOf(example)).getConstructor().newInstance();
            snippet.getClass().getMethod("run", Config.class).invoke(snippet, config);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
