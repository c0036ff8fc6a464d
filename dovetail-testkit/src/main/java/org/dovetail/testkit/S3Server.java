package org.dovetail.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * An in-process s3proxy on a free loopback port, over an in-memory blob store or over s3proxy's
 * filesystem backend (objects as files under a directory; its listings also name the directories,
 * as {@code lab/7c/} entries, the way folder markers appear in real buckets).
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "dovetail-test";
    static final String SECRET_KEY = "dovetail-test-secret";

    private final S3Proxy proxy;
    private final BlobStore store;
    private S3Client client;

    private S3Server(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    /** In memory, unless {@code -Ddovetail.test.s3.dir=DIR} asks for the filesystem backend there (large objects, benchmarks). */
    static S3Server start() {
        String dir = System.getProperty("dovetail.test.s3.dir");
        return dir == null ? start(null) : start(Path.of(dir));
    }

    /** On s3proxy's filesystem backend with its buckets as directories in {@code dir} (created if needed), or in memory when null. */
    static S3Server start(Path dir) {
        Properties props = new Properties();
        props.setProperty("jclouds.identity", ACCESS_KEY);
        props.setProperty("jclouds.credential", SECRET_KEY);
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the S3 directory " + dir + ": " + e.getMessage(), e);
            }
            props.setProperty("jclouds.filesystem.basedir", dir.toString());
        }
        BlobStore store = BlobStores.create(dir == null ? "transient-nio2" : "filesystem-nio2", props);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start: " + e.getMessage(), e);
        }
        return new S3Server(proxy, store);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    TestS3 forClass(Class<?> testClass) {
        String bucket = "test-" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffffffL | 0x10000000000L).substring(1);
        store.createContainer(bucket);
        return new TestS3(this, bucket);
    }

    /**
     * Puts an object as any S3 client would, but with a plain signed body: s3proxy answers a put
     * of a folder marker ({@code key/}) without reading the body and closes the connection, so a
     * chunk-signed body (the SDK's default over http) could meet a closed socket, about once in
     * three hundred puts.
     */
    void put(String bucket, String key, byte[] content, Map<String, String> metadata) {
        client().putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(content));
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        return client;
    }

    void deleteBucket(String bucket) {
        if (store.containerExists(bucket)) {
            store.clearContainer(ListObjectsV2Request.builder().bucket(bucket).build());
            store.deleteContainer(bucket);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (client != null) {
                client.close();
            }
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop: " + e.getMessage(), e);
        }
    }
}
