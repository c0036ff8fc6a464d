package org.dovetail.hash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.internal.hash.Digests;

/**
 * DataJoint's content hash ({@code uuid_from_buffer}, {@code uuid_from_file},
 * {@code uuid_from_stream}): the MD5 digest of the UTF-8 {@code initString} followed by the data,
 * read as a UUID whose 16 bytes are the digest bytes in order.
 *
 * <p>The UUID carries no RFC 4122 version or variant bits, so {@link UUID#nameUUIDFromBytes} (which
 * sets them) gives a different value. What DataJoint hashes:
 * <ul>
 * <li>{@code blob@store}: the stored (packed) blob bytes, {@code initString = ""};</li>
 * <li>{@code attach@store}: the file contents with {@code initString = fileName + "\0"};</li>
 * <li>{@code filepath@store} key: no data, {@code initString} = the relative POSIX path;</li>
 * <li>{@code filepath@store} {@code contents_hash}: the file contents, {@code initString = ""}.</li>
 * </ul>
 *
 * <p>Use {@link UuidBytes} for the 16 database bytes and the 32-hex object name.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /**
     * Hashes bytes held in memory.
     *
     * <pre>{@code
     * ContentHash.uuidFromBuffer("abc".getBytes(UTF_8), "");
     * // 90015098-3cd2-4fb0-d696-3f7d28e17f72
     * }</pre>
     *
     * @param data the bytes to hash
     * @param initString text hashed (as UTF-8) before the data; {@code ""} for none
     * @return the digest as a UUID
     */
    public static UUID uuidFromBuffer(byte[] data, String initString) {
        Objects.requireNonNull(data, "data");
        MessageDigest md5 = start(initString);
        md5.update(data);
        return finish(md5);
    }

    /**
     * Hashes a file, streaming it without loading it into memory.
     *
     * <pre>{@code
     * UUID key = ContentHash.uuidFromFile(Path.of("att.txt"), "att.txt\0");
     * }</pre>
     *
     * @param file the file to hash
     * @param initString text hashed (as UTF-8) before the contents; {@code ""} for none
     * @return the digest as a UUID
     * @throws DovetailException if the file cannot be read; the message names the file
     */
    public static UUID uuidFromFile(Path file, String initString) {
        MessageDigest md5 = start(initString);
        try (InputStream contents = Files.newInputStream(file)) {
            Digests.update(md5, contents);
        } catch (IOException e) {
            throw new DovetailException(ErrorCode.IO, "Cannot read " + file + " to hash it", e);
        }
        return finish(md5);
    }

    /**
     * Hashes everything left in a stream, reading it in chunks. The stream is left open.
     *
     * <pre>{@code
     * try (InputStream in = store.open(path)) {
     *     UUID contentsHash = ContentHash.uuidFromStream(in, "");
     * }
     * }</pre>
     *
     * @param data the stream, read to its end
     * @param initString text hashed (as UTF-8) before the data; {@code ""} for none
     * @return the digest as a UUID
     * @throws DovetailException if reading the stream fails
     */
    public static UUID uuidFromStream(InputStream data, String initString) {
        Objects.requireNonNull(data, "data");
        MessageDigest md5 = start(initString);
        try {
            Digests.update(md5, data);
        } catch (IOException e) {
            throw new DovetailException(ErrorCode.IO, "Cannot read the stream to hash it", e);
        }
        return finish(md5);
    }

    private static MessageDigest start(String initString) {
        Objects.requireNonNull(initString, "initString (use \"\" for none)");
        MessageDigest md5 = Digests.md5();
        md5.update(Digests.utf8(initString));
        return md5;
    }

    private static UUID finish(MessageDigest md5) {
        ByteBuffer digest = ByteBuffer.wrap(md5.digest());
        return new UUID(digest.getLong(), digest.getLong());
    }
}
