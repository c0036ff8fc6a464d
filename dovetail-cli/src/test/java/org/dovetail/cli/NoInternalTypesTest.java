package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dovetail.ops.migrate.LegacyMigration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dovetail-cli and dovetail-ops use only dovetail-core's supported API, never
 * {@code org.dovetail.internal} (ops is checked here, where both are on the class path). The
 * compiled classes are checked because a class file names every type it uses in its constant
 * pool (also types reached through another type's signature); the imports of the sources are
 * checked because an unused import or an inlined constant leaves no trace in a class file.
 */
class NoInternalTypesTest {
    private static final Pattern INTERNAL_TYPE = Pattern.compile("org/dovetail/internal/[\\w/$]+");
    private static final Pattern INTERNAL_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?org\\.dovetail\\.internal\\.");

    @ParameterizedTest
    @ValueSource(strings = {"dovetail-cli", "dovetail-ops"})
    void noMainClassRefersToAnInternalType(String module) throws Exception {
        Class<?> anchor = module.equals("dovetail-cli") ? Main.class : LegacyMigration.class;
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        // target/classes, or the module's jar when the test runs after packaging
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
            Path classes = jar == null ? location : jar.getPath("/");
            List<Path> files = files(classes, ".class");
            assertThat(files).as("class files in " + location).isNotEmpty();
            TreeSet<String> uses = new TreeSet<>();
            for (Path file : files) {
                // Type names in the constant pool are ASCII here, so the bytes read as Latin-1 hold them verbatim.
                Matcher m = INTERNAL_TYPE.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    uses.add(classes.relativize(file) + " uses " + m.group());
                }
            }
            assertThat(uses).as("main classes referring to org.dovetail.internal (use the public API instead)").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dovetail-cli", "dovetail-ops"})
    void noMainSourceImportsFromTheInternalPackages(String module) throws IOException {
        Path sources = Path.of("..", module, "src", "main", "java");
        List<Path> files = files(sources, ".java");
        assertThat(files).as("source files under " + sources.toAbsolutePath()).isNotEmpty();
        TreeSet<String> lines = new TreeSet<>();
        for (Path file : files) {
            List<String> text = Files.readAllLines(file);
            for (int i = 0; i < text.size(); i++) {
                if (INTERNAL_IMPORT.matcher(text.get(i)).find()) {
                    lines.add(sources.relativize(file) + ":" + (i + 1) + ": " + text.get(i).strip());
                }
            }
        }
        assertThat(lines).as("main sources importing from org.dovetail.internal (use the public API instead)").isEmpty();
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
