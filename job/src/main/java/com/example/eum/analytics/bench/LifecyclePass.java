package com.example.eum.analytics.bench;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.fees.WhatsAppFees;
import com.example.eum.analytics.lifecycle.MessageLifecycleFunction;
import com.example.eum.analytics.lifecycle.MessageLifecycleOperator;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.pipeline.RocksDbSettings;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lifecycle alone: the job's {@link MessageLifecycleFunction} operator, keyed by message id, on a real state
 * backend (heap, or RocksDB with incremental checkpoints as Managed Flink runs it) inside Flink's operator test
 * harness, fed the pre-decoded events in input order with the pipeline's bounded-out-of-orderness watermark every
 * {@value #WATERMARK_EVERY} events. After the last event (while every message is still in flight) it takes a
 * checkpoint and records the keyed-state size and the number of messages in state; then the end-of-input watermark
 * fires the remaining timers, as at the end of a replay. The checkpoint itself is not in the CPU figure (it runs
 * asynchronously in a job; the pipeline stages count it).
 */
final class LifecyclePass implements MicroRunner.Pass {
    static final int WATERMARK_EVERY = 1_000;
    private static final long MANAGED_MEMORY_BYTES = 256L << 20;

    private final JobConfig cfg;
    private final WhatsAppFees fees;
    private final List<CanonicalEvent> events;
    private final Stage.Backend backend;
    private final Path checkpointDir;
    /** Figures of the last pass: deltas emitted, keyed-state snapshot size, messages in state at the snapshot. */
    long deltas;
    long stateBytes;
    long inFlightMessages;

    LifecyclePass(JobConfig cfg, WhatsAppFees fees, List<CanonicalEvent> events, Stage.Backend backend, Path checkpointDir) {
        this.cfg = cfg;
        this.fees = fees;
        this.events = events;
        this.backend = backend;
        this.checkpointDir = checkpointDir;
    }

    @Override
    public long run() throws Exception {
        long outOfOrdernessMs = cfg.maxOutOfOrderness.toMillis();
        try (MockEnvironment env = new MockEnvironmentBuilder().setManagedMemorySize(MANAGED_MEMORY_BYTES).build();
             KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h = new KeyedOneInputStreamOperatorTestHarness<>(
                     new MessageLifecycleOperator(new MessageLifecycleFunction(cfg, fees)), e -> e.messageId, Types.STRING, env)) {
            h.setStateBackend(stateBackend());
            h.setCheckpointStorage(new FileSystemCheckpointStorage(checkpointDir.toUri()));
            h.getExecutionConfig().disableGenericTypes();
            h.open();
            long emitted = 0;
            long maxTime = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            long began = CpuAndHeap.threadCpuNanos();
            int n = 0;
            for (CanonicalEvent e : events) {
                h.processElement(e, e.eventTime);
                maxTime = Math.max(maxTime, e.eventTime);
                if (++n % WATERMARK_EVERY == 0) {
                    emitted += drainOutput(h);
                    long next = maxTime - outOfOrdernessMs - 1;
                    if (next > watermark) {
                        watermark = next;
                        h.processWatermark(watermark);
                    }
                }
            }
            long cpu = CpuAndHeap.threadCpuNanos() - began;

            OperatorSubtaskState snapshot = h.snapshot(1L, System.currentTimeMillis());
            long bytes = 0;
            for (KeyedStateHandle handle : snapshot.getManagedKeyedState()) {
                bytes += handle.getStateSize();
            }
            long keys;
            try (Stream<?> inState = h.getOperator().getKeyedStateBackend().getKeys("message", VoidNamespace.INSTANCE)) {
                keys = inState.count();
            }

            began = CpuAndHeap.threadCpuNanos();
            h.processWatermark(Long.MAX_VALUE);
            cpu += CpuAndHeap.threadCpuNanos() - began;
            emitted += drainOutput(h);
            deltas = emitted;
            stateBytes = bytes;
            inFlightMessages = keys;
            return cpu;
        }
    }

    /** Deltas collected by the harness since the last call (watermarks in the output are not counted); clears it. */
    private static long drainOutput(KeyedOneInputStreamOperatorTestHarness<String, CanonicalEvent, MessageDelta> h) {
        long records = 0;
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                records++;
            }
        }
        h.getOutput().clear();
        return records;
    }

    private StateBackend stateBackend() {
        // RocksDB as the job configures it for itself (RocksDbSettings), on top of Managed Flink's incremental checkpoints
        return backend == Stage.Backend.ROCKSDB
                ? new EmbeddedRocksDBStateBackend(true).configure(RocksDbSettings.jobConfiguration(), getClass().getClassLoader())
                : new HashMapStateBackend();
    }
}
