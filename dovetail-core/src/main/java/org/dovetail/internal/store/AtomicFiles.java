package org.dovetail.internal.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Files that appear complete or not at all: written to {@code <name>.saving.<random>} beside the
 * target and renamed into place. A failed write removes its temporary file; a killed process
 * leaves one, which {@link org.dovetail.store.StoreVerifier} reports as an incomplete upload.
 */
public final class AtomicFiles {
    /** Marks temporary files (also recognised by {@link org.dovetail.store.StoreVerifier}). */
    public static final String TEMP_MARKER = ".saving.";

    private AtomicFiles() {}

    /** What writes the file's contents. */
    public interface Contents {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Contents contents) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(target.getFileName() + TEMP_MARKER + UUID.randomUUID().toString().substring(0, 8));
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                contents.writeTo(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
