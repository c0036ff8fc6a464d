package org.dovetail.docs;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles documentation snippets with javac against the test class path. Each snippet becomes
 * a compilation unit of its own package, importing the public API packages below:
 *
 * <ul>
 *   <li>a method body (most snippets) becomes {@code public void run(PARAMETERS) throws Exception}
 *       of {@code public class Snippet}, the parameters from its {@code snippet-context} line;</li>
 *   <li>a compilation unit ({@link DocSnippet#isCompilationUnit()}) is compiled as it is,
 *       with its own imports after the fixed ones.</li>
 * </ul>
 *
 * <p>Errors name the Markdown file and line and carry the compiler's message.
 */
final class SnippetCompiler {
    /** Packages every snippet may use without importing them. */
    static final List<String> IMPORTS = List.of(
            "org.dovetail", "org.dovetail.config", "org.dovetail.schema", "org.dovetail.query", "org.dovetail.blob",
            "org.dovetail.heading", "org.dovetail.graph", "org.dovetail.connection", "org.dovetail.spi",
            "org.dovetail.store", "org.dovetail.populate", "org.dovetail.ops", "org.dovetail.ops.access", "org.dovetail.ops.migrate",
            "org.dovetail.ops.backup", "org.dovetail.ops.cleanup", "org.dovetail.testkit",
            "java.util", "java.util.stream", "java.nio.file", "java.time", "org.junit.jupiter.api");
    /** The imports of every unit, on its first line after the package declaration. */
    private static final String IMPORT_LINE = IMPORTS.stream().map(p -> "import " + p + ".*;").collect(Collectors.joining(" "));

    private SnippetCompiler() {
    }

    /** What javac said about a set of snippets, and how many it compiled. */
    record Result(List<String> errors, int compiled) {
    }

    /**
     * Compiles every snippet that is not a fragment into {@code outputDir}. javac stops before
     * checking types when any unit has a syntax error, so the units are parsed first and those
     * that parse are then compiled together: one broken block hides no error of another.
     *
     * @return the errors, each {@code file:line: message} followed by the line of code
     */
    static Result compile(List<DocSnippet> snippets, Path outputDir) {
        Map<JavaFileObject, DocSnippet> units = new LinkedHashMap<>();
        for (DocSnippet snippet : snippets) {
            if (!snippet.isFragment()) {
                units.put(unit(snippet), snippet);
            }
        }
        List<String> errors = new ArrayList<>();
        List<JavaFileObject> parsing = new ArrayList<>(units.keySet());
        parsing.removeAll(run(units, List.copyOf(units.keySet()), outputDir, false, errors));
        run(units, parsing, outputDir, true, errors);
        return new Result(errors, units.size());
    }

    /** Parses or compiles {@code sources}, adds their errors to {@code errors}; returns the units with errors. */
    private static Set<JavaFileObject> run(Map<JavaFileObject, DocSnippet> units, List<JavaFileObject> sources, Path outputDir,
                                           boolean generate, List<String> errors) {
        if (sources.isEmpty()) {
            return Set.of();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", outputDir.toString(),
                "-proc:none", "-implicit:none", "-encoding", "UTF-8");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, options, null, sources);
            if (generate) {
                task.call();
            } else {
                task.parse();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<JavaFileObject> failed = new HashSet<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                DocSnippet snippet = units.get(d.getSource());
                errors.add(snippet == null ? d.getMessage(Locale.ROOT) : error(snippet, d));
                failed.add(d.getSource());
            }
        }
        return failed;
    }

    /** The package of a snippet's unit: {@code snippet.guide_data.l42}. */
    static String packageOf(DocSnippet snippet) {
        String file = Path.of(snippet.file()).getFileName().toString().replaceFirst("\\.md$", "");
        return "snippet." + file.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + ".l" + snippet.line();
    }

    /** The class a method-body snippet is compiled into. */
    static String classOf(DocSnippet snippet) {
        return packageOf(snippet) + ".Snippet";
    }

    private static JavaFileObject unit(DocSnippet snippet) {
        String head = "package " + packageOf(snippet) + "; " + IMPORT_LINE + "\n";
        String text = snippet.isCompilationUnit()
                ? head + snippet.code() + "\n"
                : head + "public class Snippet { public void run(" + snippet.parameters() + ") throws Exception {\n"
                        + snippet.code() + "\n}}\n";
        URI uri = URI.create("string:///" + packageOf(snippet).replace('.', '/') + "/Snippet.java");
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }

    /** The unit's first lines before the snippet's code: the package line, and the class and method line of a body. */
    private static int linesBefore(DocSnippet snippet) {
        return snippet.isCompilationUnit() ? 1 : 2;
    }

    private static String error(DocSnippet snippet, Diagnostic<? extends JavaFileObject> d) {
        int codeLine = (int) d.getLineNumber() - linesBefore(snippet);
        String[] code = snippet.code().split("\n", -1);
        if (codeLine < 1 || codeLine > code.length) {
            return snippet.location() + " (the block as a whole): " + d.getMessage(Locale.ROOT);
        }
        return snippet.file() + ":" + (snippet.line() + codeLine - 1) + ": " + d.getMessage(Locale.ROOT)
                + "\n    " + code[codeLine - 1].strip();
    }
}
