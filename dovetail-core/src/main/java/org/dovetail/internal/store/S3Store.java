package org.dovetail.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.dovetail.BucketInaccessibleException;
import org.dovetail.MissingExternalFileException;
import org.dovetail.config.StoreSpec;
import org.dovetail.spi.ObjectInfo;
import org.dovetail.spi.ObjectStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@code s3} store: objects are keys {@code <location>/<path>} in a bucket of any S3-compatible
 * server (AWS, MinIO, Ceph), addressed path-style. Uploads are single PUTs up to
 * {@link #MULTIPART_THRESHOLD} and multipart uploads above, streamed from disk; an object only
 * appears when its upload completes.
 */
public final class S3Store implements ObjectStore {
    /** Files above this size are uploaded in parts. */
    public static final long MULTIPART_THRESHOLD = 64L << 20;
    /** The largest object one server-side copy may copy. */
    private static final long MAX_COPY = 5L << 30;
    private static final long MIN_PART = 16L << 20;
    private static final int MAX_PARTS = 9_000;
    /** Idle connections the JDK's HTTP client keeps per server: at least as many as transfers run at once. */
    static final int IDLE_CONNECTIONS = 64;

    static {
        // The JDK keeps 5 unless told otherwise: a pool of more transfers would close and reopen
        // connections (a handshake each, TLS included) whenever its transfers pause together.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(IDLE_CONNECTIONS));
        }
    }

    private final StoreSpec spec;
    private final S3Client client;
    /** Reads go around the SDK: see {@link S3Get}. */
    private final S3Get get;
    private final String bucket;
    private final String keyPrefix;

    S3Store(StoreSpec spec) {
        this.spec = spec;
        this.bucket = spec.bucket();
        this.keyPrefix = ObjectPaths.s3KeyPrefix(spec.location());
        this.client = client(spec);
        this.get = new S3Get(endpoint(spec), bucket, spec.accessKey(), spec.secretKey(), spec.proxyServer(), Clock.systemUTC());
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            client.close();
            throw new BucketInaccessibleException("Store `" + spec.name() + "`: bucket `" + bucket + "` at " + endpoint(spec)
                    + " is not accessible with the configured keys: " + e.getMessage(), e);
        }
    }

    private static URI endpoint(StoreSpec spec) {
        return URI.create((spec.secure() ? "https://" : "http://") + spec.endpoint());
    }

    private static S3Client client(StoreSpec spec) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        if (spec.proxyServer() != null) {
            http.proxyConfiguration(ProxyConfiguration.builder().endpoint(URI.create(spec.proxyServer())).build());
        }
        return S3Client.builder()
                .endpointOverride(endpoint(spec))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(spec.accessKey(), spec.secretKey())))
                .httpClient(http.build())
                // Third-party S3 servers reject the CRC trailers the SDK adds by default since 2.30.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public StoreSpec spec() {
        return spec;
    }

    public String key(String path) {
        return keyPrefix + path;
    }

    @Override
    public String address(String path) {
        return "s3://" + bucket + "/" + key(path);
    }

    @Override
    public void put(String path, byte[] content, Map<String, String> metadata) {
        try {
            client.putObject(b -> b.bucket(bucket).key(key(path)).metadata(metadata), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure("upload", path, e);
        }
    }

    @Override
    public void put(String path, Path source, Map<String, String> metadata) {
        try {
            long size = Files.size(source);
            if (size <= MULTIPART_THRESHOLD) {
                client.putObject(b -> b.bucket(bucket).key(key(path)).metadata(metadata), RequestBody.fromFile(source));
            } else {
                multipartUpload(path, source, size, metadata);
            }
        } catch (IOException | SdkException e) {
            throw failure("upload " + source + " to", path, e);
        }
    }

    private void multipartUpload(String path, Path source, long size, Map<String, String> metadata) throws IOException {
        long partSize = Math.max(MIN_PART, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key(path)).metadata(metadata)).uploadId();
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; (long) (number - 1) * partSize < size; number++) {
                long offset = (number - 1) * partSize;
                long length = Math.min(partSize, size - offset);
                InputStream part = Channels.newInputStream(channel.position(offset));
                int partNumber = number;
                String etag = client.uploadPart(b -> b.bucket(bucket).key(key(path)).uploadId(uploadId).partNumber(partNumber)
                        .contentLength(length), RequestBody.fromInputStream(part, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key(path)).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key(path)).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String path) {
        try {
            return get.open(key(path));
        } catch (S3Get.Failure e) {
            throw e.status == 404 ? missing(path) : failure("download", path, e);
        } catch (IOException e) {
            throw failure("download", path, e);
        }
    }

    @Override
    public byte[] read(String path) {
        try {
            return get.read(key(path));
        } catch (S3Get.Failure e) {
            throw e.status == 404 ? missing(path) : failure("download", path, e);
        } catch (IOException e) {
            throw failure("download", path, e);
        }
    }

    @Override
    public void download(String path, Path target) {
        try {
            AtomicFiles.write(target, out -> {
                try (InputStream in = open(path)) {
                    in.transferTo(out);
                }
            });
        } catch (IOException e) {
            throw failure("download to " + target + " from", path, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String path) {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key(path)));
            return Optional.of(new ObjectInfo(path, head.contentLength(), head.metadata(), head.lastModified()));
        } catch (SdkException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw failure("inspect", path, e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key(path)));
        } catch (SdkException e) {
            if (!notFound(e)) {
                throw failure("delete", path, e);
            }
        }
    }

    /** Copies the key on the server, then deletes the original (S3 has no rename); metadata is copied with it. */
    @Override
    public void move(String from, String to) {
        if (stat(from).map(ObjectInfo::size).orElse(0L) > MAX_COPY) {
            ObjectStore.super.move(from, to); // a single server-side copy is limited to 5 GiB
            return;
        }
        try {
            client.copyObject(b -> b.sourceBucket(bucket).sourceKey(key(from)).destinationBucket(bucket).destinationKey(key(to)));
        } catch (SdkException e) {
            throw notFound(e) ? missing(from) : failure("move to " + address(to) + " the object", from, e);
        }
        delete(from);
    }

    @Override
    public void list(String prefix, Consumer<ObjectInfo> objects, Consumer<ObjectInfo> folderMarkers) {
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(key(prefix))).contents()) {
                ObjectInfo info = new ObjectInfo(object.key().substring(keyPrefix.length()), object.size(), Map.of(), object.lastModified());
                (info.isFolderMarker() ? folderMarkers : objects).accept(info);
            }
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    @Override
    public void listFolders(String prefix, Consumer<String> folders) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("A folder ends in /: " + prefix);
        }
        String under = key(prefix);
        try {
            for (CommonPrefix folder : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(under).delimiter("/")).commonPrefixes()) {
                String name = folder.prefix().substring(under.length());
                if (name.length() > 1) {
                    folders.accept(name.substring(0, name.length() - 1));
                }
            }
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    private static boolean notFound(SdkException e) {
        return e instanceof NoSuchKeyException || (e instanceof S3Exception s3 && s3.statusCode() == 404);
    }

    private MissingExternalFileException missing(String path) {
        return new MissingExternalFileException("Store `" + spec.name() + "`: object " + address(path) + " does not exist");
    }

    @Override
    public void close() {
        client.close();
    }

}
