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
 */
public record StoreSpec(String name, Protocol protocol, String location, String endpoint, String bucket,
                        String accessKey, String secretKey, boolean secure, String proxyServer,
                        List<Integer> subfolding, String stage) {

    public enum Protocol { FILE, S3 }

    public static final List<Integer> DEFAULT_SUBFOLDING = List.of(2, 2);

    public StoreSpec {
        subfolding = List.copyOf(subfolding);
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
