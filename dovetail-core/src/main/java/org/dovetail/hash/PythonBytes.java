package org.dovetail.hash;

/**
 * Python's {@code repr(bytes)} (which {@code str(bytes)} equals): {@code b'abc'}, {@code b"it's"},
 * {@code b'\x00\xff'}.
 *
 * <p>The quote is {@code '} unless the data contains {@code '} and no {@code "}. Backslash and the
 * chosen quote are escaped, tab/newline/carriage return print as {@code \t \n \r}, other bytes
 * outside printable ASCII as lowercase {@code \xhh}.
 */
final class PythonBytes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonBytes() {
    }

    static String repr(byte[] data) {
        char quote = contains(data, '\'') && !contains(data, '"') ? '"' : '\'';
        StringBuilder text = new StringBuilder(data.length + 3).append('b').append(quote);
        for (byte b : data) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                text.append('\\').append((char) c);
            } else if (c == '\t') {
                text.append("\\t");
            } else if (c == '\n') {
                text.append("\\n");
            } else if (c == '\r') {
                text.append("\\r");
            } else if (c < ' ' || c >= 0x7f) {
                text.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                text.append((char) c);
            }
        }
        return text.append(quote).toString();
    }

    private static boolean contains(byte[] data, char c) {
        for (byte b : data) {
            if (b == c) {
                return true;
            }
        }
        return false;
    }
}
