package org.dovetail.ops.cleanup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A set of object paths kept as 128-bit digests in one open-addressing table: about 32 bytes a
 * path at most, so that the paths of millions of tracking rows fit where their strings would not.
 * Two paths with the same digest (an MD5 collision of two path strings) would count as one; a
 * cleanup only ever errs to the safe side with it (a tracked path protects its twin).
 */
final class PathSet {
    private long[] slots = new long[2 * 1024];
    private int size;
    private final MessageDigest md5;

    PathSet() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a path; true if it was not there. */
    boolean add(String path) {
        long[] d = digest(path);
        if ((size + 1) * 2L > slots.length / 2) {
            grow();
        }
        return insert(slots, d[0], d[1]);
    }

    boolean contains(String path) {
        long[] d = digest(path);
        int mask = slots.length / 2 - 1;
        for (int i = (int) (d[0] ^ (d[0] >>> 32)) & mask; ; i = (i + 1) & mask) {
            long a = slots[2 * i];
            long b = slots[2 * i + 1];
            if (a == 0 && b == 0) {
                return false;
            }
            if (a == d[0] && b == d[1]) {
                return true;
            }
        }
    }

    int size() {
        return size;
    }

    private boolean insert(long[] table, long a, long b) {
        int mask = table.length / 2 - 1;
        for (int i = (int) (a ^ (a >>> 32)) & mask; ; i = (i + 1) & mask) {
            long x = table[2 * i];
            long y = table[2 * i + 1];
            if (x == 0 && y == 0) {
                table[2 * i] = a;
                table[2 * i + 1] = b;
                if (table == slots) {
                    size++;
                }
                return true;
            }
            if (x == a && y == b) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        long[] bigger = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                insert(bigger, old[i], old[i + 1]);
            }
        }
        slots = bigger;
    }

    /** The MD5 of the path as two longs, never both zero (zero marks an empty slot). */
    private long[] digest(String path) {
        byte[] h = md5.digest(path.getBytes(StandardCharsets.UTF_8));
        long a = 0;
        long b = 0;
        for (int i = 0; i < 8; i++) {
            a = (a << 8) | (h[i] & 0xff);
            b = (b << 8) | (h[8 + i] & 0xff);
        }
        return a == 0 && b == 0 ? new long[] {1, 0} : new long[] {a, b};
    }
}
