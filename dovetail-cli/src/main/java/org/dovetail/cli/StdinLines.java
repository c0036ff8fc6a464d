package org.dovetail.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.dovetail.ConnectionException;

/**
 * Reads lines from standard input one byte at a time, never past the line's end, so that two
 * options can each take a line ({@code --password-stdin} the current password,
 * {@code --new-password-stdin} the next one).
 */
final class StdinLines {
    private StdinLines() {}

    /** The next line without its line break; {@code option} names the option in errors. */
    static synchronized String next(InputStream in, String option) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b = in.read();
            if (b < 0) {
                throw new ConnectionException(option + ": standard input has no line for it");
            }
            while (b >= 0 && b != '\n') {
                line.write(b);
                b = in.read();
            }
        } catch (IOException e) {
            throw new ConnectionException(option + ": could not read standard input: " + e.getMessage(), e);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
