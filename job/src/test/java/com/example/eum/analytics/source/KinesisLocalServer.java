package com.example.eum.analytics.source;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.config.KinesisSettings;

import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

/**
 * A real Kinesis API server for tests: the npm package {@code kinesis-local} (kinesis-mock), installed by the build
 * ({@code npm ci} in job/src/test/emulators), run as {@code node main.js} on free loopback ports. Start it in
 * {@code @BeforeAll} and {@link #close()} it in {@code @AfterAll}. It prints nothing when ready, so start-up waits
 * until the plain port accepts connections. Output goes to {@code target/kinesis-local-<port>.log}. kinesis-local
 * 0.6.2 hard-codes the listen host 0.0.0.0; the preload {@code job/src/test/emulators/loopback-only.js} makes both
 * its ports listen on 127.0.0.1 only.
 */
public final class KinesisLocalServer implements AutoCloseable {
    /** The region the server and the test clients use. */
    public static final String REGION = "us-east-1";
    /** The account kinesis-local namespaces streams under by default (for stream ARNs). */
    public static final String ACCOUNT = "000000000000";
    /** Dummy credentials: kinesis-local checks that requests are signed, not by whom. */
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    /** The preload (in job/src/test/emulators) that keeps kinesis-local's listening sockets on loopback. */
    private static final String LOOPBACK_PRELOAD = "loopback-only.js";

    private final Process process;
    private final int plainPort;
    private final Path log;

    private KinesisLocalServer(Process process, int plainPort, Path log) {
        this.process = process;
        this.plainPort = plainPort;
        this.log = log;
    }

    /** Starts the server and waits (up to 60 s) until it accepts connections. */
    public static KinesisLocalServer start() throws IOException, InterruptedException {
        Path dir = packageDir();
        if (!Files.isRegularFile(dir.resolve("main.js"))) {
            throw new IllegalStateException(dir + "/main.js not found: run the build (mvn process-test-resources runs"
                    + " npm ci in job/src/test/emulators)");
        }
        int plain = freePort();
        int tls = freePort();
        Path log = Paths.get("target", "kinesis-local-" + plain + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Path preload = dir.getParent().getParent().resolve(LOOPBACK_PRELOAD);
        ProcessBuilder pb = new ProcessBuilder("node", "--require", preload.toString(), "main.js").directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plain));
        env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tls));
        env.put("AWS_REGION", REGION);
        env.put("CREATE_STREAM_DURATION", "0ms");
        env.put("DELETE_STREAM_DURATION", "0ms");
        env.put("REGISTER_STREAM_CONSUMER_DURATION", "0ms");
        env.put("DEREGISTER_STREAM_CONSUMER_DURATION", "0ms");
        env.put("SHOULD_PERSIST_DATA", "false");
        env.put("LOG_LEVEL", "WARN");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        KinesisLocalServer server = new KinesisLocalServer(pb.start(), plain, log);
        server.awaitPort(Duration.ofSeconds(60));
        return server;
    }

    /** The server's process id (to list its sockets). */
    public long pid() {
        return process.pid();
    }

    /** The http endpoint, e.g. {@code http://127.0.0.1:45123}. */
    public String endpoint() {
        return "http://127.0.0.1:" + plainPort;
    }

    /** The ARN the server gives a stream of this name. */
    public static String streamArn(String name) {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + name;
    }

    /**
     * Points {@code config}'s Kinesis source at this server: region, endpoint, TRIM_HORIZON, the server's static
     * credentials and a short polling interval. Streams and the rest of the configuration are the caller's.
     */
    public JobConfig connect(JobConfig config) {
        config.kinesis.region = REGION;
        config.kinesis.endpoint = endpoint();
        config.kinesis.initialPosition = KinesisSettings.StartPosition.TRIM_HORIZON;
        config.kinesis.connectorProperties.put(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
        config.kinesis.connectorProperties.put(AWSConfigConstants.AWS_ACCESS_KEY_ID, ACCESS_KEY);
        config.kinesis.connectorProperties.put(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, SECRET_KEY);
        config.kinesis.connectorProperties.put("flink.shard.getrecords.intervalmillis", "100");
        return config;
    }

    /** An AWS SDK v2 client for this server (dummy credentials, region us-east-1). */
    public KinesisClient client() {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Creates a stream and waits until it is ACTIVE. */
    public void createStream(KinesisClient client, String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + name + " did not become ACTIVE");
            }
            Thread.sleep(50);
        }
    }

    /** Puts one record and returns the response (shard id, sequence number). */
    public static PutRecordResponse put(KinesisClient client, String stream, String partitionKey, byte[] data) {
        return client.putRecord(b -> b.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)));
    }

    private void awaitPort(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kinesis-local exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", plainPort), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("kinesis-local did not open port " + plainPort + " within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path packageDir() {
        // surefire runs in job/; allow running from the repository root too
        Path fromJob = Paths.get("src", "test", "emulators", "node_modules", "kinesis-local");
        if (Files.isDirectory(fromJob)) {
            return fromJob.toAbsolutePath();
        }
        return Paths.get("job").resolve(fromJob).toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
