package com.example.eum.analytics.cluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster of separate JVMs, the way a Flink distribution starts one
 * ({@code jobmanager.sh} / {@code taskmanager.sh}), but assembled from Maven artifacts since flink-dist is not served:
 * a {@code StandaloneSessionClusterEntrypoint} JobManager and {@code TaskManagerRunner} TaskManagers with a generated
 * {@code config.yaml}, a {@code lib/} classpath (module cluster-runtime: Flink's runtime, clients, connector-files,
 * web submission, log4j; what the Managed Flink runtime provides) and the S3 filesystem loaded as a plugin
 * ({@code FLINK_PLUGINS_DIR}).
 * JVM memory flags come from Flink's own process-memory calculation, as {@code BashJavaUtils} computes them for the
 * scripts.
 *
 * <p>The JobManager sees {@code /etc/flink/application_properties.json}, the file the Managed Flink runtime library
 * ({@code KinesisAnalyticsRuntime.getApplicationProperties()}) reads, through a private mount namespace: an overlay
 * on {@code /etc} with {@link #propertiesDir()} bound on {@code /etc/flink}, so nothing outside the test changes and
 * concurrent clusters each see their own file. Every port is free and loopback-only; every process is stopped by
 * {@link #close()} and by a JVM shutdown hook.
 */
final class FlinkCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final Path confDir;
    private final Path propertiesDir;
    private final String classpath;
    private final List<String> jvmOpens;
    private final Path pluginsDir;
    private final Configuration conf;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::destroyAll, "flink-cluster-shutdown");
    private Process jobManager;
    private Process taskManager;
    private int taskManagersStarted;

    private FlinkCluster(Path dir, String classpath, List<String> jvmOpens, Path pluginsDir, Map<String, String> extra)
            throws IOException {
        this.dir = dir;
        this.confDir = Files.createDirectories(dir.resolve("conf"));
        this.propertiesDir = Files.createDirectories(dir.resolve("etc-flink"));
        this.classpath = classpath;
        this.jvmOpens = jvmOpens;
        this.pluginsDir = pluginsDir;
        this.restPort = freePort();
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(freePort()));
        c.put("jobmanager.memory.process.size", "900m");
        c.put("jobmanager.memory.jvm-metaspace.size", "256m");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(restPort));
        c.put("blob.server.port", Integer.toString(freePort()));
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.rpc.port", "0");
        c.put("taskmanager.data.port", "0");
        c.put("taskmanager.numberOfTaskSlots", "2");
        c.put("taskmanager.memory.process.size", "1600m");
        // managed memory is RocksDB's (block cache and write buffers, shared by a slot's instances): 120 MiB a slot
        c.put("taskmanager.memory.managed.size", "240m");
        c.put("taskmanager.memory.jvm-metaspace.size", "320m");
        c.put("parallelism.default", "2");
        c.put("io.tmp.dirs", Files.createDirectories(dir.resolve("tmp")).toString());
        c.put("web.tmpdir", Files.createDirectories(dir.resolve("web")).toString());
        c.put("state.checkpoints.dir", dir.resolve("checkpoints").toUri().toString());
        c.put("state.savepoints.dir", dir.resolve("savepoints").toUri().toString());
        // a lost TaskManager is noticed within seconds, not the default 50 s
        c.put("heartbeat.interval", "2000");
        c.put("heartbeat.timeout", "10000");
        c.put("pekko.ask.timeout", "30 s");
        c.putAll(extra);
        Files.write(confDir.resolve("config.yaml"), c.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.toList()), StandardCharsets.UTF_8);
        Files.write(confDir.resolve("log4j.properties"), Arrays.asList(
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = MainAppender",
                "appender.main.name = MainAppender",
                "appender.main.type = File",
                "appender.main.fileName = ${sys:log.file}",
                "appender.main.layout.type = PatternLayout",
                "appender.main.layout.pattern = %d{ISO8601} %-5p %-60c %x - %m%n",
                "logger.pekko.name = org.apache.pekko",
                "logger.pekko.level = WARN",
                "logger.hadoop.name = org.apache.hadoop",
                "logger.hadoop.level = WARN"), StandardCharsets.UTF_8);
        this.conf = new Configuration();
        c.forEach(conf::setString);
    }

    /**
     * Starts a JobManager and one TaskManager under {@code dir} and waits until the TaskManager's slots are
     * registered. {@code extra} is added to the generated configuration (checkpointing, restart strategy, s3.*).
     */
    static FlinkCluster start(Path dir, Map<String, String> extra) throws Exception {
        String lib = Files.readString(Paths.get(required("flink.cluster.classpath.file"))).trim();
        List<String> opens = Arrays.stream(required("flink.cluster.jvm.opens").trim().split("\\s+"))
                .collect(Collectors.toList());
        Path plugins = Paths.get(required("test.tools.dir"), "plugins");
        FlinkCluster cluster = new FlinkCluster(dir, lib, opens, plugins, extra);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startJobManager();
            cluster.startTaskManager();
            cluster.awaitSlots(2);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The REST endpoint, {@code http://127.0.0.1:<port>}. */
    String restEndpoint() {
        return "http://127.0.0.1:" + restPort;
    }

    /** Where the JobManager's {@code /etc/flink} lives: write {@code application_properties.json} here. */
    Path propertiesDir() {
        return propertiesDir;
    }

    Path dir() {
        return dir;
    }

    /** Kills the running TaskManager with SIGKILL, as a crashed host would lose it, and waits until it is gone. */
    void killTaskManager() throws InterruptedException {
        taskManager.destroyForcibly();
        if (!taskManager.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("TaskManager did not die after SIGKILL");
        }
    }

    /** Starts a new TaskManager (2 slots). */
    void startTaskManager() throws Exception {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(
                TaskExecutorProcessUtils.getConfigurationMapLegacyTaskManagerHeapSizeToConfigOption(
                        conf, TaskManagerOptions.TOTAL_FLINK_MEMORY));
        List<String> jvm = split(ProcessMemoryUtils.generateJvmParametersStr(spec));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        taskManagersStarted++;
        taskManager = launch("taskmanager-" + taskManagersStarted, List.of(), jvm,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args);
    }

    private void startJobManager() throws Exception {
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
                conf, JobManagerOptions.JVM_HEAP_MEMORY);
        List<String> jvm = split(JobManagerProcessUtils.generateJvmParametersStr(spec, conf));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        Path overlay = Files.createDirectories(dir.resolve("etc-overlay"));
        Path upper = Files.createDirectories(overlay.resolve("upper"));
        Files.createDirectories(upper.resolve("flink"));
        Path work = Files.createDirectories(overlay.resolve("work"));
        // a private mount namespace (as a mapped root user when not root): /etc overlaid, /etc/flink bound to our dir
        List<String> namespace = new ArrayList<>(List.of("unshare", "--mount"));
        if (!"root".equals(System.getProperty("user.name"))) {
            namespace.add("--map-root-user");
        }
        namespace.addAll(List.of("sh", "-c", "mount -t overlay overlay -o lowerdir=/etc,upperdir=" + upper
                + ",workdir=" + work + " /etc && mount --bind " + propertiesDir + " /etc/flink && exec \"$@\"", "sh"));
        jobManager = launch("jobmanager", namespace, jvm,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", args);
    }

    private Process launch(String name, List<String> prefix, List<String> memoryFlags, String mainClass, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(memoryFlags);
        cmd.addAll(jvmOpens);
        cmd.add("-XX:+IgnoreUnrecognizedVMOptions");
        cmd.add("-Dlog.file=" + dir.resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().put("FLINK_PLUGINS_DIR", pluginsDir.toString());
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        Process p = pb.start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    private void awaitSlots(int slots) throws Exception {
        FlinkRest rest = new FlinkRest(restEndpoint());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("JobManager exited with " + jobManager.exitValue() + "; see "
                        + dir.resolve("jobmanager.out") + " and jobmanager.log");
            }
            if (!taskManager.isAlive()) {
                throw new IllegalStateException("TaskManager exited with " + taskManager.exitValue() + "; see " + dir);
            }
            if (portOpen(restPort) && rest.availableSlots() >= slots) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("cluster not ready with " + slots + " slots within " + START_TIMEOUT + "; see " + dir);
    }

    /** Stops every process, then deletes the copies of the jar (web upload, blob store and caches); logs stay. */
    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        for (String jarCopies : List.of("web", "tmp")) {
            try (Stream<Path> files = Files.walk(dir.resolve(jarCopies))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // best effort: only disk space is at stake
            }
        }
    }

    private void destroyAll() {
        List<Process> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
        }
        all.forEach(Process::destroy);
        for (Process p : all) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).collect(Collectors.toList());
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + property + " not set: run the real-cluster stage with"
                    + " `mvn -B verify -Pcluster` (see README, Testing)");
        }
        return v;
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
