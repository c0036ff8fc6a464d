package org.dovetail.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the {@code ```java} blocks of Markdown text, with what the line right before each says
 * about it:
 *
 * <ul>
 *   <li>{@code <!-- snippet-context: Dovetail dj, Schema lab -->}: the block is the body of a
 *       method with these parameters (a Java parameter list, copied as it is), so it may use
 *       {@code dj} and {@code lab} without declaring them;</li>
 *   <li>{@code <!-- snippet-fragment: why -->}: the block is deliberately not compilable Java and
 *       is counted, not compiled.</li>
 * </ul>
 *
 * <p>Such a line anywhere else (not right before a {@code ```java} line), an unknown
 * {@code snippet-} comment, a {@code ```java} fence with more words after {@code java} and an
 * unterminated block are errors: nothing is skipped silently. HTML comments are hidden when
 * Markdown is rendered, so the docs read as before.
 */
final class MarkdownSnippets {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet-([a-z]+):\\s*(.*?)\\s*-->");
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.*)");

    private MarkdownSnippets() {
    }

    /** The documentation files with Java examples: README.md and docs/*.md, relative to {@code root}, sorted. */
    static List<String> documentationFiles(Path root) {
        List<String> files = new ArrayList<>();
        files.add("README.md");
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.map(p -> "docs/" + p.getFileName())
                    .filter(name -> name.endsWith(".md"))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The Java blocks of the file {@code relativeFile} under {@code root}. */
    static List<DocSnippet> read(Path root, String relativeFile) {
        try {
            return parse(relativeFile, Files.readString(root.resolve(relativeFile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Java blocks of {@code markdown}, reported as coming from {@code file}.
     *
     * @throws IllegalArgumentException naming the file and line of a misplaced or unknown marker,
     *         a {@code ```java} fence with extra words, or a block that is never closed
     */
    static List<DocSnippet> parse(String file, String markdown) {
        List<DocSnippet> snippets = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String section = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Matcher heading = HEADING.matcher(line);
            Matcher marker = MARKER.matcher(line);
            if (line.startsWith("```")) {
                int close = closingFence(file, lines, i);
                String info = line.substring(3).strip();
                if (info.equals("java")) {
                    snippets.add(snippet(file, lines, i, close, section));
                } else if (info.startsWith("java")) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": write ```java, and mark a block that is not"
                            + " compilable Java with <!-- snippet-fragment: why --> on the line before it");
                }
                i = close;
            } else if (marker.find()) {
                checkMarker(file, lines, i, marker);
            } else if (heading.matches()) {
                section = heading.group(1);
            }
        }
        return snippets;
    }

    private static DocSnippet snippet(String file, String[] lines, int open, int close, String section) {
        String code = String.join("\n", List.of(lines).subList(open + 1, close));
        String parameters = "";
        String fragmentReason = null;
        Matcher marker = open > 0 ? MARKER.matcher(lines[open - 1].strip()) : null;
        if (marker != null && marker.matches()) {
            if (marker.group(1).equals("context")) {
                parameters = marker.group(2);
            } else {
                fragmentReason = marker.group(2);
            }
        }
        return new DocSnippet(file, open + 2, section, code, parameters, fragmentReason);
    }

    private static void checkMarker(String file, String[] lines, int i, Matcher marker) {
        String where = file + ":" + (i + 1) + ": ";
        String kind = marker.group(1);
        if (!kind.equals("context") && !kind.equals("fragment")) {
            throw new IllegalArgumentException(where + "unknown marker snippet-" + kind + " (snippet-context or snippet-fragment)");
        }
        if (!marker.matches()) {
            throw new IllegalArgumentException(where + "a snippet marker must be the whole line");
        }
        if (marker.group(2).isEmpty()) {
            throw new IllegalArgumentException(where + "snippet-" + kind + " needs "
                    + (kind.equals("context") ? "a parameter list" : "a reason"));
        }
        if (i + 1 >= lines.length || !lines[i + 1].strip().equals("```java")) {
            throw new IllegalArgumentException(where + "a snippet marker must stand on the line right before a ```java block");
        }
    }

    private static int closingFence(String file, String[] lines, int open) {
        for (int i = open + 1; i < lines.length; i++) {
            if (lines[i].strip().equals("```")) {
                return i;
            }
        }
        throw new IllegalArgumentException(file + ":" + (open + 1) + ": code block is never closed");
    }
}
