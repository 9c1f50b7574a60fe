package com.example.eum.analytics.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import picocli.CommandLine;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code replay --input IN --output LAKE} in a JVM of its own (the hostile-input run starts it with a small heap),
 * watching the heap while it runs: the heap in use (every 20 ms) and the heap left after each collection. Writes
 * them, the heap limit and the exit code to a properties file, then exits with the replay's code.
 */
public final class HostileReplayRun {
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    private HostileReplayRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: HostileReplayRun INPUT LAKE REPORT.properties");
        }
        AtomicLong peakUsed = new AtomicLong();
        AtomicLong peakAfterGc = new AtomicLong();
        // heap left after each collection (from the collectors' notifications): what the run really keeps
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                    long after = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getMemoryUsageAfterGc().entrySet()) {
                        if (HEAP_POOLS.contains(pool.getKey())) {
                            after += pool.getValue().getUsed();
                        }
                    }
                    peakAfterGc.accumulateAndGet(after, Math::max);
                }
            }, null, null);
        }
        // heap in use, garbage included, every 20 ms
        Thread watch = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        watch.setDaemon(true);
        watch.start();

        CommandLine replay = Main.commandLine();
        replay.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            failure.printStackTrace(); // the whole chain: the test shows it when the job fails
            return 1;
        });
        int code = replay.execute("replay", "--input", args[0], "--output", args[1]);

        watch.interrupt();
        watch.join();
        Properties report = new Properties();
        report.setProperty("exitCode", Integer.toString(code));
        report.setProperty("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        report.setProperty("peakHeapUsedBytes", Long.toString(peakUsed.get()));
        report.setProperty("peakHeapAfterGcBytes", Long.toString(peakAfterGc.get()));
        write(report, args[2]);
        System.exit(code);
    }

    private static void write(Properties report, String file) throws IOException {
        try (OutputStream out = Files.newOutputStream(Paths.get(file))) {
            report.store(out, "hostile-input replay");
        }
    }
}
