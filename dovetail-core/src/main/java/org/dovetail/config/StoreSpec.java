package org.dovetail.config;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code stores}: where the objects of {@code blob@name}, {@code attach@name} and
 * {@code filepath@name} attributes live. Validated as DataJoint-Python validates it, so a store
 * accepted by one implementation is accepted by the other.
 *
 * @param name        the store name used in attribute types
 * @param protocol    {@code file} or {@code s3}
 * @param location    directory root (file) or key prefix inside the bucket (s3)
 * @param endpoint    {@code host:port} of the S3 server (s3 only)
 * @param bucket      bucket name (s3 only)
 * @param accessKey   S3 access key (s3 only)
 * @param secretKey   S3 secret key (s3 only)
 * @param secure      use HTTPS (s3 only; default false)
 * @param proxyServer URL of an HTTP proxy (s3 only), or null
 * @param subfolding  folder levels by name length, default (2, 2); empty disables
 * @param stage       local directory that {@code filepath} values live under, or null
 *
 * <p>In code, start from {@link #file} or {@link #s3} and change what differs with the
 * {@code with...} methods:
 *
 * <pre>{@code
 * StoreSpec raw = StoreSpec.file("raw", "/data/raw");
 * StoreSpec shared = StoreSpec.s3("shared", "s3.lab.org:9000", "lab-data", "dj/shared", key, secret).withSecure(true);
 * }</pre>
 */
public record StoreSpec(String name, Protocol protocol, String location, String endpoint, String bucket,
                        String accessKey, String secretKey, boolean secure, String proxyServer,
                        List<Integer> subfolding, String stage) {

    public enum Protocol { FILE, S3 }

    public static final List<Integer> DEFAULT_SUBFOLDING = List.of(2, 2);

    public StoreSpec {
        subfolding = List.copyOf(subfolding);
    }

    /** A file store rooted at {@code location}, with DataJoint's default subfolding. */
    public static StoreSpec file(String name, String location) {
        return new StoreSpec(name, Protocol.FILE, location, null, null, null, null, false, null, DEFAULT_SUBFOLDING, null);
    }

    /**
     * An S3 store: objects under the key prefix {@code location} of {@code bucket} on the server at
     * {@code endpoint} ({@code host:port}), over plain HTTP, with DataJoint's default subfolding.
     */
    public static StoreSpec s3(String name, String endpoint, String bucket, String location, String accessKey, String secretKey) {
        return new StoreSpec(name, Protocol.S3, location, endpoint, bucket, accessKey, secretKey, false, null, DEFAULT_SUBFOLDING, null);
    }

    /** This store under another name. */
    public StoreSpec withName(String newName) {
        return new StoreSpec(newName, protocol, location, endpoint, bucket, accessKey, secretKey, secure, proxyServer, subfolding, stage);
    }

    /** This store at another location (directory or key prefix). */
    public StoreSpec withLocation(String newLocation) {
        return new StoreSpec(name, protocol, newLocation, endpoint, bucket, accessKey, secretKey, secure, proxyServer, subfolding, stage);
    }

    /** This store in another bucket. */
    public StoreSpec withBucket(String newBucket) {
        return new StoreSpec(name, protocol, location, endpoint, newBucket, accessKey, secretKey, secure, proxyServer, subfolding, stage);
    }

    /** This store with other S3 credentials. */
    public StoreSpec withCredentials(String newAccessKey, String newSecretKey) {
        return new StoreSpec(name, protocol, location, endpoint, bucket, newAccessKey, newSecretKey, secure, proxyServer, subfolding, stage);
    }

    /** This store over HTTPS ({@code true}) or plain HTTP. */
    public StoreSpec withSecure(boolean https) {
        return new StoreSpec(name, protocol, location, endpoint, bucket, accessKey, secretKey, https, proxyServer, subfolding, stage);
    }

    /** This store reached through an HTTP proxy (null for none). */
    public StoreSpec withProxyServer(String url) {
        return new StoreSpec(name, protocol, location, endpoint, bucket, accessKey, secretKey, secure, url, subfolding, stage);
    }

    /** This store with other folder levels; an empty list puts objects directly under the schema folder. */
    public StoreSpec withSubfolding(List<Integer> levels) {
        return new StoreSpec(name, protocol, location, endpoint, bucket, accessKey, secretKey, secure, proxyServer, levels, stage);
    }

    /** This store with a local stage directory for {@code filepath} values (null for none). */
    public StoreSpec withStage(String directory) {
        return new StoreSpec(name, protocol, location, endpoint, bucket, accessKey, secretKey, secure, proxyServer, subfolding, directory);
    }

    public Optional<String> stageDir() {
        return Optional.ofNullable(stage);
    }

    @Override
    public String toString() {
        // Never print the secret key.
        return "StoreSpec[" + name + ", " + protocol + ", location=" + location
                + (endpoint == null ? "" : ", endpoint=" + endpoint + ", bucket=" + bucket) + "]";
    }
}
