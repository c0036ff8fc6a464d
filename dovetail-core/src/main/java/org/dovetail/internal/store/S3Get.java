package org.dovetail.internal.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An object's GET, signed with AWS Signature Version 4 and sent through the JDK's HTTP client
 * directly. Reading is what stores mostly do (fetch, migration, verification), and most objects
 * are small, so the request's own cost is most of a read: the S3 SDK spends about 0.25 ms of CPU
 * on each (its handler pipeline, endpoint rules and signer), this about 0.05 ms. Everything else
 * (uploads, listings, deletes) stays with the SDK.
 *
 * <p>Path-style addressing, as {@link S3Store} uses; the payload is empty, so its hash is a
 * constant. Server errors (5xx) and connections that fail before a reply are tried again, as
 * the SDK would.
 */
final class S3Get {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String REGION = "us-east-1";
    private static final String SIGNED_HEADERS = "host;x-amz-content-sha256;x-amz-date";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    private static final int ATTEMPTS = 3;

    private final String origin;
    private final String host;
    private final String bucketPath;
    private final String accessKey;
    private final String secretKey;
    private final Proxy proxy;
    private final Clock clock;
    /** The signing key of one day, derived once per day. */
    private volatile DayKey dayKey;

    private record DayKey(String day, byte[] key) {
    }

    /** What a GET found when it found no object: the HTTP status and S3's error code and message. */
    static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    S3Get(URI endpoint, String bucket, String accessKey, String secretKey, String proxyServer, Clock clock) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("http".equals(endpoint.getScheme()) && port == 80)
                || ("https".equals(endpoint.getScheme()) && port == 443);
        this.host = endpoint.getHost() + (defaultPort ? "" : ":" + port);
        this.origin = endpoint.getScheme() + "://" + host;
        this.bucketPath = "/" + encode(bucket);
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.clock = clock;
        if (proxyServer == null) {
            this.proxy = Proxy.NO_PROXY;
        } else {
            URI p = URI.create(proxyServer.contains("://") ? proxyServer : "http://" + proxyServer);
            this.proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.getHost(), p.getPort() == -1 ? 80 : p.getPort()));
        }
    }

    /**
     * Opens the object with this key for reading; the caller closes the stream.
     *
     * @throws Failure for any reply but 200 (404: no such object)
     */
    InputStream open(String key) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            HttpURLConnection connection = request(key);
            int status;
            try {
                status = connection.getResponseCode();
            } catch (IOException e) {
                connection.disconnect();
                last = e;
                pause(attempt);
                continue;
            }
            if (status == 200) {
                return new Body(connection);
            }
            Failure failure = failure(status, connection);
            if (status < 500) {
                throw failure;
            }
            last = failure;
            pause(attempt);
        }
        throw last;
    }

    /** Reads the whole object with this key. */
    byte[] read(String key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }

    private HttpURLConnection request(String key) throws IOException {
        String path = bucketPath + "/" + encode(key);
        String amzDate = AMZ_DATE.format(clock.instant());
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + REGION + "/s3/aws4_request";
        String canonical = "GET\n" + path + "\n\nhost:" + host + "\nx-amz-content-sha256:" + EMPTY_SHA256
                + "\nx-amz-date:" + amzDate + "\n\n" + SIGNED_HEADERS + "\n" + EMPTY_SHA256;
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(canonical));
        String signature = HEX.formatHex(hmac(signingKey(day), toSign));
        HttpURLConnection connection = (HttpURLConnection) new URL(origin + path).openConnection(proxy);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("x-amz-date", amzDate);
        connection.setRequestProperty("x-amz-content-sha256", EMPTY_SHA256);
        connection.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + signature);
        return connection;
    }

    private byte[] signingKey(String day) {
        DayKey known = dayKey;
        if (known == null || !known.day().equals(day)) {
            byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
            key = hmac(key, REGION);
            key = hmac(key, "s3");
            known = new DayKey(day, hmac(key, "aws4_request"));
            dayKey = known;
        }
        return known.key();
    }

    /** The reply's error, its body read to the end so that the connection can be used again. */
    private static Failure failure(int status, HttpURLConnection connection) {
        String body = "";
        try (InputStream error = connection.getErrorStream()) {
            if (error != null) {
                body = new String(error.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            body = "";
        }
        Matcher code = ERROR_CODE.matcher(body);
        Matcher message = ERROR_MESSAGE.matcher(body);
        String text = "HTTP " + status + (code.find() ? " " + code.group(1) : "") + (message.find() ? ": " + message.group(1) : "");
        return new Failure(status, text);
    }

    private static void pause(int attempt) {
        if (attempt < ATTEMPTS) {
            try {
                Thread.sleep(50L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * S3's URI encoding of a key: every byte of its UTF-8 form but the unreserved characters
     * ({@code A-Z a-z 0-9 - _ . ~}) and {@code /} as {@code %XY}, the same in the request and in
     * what is signed.
     */
    static String encode(String key) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A reply's body; closing it before its end drops the connection instead of reading the rest. */
    private static final class Body extends FilterInputStream {
        private final HttpURLConnection connection;
        private final long length;
        private long read;

        Body(HttpURLConnection connection) throws IOException {
            super(connection.getInputStream());
            this.connection = connection;
            this.length = connection.getContentLengthLong();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            int n = super.read(buffer, offset, count);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public byte[] readAllBytes() throws IOException {
            if (length >= 0 && length <= Integer.MAX_VALUE - 8 && read == 0) {
                byte[] all = in.readNBytes((int) length);
                read = all.length;
                if (all.length < length) {
                    throw new IOException("the reply ended after " + all.length + " of " + length + " bytes");
                }
                return all;
            }
            return super.readAllBytes();
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (length >= 0 && read < length) {
                    connection.disconnect();
                }
            }
        }
    }
}
