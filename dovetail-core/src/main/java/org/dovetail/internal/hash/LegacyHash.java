package org.dovetail.internal.hash;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidValueException;

/**
 * The object hash of DataJoint-Python 0.11 external storage, needed to read and verify legacy
 * objects when migrating them to the 0.12+ layout.
 *
 * <p>The hash is the URL-safe base64 text (alphabet {@code A-Z a-z 0-9 - _}) of the SHA-256 of the
 * packed blob, cut to 43 characters (dropping the {@code =} pad), followed by the store's suffix:
 * the store name after {@code external-}, nothing for the store {@code external}. It is both the
 * {@code char(51)} key of {@code ~external} and the object's file name.
 */
public final class LegacyHash {
    private static final String DEFAULT_STORE = "external";
    private static final String STORE_PREFIX = DEFAULT_STORE + "-";
    private static final int DIGEST_LENGTH = 43;
    /** {@code char(51)} minus the 43-character digest. */
    private static final int MAX_SUFFIX_LENGTH = 8;

    private LegacyHash() {
    }

    /**
     * Hashes a packed 0.11 blob for the given store.
     *
     * <pre>{@code
     * LegacyHash.legacyHash(blob, "external");      // "UAYqBIqblyKS5rPUPc1NflHQc7jizNsYzMjxm3NOy44"
     * LegacyHash.legacyHash(blob, "external-raw");  // "UAYqBIqblyKS5rPUPc1NflHQc7jizNsYzMjxm3NOy44raw"
     * }</pre>
     *
     * @param blob the stored bytes (the 0.11 {@code pack()} output, compressed or not)
     * @param store {@code external} or {@code external-<name>}
     * @return the 43-character digest plus the store suffix
     * @throws DovetailException if {@code store} is not a 0.11 store name
     */
    public static String legacyHash(byte[] blob, String store) {
        Objects.requireNonNull(blob, "blob");
        String suffix = suffixOf(store);
        MessageDigest sha256 = Digests.sha256();
        sha256.update(blob);
        return text(sha256) + suffix;
    }

    /**
     * Hashes a stored 0.11 object read from a stream, without holding it in memory. The stream is
     * read to its end and left open.
     *
     * <pre>{@code
     * try (InputStream in = Files.newInputStream(location.resolve(schema).resolve(hash))) {
     *     boolean intact = LegacyHash.legacyHash(in, LegacyHash.storeOf(hash)).equals(hash);
     * }
     * }</pre>
     *
     * @param blob the stored bytes
     * @param store {@code external} or {@code external-<name>}
     * @return the 43-character digest plus the store suffix
     * @throws DovetailException if {@code store} is not a 0.11 store name or reading fails
     */
    public static String legacyHash(InputStream blob, String store) {
        Objects.requireNonNull(blob, "blob");
        String suffix = suffixOf(store);
        MessageDigest sha256 = Digests.sha256();
        try {
            Digests.update(sha256, blob);
        } catch (IOException e) {
            throw new DovetailException(ErrorCode.IO, "Cannot read the legacy object to hash it", e);
        }
        return text(sha256) + suffix;
    }

    /**
     * The 0.11 store a legacy hash belongs to, from its suffix.
     *
     * <pre>{@code
     * LegacyHash.storeOf("UAYqBIqblyKS5rPUPc1NflHQc7jizNsYzMjxm3NOy44raw");  // "external-raw"
     * }</pre>
     *
     * @param legacyHash a hash as stored in {@code ~external}
     * @return {@code external} or {@code external-<suffix>}
     * @throws DovetailException if the text is too short or too long to be a legacy hash
     */
    public static String storeOf(String legacyHash) {
        int length = legacyHash.length();
        if (length < DIGEST_LENGTH || length > DIGEST_LENGTH + MAX_SUFFIX_LENGTH) {
            throw new InvalidValueException("A DataJoint 0.11 hash has 43 to 51 characters: " + legacyHash);
        }
        String suffix = legacyHash.substring(DIGEST_LENGTH);
        return suffix.isEmpty() ? DEFAULT_STORE : STORE_PREFIX + suffix;
    }

    private static String suffixOf(String store) {
        if (store.equals(DEFAULT_STORE)) {
            return "";
        }
        String suffix = store.startsWith(STORE_PREFIX) ? store.substring(STORE_PREFIX.length()) : "";
        if (suffix.isEmpty() || suffix.length() > MAX_SUFFIX_LENGTH) {
            throw new InvalidValueException("Not a DataJoint 0.11 store name: `" + store
                    + "` (expected `external` or `external-<name>` with a name of 1 to 8 characters)");
        }
        return suffix;
    }

    private static String text(MessageDigest sha256) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }
}
