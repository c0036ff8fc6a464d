package org.dovetail.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.config.StoreSpec;
import org.dovetail.spi.ObjectInfo;
import org.dovetail.spi.ObjectStore;

/**
 * A {@code file} store: objects are files under the configured {@code location} directory.
 * Writes go to a temporary file beside the target that is renamed into place, so a reader never
 * sees a partial object and a killed writer leaves only a {@code .saving.*} file behind.
 */
final class FileStore implements ObjectStore {
    private final StoreSpec spec;
    private final Path root;

    FileStore(StoreSpec spec) {
        this.spec = spec;
        this.root = Path.of(spec.location());
        if (!Files.isDirectory(root)) {
            throw new StoreException("Store `" + spec.name() + "`: location " + root.toAbsolutePath()
                    + " is not an existing directory (stores." + spec.name() + ".location)");
        }
    }

    @Override
    public StoreSpec spec() {
        return spec;
    }

    /** The file of an object path; a path that would leave the store (a schema named {@code /x} or {@code ../x}) is refused. */
    Path file(String path) {
        if (Path.of(path).isAbsolute()) {
            throw new StoreException("Store `" + spec.name() + "`: refusing an absolute object path: " + path);
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new StoreException("Store `" + spec.name() + "`: refusing object path with `..`: " + path);
            }
        }
        return root.resolve(path);
    }

    @Override
    public String address(String path) {
        return file(path).toAbsolutePath().toString();
    }

    @Override
    public void put(String path, byte[] content, Map<String, String> metadata) {
        Path target = file(path);
        writeAtomically(path, target, out -> out.write(content));
    }

    @Override
    public void put(String path, Path source, Map<String, String> metadata) {
        Path target = file(path);
        try {
            if (Files.exists(target) && Files.isSameFile(source, target)) {
                return; // already in place (e.g. a filepath store whose stage is its location)
            }
        } catch (IOException e) {
            throw failure("check", path, e);
        }
        writeAtomically(path, target, out -> Files.copy(source, out));
    }

    /** Streams into a temporary file beside the target, renamed into place when complete. */
    @Override
    public void write(String path, Map<String, String> metadata, Contents contents) {
        writeAtomically(path, file(path), contents::writeTo);
    }

    private void writeAtomically(String path, Path target, AtomicFiles.Contents contents) {
        try {
            AtomicFiles.write(target, contents);
        } catch (IOException e) {
            throw failure("write", path, e);
        }
    }

    @Override
    public InputStream open(String path) {
        try {
            return Files.newInputStream(file(path));
        } catch (NoSuchFileException e) {
            throw missing(path);
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public byte[] read(String path) {
        try {
            return Files.readAllBytes(file(path));
        } catch (NoSuchFileException e) {
            throw missing(path);
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public void download(String path, Path target) {
        Path source = file(path);
        if (!Files.exists(source)) {
            throw missing(path);
        }
        try {
            if (Files.exists(target) && Files.isSameFile(source, target)) {
                return;
            }
            AtomicFiles.write(target, out -> Files.copy(source, out));
        } catch (IOException e) {
            throw failure("copy to " + target + " from", path, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String path) {
        Path file = file(path);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new ObjectInfo(path, attributes.size(), Map.of(), attributes.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            throw failure("inspect", path, e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            Files.deleteIfExists(file(path));
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    /** Renames the file (atomically where the file system can), creating the target's folders; the modification time stays. */
    @Override
    public void move(String from, String to) {
        Path source = file(from);
        Path target = file(to);
        if (!Files.isRegularFile(source)) {
            throw missing(from);
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw failure("move to " + address(to) + " the object", from, e);
        }
    }

    /** Regular files only: directories are not entries here, so there are no folder markers. */
    @Override
    public void list(String prefix, Consumer<ObjectInfo> objects, Consumer<ObjectInfo> folderMarkers) {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : file(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return;
        }
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String relative = root.relativize(f).toString().replace('\\', '/');
                if (relative.startsWith(prefix)) {
                    try {
                        BasicFileAttributes attributes = Files.readAttributes(f, BasicFileAttributes.class);
                        objects.accept(new ObjectInfo(relative, attributes.size(), Map.of(), attributes.lastModifiedTime().toInstant()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw failure("list", prefix, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
    }

    @Override
    public void listFolders(String prefix, Consumer<String> folders) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("A folder ends in /: " + prefix);
        }
        Path dir = prefix.isEmpty() ? root : file(prefix.substring(0, prefix.length() - 1));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isDirectory).forEach(d -> folders.accept(d.getFileName().toString()));
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
    }

    private MissingExternalFileException missing(String path) {
        return new MissingExternalFileException("Store `" + spec.name() + "`: object " + address(path) + " does not exist");
    }

    @Override
    public void close() {
        // nothing to release
    }
}
