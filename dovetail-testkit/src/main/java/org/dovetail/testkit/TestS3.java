package org.dovetail.testkit;

import java.net.URI;
import java.util.Map;

/**
 * The S3 API server of a test class, with a bucket of its own (deleted with its objects when
 * the class finishes). The server accepts AWS signature V2 and V4 with these credentials and
 * path-style addressing.
 */
public final class TestS3 implements AutoCloseable {
    private final S3Server server;
    private final String bucket;

    TestS3(S3Server server, String bucket) {
        this.server = server;
        this.bucket = bucket;
    }

    /** {@code http://127.0.0.1:port} */
    public URI endpoint() {
        return server.endpoint();
    }

    /** {@code 127.0.0.1:port}, the form DataJoint's store {@code endpoint} setting takes. */
    public String hostAndPort() {
        return endpoint().getHost() + ":" + endpoint().getPort();
    }

    public String accessKey() {
        return S3Server.ACCESS_KEY;
    }

    public String secretKey() {
        return S3Server.SECRET_KEY;
    }

    public String region() {
        return "us-east-1";
    }

    public String bucket() {
        return bucket;
    }

    /** Puts an object into this class's bucket (with optional user metadata), as any S3 client would. */
    public void putObject(String key, byte[] content, Map<String, String> metadata) {
        server.put(bucket, key, content, metadata);
    }

    @Override
    public void close() {
        server.deleteBucket(bucket);
    }
}
