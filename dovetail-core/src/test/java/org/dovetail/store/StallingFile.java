package org.dovetail.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real file seen through a path whose second reading stops for good: the first stream opened
 * on it (an attachment's hash) reads it all; the next one (the copy into the store) delivers
 * {@code bytes} bytes, then announces it through {@code reached} and waits forever, so that the
 * process can be killed in the middle of the copy. Everything else (attributes, access) is the
 * real file's.
 */
final class StallingFile {
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private StallingFile() {}

    static Path of(Path real, long bytes, Runnable reached) {
        Path absolute = real.toAbsolutePath();
        Provider provider = new Provider(absolute, bytes, reached);
        OneFileSystem files = new OneFileSystem(absolute.getFileSystem(), provider);
        provider.path = (Path) Proxy.newProxyInstance(StallingFile.class.getClassLoader(), new Class<?>[] {Path.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getFileSystem")) {
                        return files;
                    }
                    if (method.getName().equals("equals")) {
                        return args[0] == proxy;
                    }
                    try {
                        return method.invoke(absolute, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return provider.path;
    }

    /** Delivers {@code limit} bytes, then stalls on the next read. */
    private static final class Stalling extends FilterInputStream {
        private final long limit;
        private final Runnable reached;
        private long delivered;

        Stalling(InputStream in, long limit, Runnable reached) {
            super(in);
            this.limit = limit;
            this.reached = reached;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (delivered >= limit) {
                reached.run();
                try {
                    NEVER.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stalled read interrupted");
                }
            }
            int n = super.read(b, off, (int) Math.min(len, limit - delivered));
            if (n > 0) {
                delivered += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("skip");
        }
    }

    /** The one file's provider: streams after the first stall; every other operation is the real file's. */
    private static final class Provider extends FileSystemProvider {
        private final Path real;
        private final long bytes;
        private final Runnable reached;
        private final AtomicInteger opened = new AtomicInteger();
        private Path path;

        Provider(Path real, long bytes, Runnable reached) {
            this.real = real;
            this.bytes = bytes;
            this.reached = reached;
        }

        private Path real(Path p) {
            if (p != path) {
                throw new UnsupportedOperationException("only " + real + " is served here, not " + p);
            }
            return real;
        }

        private FileSystemProvider provider() {
            return real.getFileSystem().provider();
        }

        @Override
        public InputStream newInputStream(Path p, OpenOption... options) throws IOException {
            InputStream in = provider().newInputStream(real(p), options);
            return opened.getAndIncrement() == 0 ? in : new Stalling(in, bytes, reached);
        }

        @Override
        public SeekableByteChannel newByteChannel(Path p, Set<? extends OpenOption> options, FileAttribute<?>... attrs) {
            throw new UnsupportedOperationException("channels on " + real);
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path p, Class<A> type, LinkOption... options) throws IOException {
            return provider().readAttributes(real(p), type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path p, String attributes, LinkOption... options) throws IOException {
            return provider().readAttributes(real(p), attributes, options);
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path p, Class<V> type, LinkOption... options) {
            return provider().getFileAttributeView(real(p), type, options);
        }

        @Override
        public void checkAccess(Path p, AccessMode... modes) throws IOException {
            provider().checkAccess(real(p), modes);
        }

        @Override
        public boolean isSameFile(Path a, Path b) throws IOException {
            return a == b || (a == path && b == path);
        }

        @Override
        public boolean isHidden(Path p) throws IOException {
            return provider().isHidden(real(p));
        }

        @Override
        public FileStore getFileStore(Path p) throws IOException {
            return provider().getFileStore(real(p));
        }

        @Override
        public String getScheme() {
            return "stalling";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path getPath(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Path p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setAttribute(Path p, String attribute, Object value, LinkOption... options) {
            throw new UnsupportedOperationException();
        }
    }

    /** The file system the path claims to belong to: the real one, but for its provider. */
    private static final class OneFileSystem extends FileSystem {
        private final FileSystem real;
        private final Provider provider;

        OneFileSystem(FileSystem real, Provider provider) {
            this.real = real;
            this.provider = provider;
        }

        @Override
        public FileSystemProvider provider() {
            return provider;
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean isReadOnly() {
            return true;
        }

        @Override
        public String getSeparator() {
            return real.getSeparator();
        }

        @Override
        public Iterable<Path> getRootDirectories() {
            return real.getRootDirectories();
        }

        @Override
        public Iterable<FileStore> getFileStores() {
            return real.getFileStores();
        }

        @Override
        public Set<String> supportedFileAttributeViews() {
            return real.supportedFileAttributeViews();
        }

        @Override
        public Path getPath(String first, String... more) {
            return real.getPath(first, more);
        }

        @Override
        public PathMatcher getPathMatcher(String syntaxAndPattern) {
            return real.getPathMatcher(syntaxAndPattern);
        }

        @Override
        public UserPrincipalLookupService getUserPrincipalLookupService() {
            return real.getUserPrincipalLookupService();
        }

        @Override
        public WatchService newWatchService() {
            throw new UnsupportedOperationException();
        }
    }
}
