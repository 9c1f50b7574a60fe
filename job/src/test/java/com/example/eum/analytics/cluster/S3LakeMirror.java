package com.example.eum.analytics.cluster;

import com.example.eum.analytics.cli.LakeSummary;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local copy of the lake a job commits to S3 (S3Mock), made with the AWS SDK the way an analyst's tools would fetch
 * it: committed part files ({@code *.parquet}) under the prefix are downloaded once each (committed objects never
 * change), so the local directory can be read with DuckDB or Parquet footers while the job runs.
 */
final class S3LakeMirror implements AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path local;

    S3LakeMirror(String endpoint, String accessKey, String secretKey, String bucket, String prefix, Path local) {
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
        this.bucket = bucket;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        this.local = local;
    }

    /** The local lake root (tables below it). */
    Path root() {
        return local;
    }

    /** Downloads the part files committed since the last call; returns this. */
    S3LakeMirror sync() throws Exception {
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            if (!o.key().endsWith(".parquet")) {
                continue;
            }
            Path file = local.resolve(o.key().substring(prefix.length()));
            if (Files.exists(file)) {
                continue;
            }
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling("." + file.getFileName() + ".download");
            Files.deleteIfExists(partial);
            s3.getObject(b -> b.bucket(bucket).key(o.key()), ResponseTransformer.toFile(partial));
            Files.move(partial, file);
        }
        return this;
    }

    /** Rows committed to {@code table} so far (after {@link #sync()}). */
    long rows(String table) {
        return LakeSummary.rowCount(local, table);
    }

    @Override
    public void close() {
        s3.close();
    }
}
