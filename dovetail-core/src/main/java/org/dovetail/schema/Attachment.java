package org.dovetail.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file stored in an {@code attach} attribute: its name and its contents. Insert accepts an
 * {@code Attachment} or a {@link Path} to a file; fetch returns an {@code Attachment}.
 *
 * <pre>{@code
 * table.insert1(Map.of("doc_id", 1, "report", Path.of("report.pdf")));
 * Attachment a = (Attachment) (table.restrict(Map.of("doc_id", 1)).fetch1("report").get("report"));
 * Path saved = a.saveTo(Path.of("downloads"));
 * }</pre>
 *
 * @param filename the file's name (no directory)
 * @param contents the file's bytes
 */
public record Attachment(String filename, byte[] contents) {
    public Attachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contents, "contents");
    }

    /** The attachment of a file on disk, named after it. */
    public static Attachment of(Path file) {
        try {
            return new Attachment(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the attachment " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the contents to {@code directory/filename} (replacing a file of that name) and returns the path. */
    public Path saveTo(Path directory) {
        try {
            Files.createDirectories(directory);
            return Files.write(directory.resolve(filename), contents);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the attachment " + filename + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment a && a.filename.equals(filename) && Arrays.equals(a.contents, contents);
    }

    @Override
    public int hashCode() {
        return filename.hashCode() * 31 + Arrays.hashCode(contents);
    }

    @Override
    public String toString() {
        return "Attachment[" + filename + ", " + contents.length + " bytes]";
    }
}
