package com.example.eum.analytics.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU time (never wall time) and peak live heap of this JVM. Process CPU time counts every thread (task threads,
 * checkpointing, garbage collection, JIT); thread CPU time counts the calling thread alone (the micro stages run
 * their work on one thread). Peak heap is the largest heap in use right after a garbage collection, i.e. what the
 * run needed live, not how lazily the collector ran.
 */
final class CpuAndHeap {
    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
    private static volatile boolean listening;

    private CpuAndHeap() {}

    /** CPU time of the whole process so far, nanoseconds. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            long t = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        throw new IllegalStateException("this JVM does not report process CPU time (com.sun.management.OperatingSystemMXBean)");
    }

    /**
     * CPU time of the JIT compiler threads so far (Linux: {@code /proc/self/task}, user plus system time in the
     * kernel's 10 ms ticks), with the ids of those threads, so a caller can tell whether one ended in between (its
     * time would be lost: then the difference is unknown). Null where {@code /proc} cannot be read.
     */
    static JitCpu jitCpu() {
        Path tasks = Paths.get("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        long ticks = 0;
        Set<String> ids = new TreeSet<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                String name;
                String stat;
                try {
                    name = Files.readString(t.resolve("comm")).trim();
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended while we looked
                }
                // fields after the command name in parentheses: state is field 3, utime 14 and stime 15
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                ids.add(t.getFileName().toString());
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        return new JitCpu(ticks * 10_000_000L, ids);
    }

    /** The JIT compiler threads' CPU time, nanoseconds, and their thread ids. */
    static final class JitCpu {
        final long nanos;
        final Set<String> threadIds;

        JitCpu(long nanos, Set<String> threadIds) {
            this.nanos = nanos;
            this.threadIds = threadIds;
        }

        /** CPU time the compiler threads spent since {@code before}, or -1 if unknown (no /proc, or a thread ended). */
        long since(JitCpu before) {
            return before == null || !threadIds.containsAll(before.threadIds) ? -1 : nanos - before.nanos;
        }
    }

    /** CPU time of the calling thread so far, nanoseconds. */
    static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not report thread CPU time");
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        return threads.getCurrentThreadCpuTime();
    }

    /** Starts recording the heap in use after every garbage collection (idempotent). */
    static synchronized void trackPeakHeap() {
        if (listening) {
            return;
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (isHeapPool(pool.getKey())) {
                                used += pool.getValue().getUsed();
                            }
                        }
                        PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
        listening = true;
    }

    /** The peak heap after GC so far; the current heap in use if no collection happened yet. */
    static long peakHeapBytes() {
        long peak = PEAK_AFTER_GC.get();
        return peak > 0 ? peak : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static boolean isHeapPool(String name) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }
}
