package com.example.eum.analytics.sink;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for tests: the S3Mock jar (fetched by the build into {@code test.tools.dir/s3mock}) run as a
 * separate JVM on a free loopback port, storing objects under a directory the test owns. Close it to stop it. Both of
 * its connectors listen on 127.0.0.1 only: {@code --server.address} binds the HTTPS one, {@link S3MockLoopbackMain}
 * the plain-HTTP one the tests use.
 */
public final class S3MockServer implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;

    private S3MockServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts S3Mock with the given buckets, its store and log under {@code workDir}; returns once it accepts connections. */
    public static S3MockServer start(Path workDir, String... buckets) throws IOException, InterruptedException {
        Path jar = Paths.get(System.getProperty("test.tools.dir"), "s3mock", "s3mock.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock jar missing (the build copies it in process-test-resources): " + jar);
        }
        Path store = Files.createDirectories(workDir.resolve("s3mock-store"));
        Path log = workDir.resolve("s3mock.log");
        int port = freePort();
        Process process = new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", jar + File.pathSeparator + classDirectory(),
                S3MockLoopbackMain.class.getName(),
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.httpPort=" + port,
                "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", buckets),
                "--com.adobe.testing.s3mock.store.root=" + store)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3MockServer server = new S3MockServer(process, port, log);
        server.awaitPort();
        return server;
    }

    /** The server JVM's process id (to list its sockets). */
    public long pid() {
        return process.pid();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitPort() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ":\n" + logTail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("S3Mock did not open port " + port + " within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Where {@link S3MockLoopbackMain} was loaded from (target/test-classes), for the server's class path. */
    private static String classDirectory() {
        try {
            return Paths.get(S3MockLoopbackMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
