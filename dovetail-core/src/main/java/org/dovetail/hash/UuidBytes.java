package org.dovetail.hash;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.dovetail.InvalidValueException;

/**
 * The forms of a DataJoint content UUID outside Java: the 16 bytes MySQL stores in
 * {@code binary(16)} and the 32-hex-digit name of the stored object.
 *
 * <p>Both read the UUID big-endian, most significant byte first, as Python's
 * {@code uuid.UUID.bytes} and {@code .hex} do.
 */
public final class UuidBytes {
    private static final int LENGTH = 16;

    private UuidBytes() {
    }

    /**
     * The 16 bytes stored in a {@code uuid} / external-hash column.
     *
     * <pre>{@code
     * UuidBytes.toBytes(UUID.fromString("d41d8cd9-8f00-b204-e980-0998ecf8427e"));
     * // d4 1d 8c d9 8f 00 b2 04 e9 80 09 98 ec f8 42 7e
     * }</pre>
     *
     * @param uuid the UUID
     * @return a new 16-byte array
     */
    public static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(LENGTH)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    /**
     * The UUID stored as {@code bytes} in a {@code binary(16)} column.
     *
     * <pre>{@code
     * UUID id = UuidBytes.fromBytes(resultSet.getBytes("hash"));
     * }</pre>
     *
     * @param bytes exactly 16 bytes
     * @return the UUID
     * @throws DovetailException if {@code bytes} is not 16 bytes long
     */
    public static UUID fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new InvalidValueException("A UUID is 16 bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /**
     * The 32 lowercase hex digits without hyphens: the file name of an external object.
     *
     * <pre>{@code
     * UuidBytes.toHex(uuid);   // "7c86ec03cff623dddc703a11559e8310"
     * }</pre>
     *
     * @param uuid the UUID
     * @return 32 lowercase hex digits
     */
    public static String toHex(UUID uuid) {
        return HexFormat.of().formatHex(toBytes(uuid));
    }
}
