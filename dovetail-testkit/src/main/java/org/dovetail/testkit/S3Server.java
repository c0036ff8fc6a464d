package org.dovetail.testkit;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/** An in-process s3proxy over an in-memory blob store, on a free loopback port. */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "dovetail-test";
    static final String SECRET_KEY = "dovetail-test-secret";

    private final S3Proxy proxy;
    private final BlobStore store;

    private S3Server(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    static S3Server start() {
        Properties props = new Properties();
        props.setProperty("jclouds.identity", ACCESS_KEY);
        props.setProperty("jclouds.credential", SECRET_KEY);
        // In memory by default; -Ddovetail.test.s3.dir=DIR keeps objects on disk (large objects, benchmarks).
        String dir = System.getProperty("dovetail.test.s3.dir");
        if (dir != null) {
            props.setProperty("jclouds.filesystem.basedir", dir);
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

    void deleteBucket(String bucket) {
        if (store.containerExists(bucket)) {
            store.clearContainer(ListObjectsV2Request.builder().bucket(bucket).build());
            store.deleteContainer(bucket);
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop: " + e.getMessage(), e);
        }
    }
}
