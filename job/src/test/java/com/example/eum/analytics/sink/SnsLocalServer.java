package com.example.eum.analytics.sink;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SNS API server for tests: the SNS server of npm {@code serverless-offline-sns} (query protocol, as the
 * AWS SDK speaks it), installed by the build ({@code npm ci} in job/src/test/emulators) and started as
 * {@code node sns-server.mjs 0} on a free loopback port. It delivers to HTTP subscriptions as JSON POSTs
 * (Type, MessageId, TopicArn, Subject, Message, MessageAttributes) and honours subscription filter policies on
 * message attributes. Output goes to {@code target/sns-server-<n>.log}.
 *
 * <p>Topics and subscriptions are set up with plain query requests ({@link #createTopic}, {@link #subscribe}):
 * this server answers CreateTopic and Subscribe with ResponseMetadata before the result element, which the Java
 * SDK v2 reads as an empty result. Publish (what the code under test calls) is answered in AWS's order and goes
 * through the real SDK.
 */
public final class SnsLocalServer implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    /** Dummy credentials: the server does not check signatures. */
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    private static final Pattern READY = Pattern.compile("SNS listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private SnsLocalServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server and waits (up to 60 s) until it says where it listens. */
    public static SnsLocalServer start() throws IOException, InterruptedException {
        Path dir = emulatorsDir();
        if (!Files.isRegularFile(dir.resolve("node_modules/serverless-offline-sns/dist/sns-server.js"))) {
            throw new IllegalStateException(dir + "/node_modules/serverless-offline-sns not found: run the build"
                    + " (mvn process-test-resources runs npm ci in job/src/test/emulators)");
        }
        Path log = Files.createTempFile(Paths.get("target").toAbsolutePath(), "sns-server-", ".log");
        ProcessBuilder pb = new ProcessBuilder("node", "sns-server.mjs", "0", REGION, ACCOUNT).directory(dir.toFile());
        pb.environment().put("SNS_DEBUG", "1"); // requests and deliveries in the log
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new SnsLocalServer(process, Integer.parseInt(m.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the SNS server exited with " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IOException("the SNS server did not start within 60 s; see " + log);
    }

    /**
     * Makes the AWS SDK's default credentials chain (what the job's SNS sink uses, as on Managed Flink) find this
     * server's dummy credentials, through the {@code aws.accessKeyId} / {@code aws.secretAccessKey} system
     * properties, until closed (which restores the previous values).
     */
    public static AutoCloseable defaultChainCredentials() {
        Map<String, String> previous = new LinkedHashMap<>();
        previous.put("aws.accessKeyId", System.getProperty("aws.accessKeyId"));
        previous.put("aws.secretAccessKey", System.getProperty("aws.secretAccessKey"));
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        return () -> previous.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    /** The http endpoint, e.g. {@code http://127.0.0.1:45123}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates a topic and returns its ARN. */
    public String createTopic(String name) throws IOException, InterruptedException {
        String arn = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
        String response = query(Map.of("Action", "CreateTopic", "Name", name));
        if (!response.contains("<TopicArn>" + arn + "</TopicArn>")) {
            throw new IOException("CreateTopic did not return " + arn + ": " + response);
        }
        return arn;
    }

    /** Subscribes an HTTP endpoint to a topic, with an optional filter policy (JSON; null for none). */
    public void subscribe(String topicArn, String httpEndpoint, String filterPolicy)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "Subscribe");
        form.put("TopicArn", topicArn);
        form.put("Protocol", "http");
        form.put("Endpoint", httpEndpoint);
        if (filterPolicy != null) {
            form.put("Attributes.entry.1.key", "FilterPolicy");
            form.put("Attributes.entry.1.value", filterPolicy);
        }
        String response = query(form);
        if (!response.contains("<SubscriptionArn>" + topicArn + ":")) {
            throw new IOException("Subscribe failed: " + response);
        }
    }

    private String query(Map<String, String> params) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("Version=2010-03-31");
        params.forEach((k, v) -> body.append('&').append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(params.get("Action") + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path emulatorsDir() {
        Path fromJob = Paths.get("src", "test", "emulators");
        return (Files.isDirectory(fromJob) ? fromJob : Paths.get("job").resolve(fromJob)).toAbsolutePath();
    }
}
