package org.dovetail.internal.hash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.dovetail.InvalidValueException;

/** Message digests fed the way Python's {@code hashlib} is fed by DataJoint. */
public final class Digests {
    /**
     * Read size for streams. MD5 runs at about 1 GB/s, so larger reads gain nothing (see
     * docs/performance-hash.md), while a bigger buffer would be allocated for every small
     * attachment hashed.
     */
    public static final int CHUNK_SIZE = 64 * 1024;

    private Digests() {
    }

    public static MessageDigest md5() {
        return named("MD5");
    }

    public static MessageDigest sha256() {
        return named("SHA-256");
    }

    /** Feeds the whole stream to {@code digest}, one chunk at a time; does not close the stream. */
    public static void update(MessageDigest digest, InputStream data) throws IOException {
        byte[] chunk = new byte[CHUNK_SIZE];
        for (int n = data.read(chunk); n >= 0; n = data.read(chunk)) {
            digest.update(chunk, 0, n);
        }
    }

    /**
     * UTF-8 bytes of {@code text}, failing on an unpaired surrogate as Python's {@code str.encode()}
     * does (Java would silently write {@code ?} and hash something no Python process can).
     */
    public static byte[] utf8(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new InvalidValueException("Text with an unpaired surrogate has no UTF-8 form: " + text, e);
        }
    }

    private static MessageDigest named(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides " + algorithm, e);
        }
    }
}
