package org.dovetail.docs;

import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown file.
 *
 * @param file the file, relative to the repository root ({@code docs/guide-data.md})
 * @param line the line of the block's first line of code in that file (1-based)
 * @param section the Markdown heading the block stands under, without its {@code #}s ("" before any)
 * @param code the block's text
 * @param parameters the parameter list its code is compiled with ("" if none), from a
 *        {@code <!-- snippet-context: ... -->} line right before the block
 * @param fragmentReason why the block is not compiled, from a {@code <!-- snippet-fragment: ... -->}
 *        line right before it; null for blocks that are compiled
 */
record DocSnippet(String file, int line, String section, String code, String parameters, String fragmentReason) {
    /** A block that starts with a type declaration and ends with its closing brace. */
    private static final Pattern TYPE_START = Pattern.compile(
            "(?s)(import [^;]+;\\s*)*(@\\w+(\\([^)]*\\))?\\s+)*((public|abstract|final)\\s+)*(class|record|interface|enum)\\s.*");

    /** True if the block is not compiled (it says why in {@link #fragmentReason}). */
    boolean isFragment() {
        return fragmentReason != null;
    }

    /**
     * True if the block is compiled as a compilation unit of its own (top-level types, its own
     * imports) rather than as the body of a method: when it declares a JUnit test, or when it
     * is a type declaration from its start to its last closing brace.
     */
    boolean isCompilationUnit() {
        String text = code.strip();
        return text.contains("@Test") || (TYPE_START.matcher(text).matches() && text.endsWith("}"));
    }

    /** {@code file:line}, where the block's code starts. */
    String location() {
        return file + ":" + line;
    }
}
