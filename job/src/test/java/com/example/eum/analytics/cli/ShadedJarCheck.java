package com.example.eum.analytics.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Build check of the deployable jar, run by the build right after the shade plugin
 * ({@code mvn -B package -DskipShade=false -DskipTests}; job/pom.xml, execution {@code shaded-jar-check}). Fails
 * the build when the jar carries what the job never runs (the Kinesis producer's native executables, other
 * platforms' native libraries, Hadoop's web UIs), lacks what it does run (main class, the job's resources, the
 * service files the AWS SDK and Hadoop discover their implementations by), or outgrows its size budget; then runs
 * the jar the way a cluster would, against Flink alone on the class path: AWS SDK clients (SNS, Kinesis) built through
 * their service-loaded HTTP clients, the Kinesis connector's classes loaded, and a whole generate + replay into
 * Parquet (decoder, pipeline, Parquet and Hadoop from the jar).
 *
 * <p>Arguments: the shaded jar, the files listing the build's provided and runtime class paths
 * ({@code target/local-classpath-provided.txt}, {@code -runtime.txt}: Flink, and from the runtime list only the
 * logging jars the shade plugin leaves out because Flink's lib/ has them), a scratch directory, and the JVM flags
 * Flink needs on Java 17 (one argument, space-separated).
 */
public final class ShadedJarCheck {
    /** The jar's size budget: 100.1 MiB when this check was written (142.1 MiB before the exclusions). */
    static final long MAX_BYTES = 110L << 20;

    /** Path prefixes the jar must not contain. */
    static final List<String> ABSENT = List.of(
            "amazon-kinesis-producer-native-binaries/",
            "darwin/", "freebsd/", "win/", "linux/i386/", "linux/s390x/", "linux/ppc64le/",
            "org/xerial/snappy/native/Mac/", "org/xerial/snappy/native/Windows/", "org/xerial/snappy/native/AIX/",
            "webapps/");

    /** Entries the jar must contain, with a text each must include ("" = just present). */
    static final Map<String, String> PRESENT = Map.ofEntries(
            Map.entry("com/example/eum/analytics/cli/ManagedFlinkMain.class", ""),
            Map.entry("fees/whatsapp_billing_regions.csv", ""),
            Map.entry("fees/whatsapp-rate-card.example.csv", ""),
            Map.entry("linux/amd64/libzstd-jni-1.5.0-1.so", ""),
            Map.entry("linux/aarch64/libzstd-jni-1.5.0-1.so", ""),
            Map.entry("org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so", ""),
            Map.entry("org/xerial/snappy/native/Linux/aarch64/libsnappyjava.so", ""),
            Map.entry("core-default.xml", ""),
            Map.entry("META-INF/services/software.amazon.awssdk.http.SdkHttpService",
                    "software.amazon.awssdk.http.apache5.Apache5SdkHttpService"),
            Map.entry("META-INF/services/software.amazon.awssdk.http.async.SdkAsyncHttpService",
                    "software.amazon.awssdk.http.nio.netty.NettySdkAsyncHttpService"),
            Map.entry("META-INF/services/org.apache.flink.kinesis.shaded.software.amazon.awssdk.http.SdkHttpService",
                    "org.apache.flink.kinesis.shaded.software.amazon.awssdk.http.apache.ApacheSdkHttpService"),
            Map.entry("META-INF/services/org.apache.hadoop.io.compress.CompressionCodec",
                    "org.apache.hadoop.io.compress.ZStandardCodec"));

    static final String MAIN_CLASS = "com.example.eum.analytics.cli.ManagedFlinkMain";

    private ShadedJarCheck() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: ShadedJarCheck JAR PROVIDED_CLASSPATH_FILE RUNTIME_CLASSPATH_FILE WORK_DIR JVM_FLAGS");
        }
        Path jar = Paths.get(args[0]);
        List<String> provided = new ArrayList<>(classPathFile(Paths.get(args[1])));
        for (String entry : classPathFile(Paths.get(args[2]))) {
            if (entry.contains("/org/slf4j/") || entry.contains("/org/apache/logging/log4j/")) {
                provided.add(entry);
            }
        }
        Path work = Files.createDirectories(Paths.get(args[3]));
        List<String> jvmFlags = Arrays.asList(args[4].trim().split("\\s+"));

        List<String> problems = contentProblems(jar);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("shaded jar " + jar + ":\n  " + String.join("\n  ", problems));
        }
        System.out.println("shaded-jar-check: " + jar.getFileName() + " " + mib(Files.size(jar)) + " MiB; largest paths:");
        sizesByPath(jar).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> System.out.println("  " + mib(e.getValue()) + " MiB  " + e.getKey()));

        List<Path> classPath = new ArrayList<>();
        classPath.add(jar);
        provided.forEach(p -> classPath.add(Paths.get(p)));
        sdkClientsAndConnector(classPath);
        generateAndReplay(classPath, jvmFlags, work);
        System.out.println("shaded-jar-check: contents, AWS SDK clients, Kinesis connector and a replay into Parquet OK");
    }

    private static List<String> classPathFile(Path file) throws IOException {
        return Arrays.asList(Files.readString(file).trim().split(File.pathSeparator));
    }

    /** Everything wrong with the jar's entries, manifest and size; empty when it is fit to deploy. */
    static List<String> contentProblems(Path jar) throws IOException {
        List<String> problems = new ArrayList<>();
        long size = Files.size(jar);
        if (size > MAX_BYTES) {
            problems.add("is " + mib(size) + " MiB, over its budget of " + mib(MAX_BYTES) + " MiB: see what grew with"
                    + " `unzip -l` and leave out what the job never runs (job/pom.xml, shade filters)");
        }
        try (JarFile jf = new JarFile(jar.toFile())) {
            String main = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes().getValue("Main-Class");
            if (!MAIN_CLASS.equals(main)) {
                problems.add("manifest Main-Class is " + main + ", expected " + MAIN_CLASS);
            }
            List<String> names = jf.stream().map(ZipEntry::getName).collect(Collectors.toList());
            for (String prefix : ABSENT) {
                long n = names.stream().filter(name -> name.startsWith(prefix)).count();
                if (n > 0) {
                    problems.add("contains " + n + " entries under " + prefix + " (never run by the job)");
                }
            }
            for (Map.Entry<String, String> e : new TreeMap<>(PRESENT).entrySet()) {
                ZipEntry entry = jf.getEntry(e.getKey());
                if (entry == null) {
                    problems.add("lacks " + e.getKey());
                    continue;
                }
                try (InputStream in = jf.getInputStream(entry)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (!text.contains(e.getValue())) {
                        problems.add(e.getKey() + " does not name " + e.getValue());
                    }
                }
            }
        }
        return problems;
    }

    /** Compressed bytes per directory, up to three levels deep ({@code org/apache/hadoop}). */
    static Map<String, Long> sizesByPath(Path jar) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            jf.stream().forEach(e -> {
                String[] parts = e.getName().split("/");
                String dir = String.join("/", Arrays.copyOf(parts, Math.max(1, Math.min(3, parts.length - 1))));
                sizes.merge(dir, Math.max(0, e.getCompressedSize()), Long::sum);
            });
        }
        return sizes;
    }

    /**
     * Builds an SNS and a Kinesis client (SDK v2, default HTTP clients found by the service loader, as the job's code
     * does) and loads the Kinesis connector's consumer classes, all from the jar in a class loader that sees only
     * the jar, Flink and the JDK.
     */
    private static void sdkClientsAndConnector(List<Path> classPath) throws Exception {
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classPath.get(i).toUri().toURL();
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> region = loader.loadClass("software.amazon.awssdk.regions.Region");
            Object usEast1 = region.getMethod("of", String.class).invoke(null, "us-east-1");
            Class<?> anonymous = loader.loadClass("software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider");
            Object credentials = anonymous.getMethod("create").invoke(null);
            for (String client : List.of("software.amazon.awssdk.services.sns.SnsClient",
                    "software.amazon.awssdk.services.kinesis.KinesisClient",
                    "software.amazon.awssdk.services.kinesis.KinesisAsyncClient")) {
                Object builder = loader.loadClass(client).getMethod("builder").invoke(null);
                invoke(builder, "region", usEast1);
                invoke(builder, "credentialsProvider", credentials);
                Object built = invoke(builder, "build");
                ((AutoCloseable) built).close();
            }
            for (String connector : List.of("org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer",
                    "org.apache.flink.kinesis.shaded.com.amazonaws.services.kinesis.AmazonKinesisClient")) {
                Class.forName(connector, true, loader);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static Object invoke(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length
                    && (args.length == 0 || m.getParameterTypes()[0].isInstance(args[0]))) {
                m.setAccessible(true);
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    /** {@code generate} two minutes of traffic, then {@code replay} it into Parquet, with the jar's own CLI. */
    private static void generateAndReplay(List<Path> classPath, List<String> jvmFlags, Path work) throws Exception {
        Path traffic = work.resolve("traffic.jsonl.gz");
        Path lake = work.resolve("lake");
        deleteRecursively(lake);
        run(classPath, jvmFlags, work, "generate", "--output", traffic.toString(), "--duration", "2m", "--rate", "5",
                "--seed", "7");
        run(classPath, jvmFlags, work, "replay", "--input", traffic.toString(), "--output", lake.toString());
        for (String table : List.of("events", "metrics_by_country", "metrics_by_origination")) {
            long files;
            try (Stream<Path> s = Files.walk(lake.resolve(table))) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
            }
            if (files == 0) {
                throw new IllegalStateException("replay from the shaded jar wrote no Parquet file for " + table);
            }
        }
    }

    private static void run(List<Path> classPath, List<String> jvmFlags, Path work, String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        cmd.add("com.example.eum.analytics.cli.Main");
        cmd.addAll(Arrays.asList(command));
        Path log = work.resolve(command[0] + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " from the shaded jar did not finish in 5 minutes; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " from the shaded jar exited " + p.exitValue() + ":\n"
                    + Files.readString(log));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1 << 20));
    }
}
