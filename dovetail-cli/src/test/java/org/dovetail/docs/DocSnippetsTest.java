package org.dovetail.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the current API.
 *
 * <p>How a block is compiled (see {@link SnippetCompiler} and {@link MarkdownSnippets}): a block
 * that is a type declaration, or declares a {@code @Test}, is a compilation unit of its own; any
 * other block is the body of a method. The block may use, without declaring them, the
 * variables named on a hidden line right before it, {@code <!-- snippet-context: Dovetail dj,
 * Schema lab -->}, which become the method's parameters. Every block imports the public API
 * packages ({@link SnippetCompiler#IMPORTS}). A block that is deliberately not compilable says
 * so on the line before it, {@code <!-- snippet-fragment: why -->}; it is counted, not compiled.
 */
class DocSnippetsTest {
    @TempDir
    Path classes;

    /** The repository root: the parent of this module's directory. */
    static Path repositoryRoot() {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
        assertThat(root.resolve("README.md")).as("README.md above the module directory").isRegularFile();
        return root;
    }

    @Test
    void everyJavaBlockOfTheReadmeAndTheDocsCompiles() {
        Path root = repositoryRoot();
        List<DocSnippet> snippets = new ArrayList<>();
        Map<String, String> counts = new LinkedHashMap<>();
        for (String file : MarkdownSnippets.documentationFiles(root)) {
            List<DocSnippet> found = MarkdownSnippets.read(root, file);
            long fragments = found.stream().filter(DocSnippet::isFragment).count();
            if (!found.isEmpty()) {
                counts.put(file, (found.size() - fragments) + " compiled" + (fragments > 0 ? ", " + fragments + " fragments" : ""));
            }
            snippets.addAll(found);
        }

        SnippetCompiler.Result result = SnippetCompiler.compile(snippets, classes);

        System.out.println("Java blocks of the docs: " + result.compiled() + " compiled " + counts);
        assertThat(result.errors()).as("javac on the docs' Java blocks").isEmpty();
        assertThat(counts).containsKeys("README.md", "docs/guide-data.md", "docs/guide-tables.md", "docs/testkit.md");
        assertThat(result.compiled()).isEqualTo(snippets.stream().filter(s -> !s.isFragment()).count());
    }

    @Test
    void aRemovedMethodFailsWithTheFileTheLineAndTheCompilersMessage() {
        List<DocSnippet> snippets = MarkdownSnippets.parse("docs/old.md", """
                # Old API

                <!-- snippet-context: Dovetail dj -->
                ```java
                Schema lab = dj.schema("lab");
                Table subject = Table.of(lab, "Subject");
                ```
                """);

        SnippetCompiler.Result result = SnippetCompiler.compile(snippets, classes);

        assertThat(result.compiled()).isOne();
        assertThat(result.errors()).singleElement().asString()
                .startsWith("docs/old.md:6: ")
                .contains("cannot find symbol", "method of(org.dovetail.schema.Schema,java.lang.String)")
                .endsWith("Table subject = Table.of(lab, \"Subject\");");
    }

    @Test
    void aVariableNotNamedInTheContextIsAnError() {
        String block = """
                ```java
                long n = subject.count();
                ```
                """;
        List<DocSnippet> bare = MarkdownSnippets.parse("a.md", block);
        List<DocSnippet> declared = MarkdownSnippets.parse("b.md", "<!-- snippet-context: Table subject -->\n" + block);

        assertThat(SnippetCompiler.compile(bare, classes).errors()).singleElement().asString()
                .startsWith("a.md:2: ").contains("subject");
        assertThat(SnippetCompiler.compile(declared, classes).errors()).isEmpty();
    }

    @Test
    void aSyntaxErrorInOneBlockHidesNoErrorOfAnother() {
        List<DocSnippet> snippets = MarkdownSnippets.parse("s.md", """
                ```java
                System.out.println(;
                ```

                ```java
                Schema lab = Schema.open("lab");
                ```
                """);

        List<String> errors = SnippetCompiler.compile(snippets, classes).errors();

        assertThat(errors).hasSize(2);
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("s.md:2: ").contains("illegal start of expression"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("s.md:6: ").contains("Schema.open(\"lab\")"));
    }

    @Test
    void typeDeclarationsAndTestsAreUnitsOtherBlocksAreMethodBodies() throws Exception {
        List<DocSnippet> snippets = MarkdownSnippets.parse("types.md", """
                ```java
                import java.sql.SQLException;

                @DovetailTest
                class SomeIT {
                    void check(TestDatabase db) throws SQLException {
                        db.connect().close();
                    }
                }
                ```

                <!-- snippet-context: Schema lab -->
                ```java
                @Definition(tier = Tier.LOOKUP)
                class Probe {
                    static final String DEFINITION = "probe : varchar(8)";
                }

                lab.declare(Probe.class);
                ```
                """);

        assertThat(snippets).extracting(DocSnippet::isCompilationUnit).containsExactly(true, false);
        assertThat(SnippetCompiler.compile(snippets, classes).errors()).isEmpty();
        assertThat(classes.resolve("snippet/types/l2/SomeIT.class")).isRegularFile();
        assertThat(classes.resolve("snippet/types/l14/Snippet.class")).isRegularFile();
    }

    @Test
    void fragmentsAreCountedNotCompiled() {
        List<DocSnippet> snippets = MarkdownSnippets.parse("f.md", """
                <!-- snippet-fragment: shows the shape of a call, not a statement -->
                ```java
                subject.restrict(...)
                ```
                """);

        assertThat(snippets).singleElement().extracting(DocSnippet::fragmentReason)
                .isEqualTo("shows the shape of a call, not a statement");
        assertThat(SnippetCompiler.compile(snippets, classes).compiled()).isZero();
    }

    @Test
    void misplacedOrUnknownMarkersAndOtherJavaFencesAreErrors() {
        assertThatThrownBy(() -> MarkdownSnippets.parse("m.md", "<!-- snippet-context: Table t -->\n\n```java\nt.count();\n```\n"))
                .hasMessageStartingWith("m.md:1: ").hasMessageContaining("right before");
        assertThatThrownBy(() -> MarkdownSnippets.parse("m.md", "<!-- snippet-skip: later -->\n```java\nx();\n```\n"))
                .hasMessageStartingWith("m.md:1: ").hasMessageContaining("unknown marker");
        assertThatThrownBy(() -> MarkdownSnippets.parse("m.md", "<!-- snippet-fragment: -->\n```java\nx(\n```\n"))
                .hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> MarkdownSnippets.parse("m.md", "text\n```java fragment\nx(\n```\n"))
                .hasMessageStartingWith("m.md:2: ").hasMessageContaining("snippet-fragment");
        assertThatThrownBy(() -> MarkdownSnippets.parse("m.md", "```java\nx();\n"))
                .hasMessageStartingWith("m.md:1: ").hasMessageContaining("never closed");
    }
}
