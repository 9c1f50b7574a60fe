package com.example.eum.analytics.sink;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.schema.Tables;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static com.example.eum.analytics.sink.LakeRows.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lake on S3 for real: Flink's S3 filesystem plugin (loaded from the plugins folder, as on a cluster) writes through
 * {@link LakeSink} to an S3Mock server; the AWS SDK lists and downloads the objects and DuckDB reads them.
 */
class S3LakeSinkTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    static final String BUCKET = "lake-bucket";
    static final long T_0510 = at("2026-11-23T05:10:00Z");
    static final long T_0620 = at("2026-11-23T06:20:00Z");

    @TempDir
    static Path work;
    static S3MockServer s3;
    static S3Client client;

    @BeforeAll
    static void startS3AndWriteLake() throws Exception {
        s3 = S3MockServer.start(work, BUCKET);
        Configuration fsConf = new Configuration();
        fsConf.setString("s3.endpoint", s3.endpoint());
        fsConf.setString("s3.path.style.access", "true");
        fsConf.setString("s3.access-key", S3MockServer.ACCESS_KEY);
        fsConf.setString("s3.secret-key", S3MockServer.SECRET_KEY);
        Path plugins = Paths.get(System.getProperty("test.tools.dir"), "plugins");
        FileSystem.initialize(fsConf, new DefaultPluginManager(new DirectoryBasedPluginFinder(plugins).findPlugins(),
                CoreOptions.getPluginParentFirstLoaderPatterns(fsConf)));
        client = S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)))
                .build();

        StreamExecutionEnvironment env = LakeTestJobs.environment(1);
        LakeSink.attach(env.fromData(Arrays.asList(LakeRows.fullEvent("e1", T_0510), LakeRows.fullEvent("e2", T_0510 + 1),
                LakeRows.whatsAppFailure("e3", T_0620)), TypeInformation.of(CanonicalEvent.class)), Tables.EVENTS, "s3://" + BUCKET + "/lake/");
        LakeSink.attach(env.fromData(List.of(LakeRows.deadLetter("bad_gzip", T_0620, "H4sI", true)),
                TypeInformation.of(DeadLetter.class)), Tables.DEAD_LETTERS, "s3://" + BUCKET + "/lake");
        env.execute("lake-on-s3");
    }

    @AfterAll
    static void stopS3() throws Exception {
        FileSystem.initialize(new Configuration(), null);
        if (client != null) {
            client.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void partFilesLandInHourPartitionsUnderThePrefix() {
        List<String> parquet = keys("lake/").stream().filter(k -> k.endsWith(".parquet")).collect(Collectors.toList());
        assertThat(parquet).isNotEmpty().allMatch(k -> k.matches("lake/[a-z_]+/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/part-[^/]+\\.parquet"));
        assertThat(parquet.stream().map(k -> k.substring(0, k.lastIndexOf('/'))).distinct()).containsExactly(
                "lake/dead_letters/dt=2026-11-23/hour=06",
                "lake/events/dt=2026-11-23/hour=05",
                "lake/events/dt=2026-11-23/hour=06");
        assertThat(keys("lake/")).as("committed part files are the only objects").isEqualTo(parquet);
    }

    @Test
    void downloadedObjectsReadBackWithDuckDb() throws Exception {
        Path local = work.resolve("download");
        for (String key : keys("lake/")) {
            if (key.endsWith(".parquet")) {
                Path file = local.resolve(key);
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                client.getObject(GetObjectRequest.builder().bucket(BUCKET).key(key).build(), ResponseTransformer.toFile(file));
            }
        }
        assertThat(DuckDbLake.query("SELECT event_id, channel, epoch_ms(event_time), price_usd, context['campaign'], hour"
                + " FROM " + DuckDbLake.table(local.resolve("lake/events")) + " ORDER BY event_id")).containsExactly(
                Arrays.asList("e1", "SMS", T_0510, new BigDecimal("0.005810"), "spring", "05"),
                Arrays.asList("e2", "SMS", T_0510 + 1, new BigDecimal("0.005810"), "spring", "05"),
                Arrays.asList("e3", "WHATSAPP", T_0620, null, null, "06"));
        assertThat(DuckDbLake.query("SELECT reason, payload, payload_base64 FROM " + DuckDbLake.table(local.resolve("lake/dead_letters"))))
                .containsExactly(Arrays.asList("bad_gzip", "H4sI", true));
    }

    private static List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(BUCKET).prefix(prefix).build())
                .contents().stream().map(S3Object::key).sorted().collect(Collectors.toList());
    }
}
