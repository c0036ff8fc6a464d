package org.dovetail.blob;

import java.util.Arrays;

/** The outer framing of a stored blob: the ZL123 compression marker and the protocol tags. */
final class Envelope {
    static final byte[] ZL123 = {'Z', 'L', '1', '2', '3', 0};
    static final byte[] MYM = {'m', 'Y', 'm', 0};
    static final byte[] DJ0 = {'d', 'j', '0', 0};

    private Envelope() {
    }

    static boolean isCompressed(byte[] blob) {
        return startsWith(blob, ZL123);
    }

    static boolean isProtocolTag(byte[] tag) {
        return Arrays.equals(tag, MYM) || Arrays.equals(tag, DJ0);
    }

    private static boolean startsWith(byte[] blob, byte[] prefix) {
        return blob.length >= prefix.length && Arrays.equals(blob, 0, prefix.length, prefix, 0, prefix.length);
    }
}
