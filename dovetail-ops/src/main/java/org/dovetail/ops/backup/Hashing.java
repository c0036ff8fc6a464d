package org.dovetail.ops.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and byte counts of what streams through. */
final class Hashing {
    private Hashing() {}

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    static MessageDigest md5() {
        return digest("MD5");
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Hashes and counts what is written through it; closing it closes the target. */
    static final class Out extends FilterOutputStream {
        final MessageDigest sha = sha256();
        long bytes;

        Out(OutputStream target) {
            super(target);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            bytes += len;
        }

        String hex() {
            return Hashing.hex(sha.digest());
        }
    }

    /** Hashes (SHA-256, and optionally a second digest) and counts what is read through it. */
    static final class In extends FilterInputStream {
        final MessageDigest sha;
        final MessageDigest second;
        long bytes;

        In(InputStream source, MessageDigest second) {
            this(source, true, second);
        }

        private In(InputStream source, boolean sha256, MessageDigest second) {
            super(source);
            this.sha = sha256 ? sha256() : null;
            this.second = second;
        }

        /** Counts what is read through it, without hashing: {@link #drain()} returns null. */
        static In countingOnly(InputStream source) {
            return new In(source, false, null);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                if (sha != null) {
                    sha.update((byte) b);
                }
                if (second != null) {
                    second.update((byte) b);
                }
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                if (sha != null) {
                    sha.update(b, off, n);
                }
                if (second != null) {
                    second.update(b, off, n);
                }
                bytes += n;
            }
            return n;
        }

        /** Reads what is left and returns the SHA-256 of everything read (null when counting only). */
        String drain() throws IOException {
            byte[] buf = new byte[1 << 16];
            while (read(buf, 0, buf.length) >= 0) {
                // hashing as it reads
            }
            return sha == null ? null : Hashing.hex(sha.digest());
        }
    }
}
