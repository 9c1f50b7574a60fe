package com.example.eum.analytics.bench;

/**
 * What one run of one stage measured; the forked JVM prints it as one JSON line, the command reads it back.
 * Every rate is per input record: a stage that works on decoded events still counts the input records whose
 * events it processed, so all rows compare with the parse floor and with each other.
 */
public class StageResult {
    /** {@link Stage#name()}. */
    public String stage;
    /** Input records covered by one measured pass (pipeline: records the decode operator read). */
    public long records;
    /** Canonical events covered by one pass (decoded, processed by the lifecycle, or written). */
    public long events;
    /** CPU time of one pass, nanoseconds: median over the measured passes (micro) or the whole process in the warm run (pipeline). */
    public long cpuNanos;
    /** Wall time of one pass, nanoseconds (the pipeline's job run; a micro stage's median pass). */
    public long wallNanos;
    /** Measured passes (micro stages; 1 for the pipeline). */
    public int passes;
    /** Largest heap in use just after a garbage collection (the live data the run needed), bytes. */
    public long peakHeapBytes;
    /** Full size of the largest completed checkpoint (lifecycle: the keyed-state snapshot), bytes; -1 if none. */
    public long checkpointBytes = -1;
    /** Bytes that checkpoint persisted itself (incremental RocksDB: only the new files), bytes; -1 if none. */
    public long checkpointedBytes = -1;
    /** Completed checkpoints (pipeline stages). */
    public int checkpoints;
    /** Keyed state of the lifecycle at that checkpoint, bytes; -1 if unknown. */
    public long lifecycleStateBytes = -1;
    /** Messages with lifecycle state at that checkpoint; -1 if unknown. */
    public long inFlightMessages = -1;
    /** Parquet bytes written for the events of one pass (writer stage); -1 otherwise. */
    public long outputBytes = -1;

    /**
     * Pipelines: of {@link #cpuNanos}, the JIT compiler threads' CPU time (Linux), nanoseconds; -1 if unknown. Still
     * a few seconds in the warm run: HotSpot keeps compiling for a while; a job running for days does not.
     */
    public long jitCpuNanos = -1;
    /** Pipelines: CPU time of the cold run (the JVM's first job, JIT compilation included), nanoseconds; -1 otherwise. */
    public long coldCpuNanos = -1;
    /** Pipelines: wall time of the cold run, nanoseconds; -1 otherwise. */
    public long coldWallNanos = -1;

    public double recordsPerCpuSecond() {
        return cpuNanos <= 0 ? 0 : records * 1e9 / cpuNanos;
    }

    /** Records per CPU-second not counting the JIT compiler threads (pipelines), or -1 when unknown. */
    public double exJitRecordsPerCpuSecond() {
        return jitCpuNanos < 0 || cpuNanos - jitCpuNanos <= 0 ? -1 : records * 1e9 / (cpuNanos - jitCpuNanos);
    }

    /** Records per CPU-second of the cold run (pipelines), or -1 when unknown. */
    public double coldRecordsPerCpuSecond() {
        return coldCpuNanos <= 0 ? -1 : records * 1e9 / coldCpuNanos;
    }

    public double recordsPerWallSecond() {
        return wallNanos <= 0 ? 0 : records * 1e9 / wallNanos;
    }

    /** Lifecycle state bytes per in-flight message, or -1 when either is unknown. */
    public double stateBytesPerMessage() {
        return lifecycleStateBytes < 0 || inFlightMessages <= 0 ? -1 : (double) lifecycleStateBytes / inFlightMessages;
    }
}
