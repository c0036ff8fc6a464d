package org.dovetail.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of the server's error log, for error messages. */
final class LogTail {
    private static final int LINES = 15;

    private LogTail() {}

    static String of(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no error log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
        } catch (IOException e) {
            return "(error log unreadable: " + e.getMessage() + ")";
        }
    }
}
