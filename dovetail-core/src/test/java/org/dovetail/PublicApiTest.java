package org.dovetail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is what {@code docs/architecture.md} lists under "Public API", and nothing else:
 * a type that becomes public outside {@code org.dovetail.internal} without being listed (with its
 * paragraph) fails the build, and so does a listed type that is gone.
 */
class PublicApiTest {
    private static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");
    private static final Pattern PACKAGE = Pattern.compile("^### `(org\\.dovetail[\\w.]*)`");
    private static final Pattern TYPE = Pattern.compile("^- \\*\\*`(\\w+)`\\*\\*");

    @Test
    void everyPublicTypeOutsideInternalIsListedAndDescribed() throws Exception {
        TreeSet<String> listed = listed();
        TreeSet<String> actual = publicTypes();
        TreeSet<String> unlisted = new TreeSet<>(actual);
        unlisted.removeAll(listed);
        TreeSet<String> gone = new TreeSet<>(listed);
        gone.removeAll(actual);
        assertThat(unlisted).as("public outside org.dovetail.internal but not listed in " + ARCHITECTURE
                + " (list it with a paragraph, or make it package-private or internal)").isEmpty();
        assertThat(gone).as("listed in " + ARCHITECTURE + " but not a public type").isEmpty();
    }

    @Test
    void theListCoversEveryApiPackage() throws Exception {
        assertThat(listed()).anyMatch(t -> t.equals("org.dovetail.Dovetail")).anyMatch(t -> t.startsWith("org.dovetail.spi."))
                .noneMatch(t -> t.startsWith("org.dovetail.internal."));
    }

    /** The types named in the architecture page's "Public API" section, by package heading. */
    private static TreeSet<String> listed() throws IOException {
        TreeSet<String> types = new TreeSet<>();
        boolean inSection = false;
        String pkg = null;
        for (String line : Files.readAllLines(ARCHITECTURE)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Public API");
                continue;
            }
            Matcher p = PACKAGE.matcher(line);
            if (inSection && p.find()) {
                pkg = p.group(1);
                continue;
            }
            Matcher t = TYPE.matcher(line);
            if (inSection && pkg != null && t.find()) {
                types.add(pkg + "." + t.group(1));
            }
        }
        assertThat(types).as("types listed under ## Public API in " + ARCHITECTURE).isNotEmpty();
        return types;
    }

    /** Every public top-level type of dovetail-core outside {@code org.dovetail.internal}. */
    private static TreeSet<String> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Dovetail.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .filter(n -> !n.startsWith("org.dovetail.internal."))
                    .forEach(names::add);
        }
        TreeSet<String> types = new TreeSet<>();
        for (String name : names) {
            if (Modifier.isPublic(Class.forName(name, false, PublicApiTest.class.getClassLoader()).getModifiers())) {
                types.add(name);
            }
        }
        return types;
    }
}
