package org.dovetail.blob;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8, as Python's {@code bytes.decode()} and {@code str.encode()} are strict. */
final class Utf8 {
    private Utf8() {
    }

    /** Decodes, rejecting malformed input (Python would raise UnicodeDecodeError). */
    static String decode(byte[] bytes, int off, int len, long offsetForErrors) {
        for (int i = off; i < off + len; i++) {
            if (bytes[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, off, len)).toString();
                } catch (CharacterCodingException e) {
                    throw new BlobFormatException("text is not valid UTF-8", offsetForErrors, e);
                }
            }
        }
        return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Encodes, rejecting unpaired surrogates (Python strings cannot hold them when encoded). */
    static byte[] encode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                try {
                    ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
                    byte[] out = new byte[bytes.remaining()];
                    bytes.get(out);
                    return out;
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException("string holds an unpaired surrogate at index " + i, e);
                }
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
