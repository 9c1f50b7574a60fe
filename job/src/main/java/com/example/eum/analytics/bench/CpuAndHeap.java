package com.example.eum.analytics.bench;

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
