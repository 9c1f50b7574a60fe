package com.example.eum.analytics.pipeline;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The RocksDB settings the job carries in its own (job-level) configuration, which Flink lays over the cluster's
 * when a task creates its state backend. Managed Flink runs RocksDB and does not let an application change the
 * cluster's configuration, so this is where the job can tune it; on the heap backend they are unused.
 *
 * <p><b>Write buffer size.</b> Flink bounds all RocksDB instances of a slot by one write buffer manager (half the
 * slot's managed memory: 64 MiB of a local run's 128 MiB). Each column family that is written holds at least one
 * arena block in that budget, and Flink's default 64 MiB write buffer means 8 MiB arena blocks. This job writes
 * more than a dozen column families per slot (the lifecycle's state and timers, three metrics windows' contents and
 * timers, the use-case limit, the alert stage), so with the defaults the manager is always over budget: measured,
 * 10,036 flushes of about 100 KiB memtables in 35 s in the lifecycle's instance alone, and RocksDB's compaction
 * threads burning 65% of the process's CPU. 8 MiB buffers (1 MiB arena blocks) leave room for 56 of them:
 * `bench --stages pipeline-rocksdb` on 246,975 records went from 369 to about 49 CPU-seconds.
 *
 * <p><b>Bloom filters.</b> Every message's first event looks up a key that is not in state yet, and without filters
 * RocksDB searches every level's index and data blocks to learn that; half the lifecycle's CPU on RocksDB was the
 * native {@code get}. With Flink's bloom filters (10 bits per key) a missing key is usually answered from the filter:
 * the lifecycle alone on RocksDB went from about 70,000 to 89,000 records per CPU-second.
 */
public final class RocksDbSettings {
    /** Memtable size per column family (Flink's default: 64 MiB). */
    public static final MemorySize WRITE_BUFFER_SIZE = MemorySize.ofMebiBytes(8);

    private RocksDbSettings() {}

    /** The settings as job-level configuration. */
    public static Configuration jobConfiguration() {
        Configuration conf = new Configuration();
        conf.set(RocksDBConfigurableOptions.WRITE_BUFFER_SIZE, WRITE_BUFFER_SIZE);
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        return conf;
    }

    /** Adds the settings to the job built on {@code env} (whatever state backend the cluster gives it). */
    public static void applyTo(StreamExecutionEnvironment env) {
        env.configure(jobConfiguration());
    }
}
