package com.example.eum.analytics.bench;

import java.util.Locale;

/**
 * What one benchmark stage measures. Each stage runs in its own JVM (see {@link StageFork}), so its CPU time and
 * peak heap are its own. The micro stages (floor, decoder, lifecycle, writer) run one thread over the whole input
 * with warm-up passes first; the pipeline stages run the replay path once in a local MiniCluster.
 */
public enum Stage {
    FLOOR("parse floor (Jackson streaming, 1 thread)", Kind.MICRO, null, 1),
    DECODER("decoder alone (1 thread)", Kind.MICRO, null, 1),
    LIFECYCLE_HEAP("lifecycle alone, heap backend", Kind.MICRO, Backend.HASHMAP, 1),
    LIFECYCLE_ROCKSDB("lifecycle alone, RocksDB incremental", Kind.MICRO, Backend.ROCKSDB, 1),
    WRITER("Parquet writer alone, events table", Kind.MICRO, null, 1),
    PIPELINE_HEAP("whole pipeline p1, heap backend", Kind.PIPELINE, Backend.HASHMAP, 1),
    PIPELINE_ROCKSDB("whole pipeline p1, RocksDB incremental", Kind.PIPELINE, Backend.ROCKSDB, 1),
    PIPELINE_HEAP_P2("whole pipeline p2, heap backend", Kind.PIPELINE, Backend.HASHMAP, 2);

    /** Micro stages measure one thread's CPU time over warm passes; pipeline stages the whole process's. */
    public enum Kind { MICRO, PIPELINE }

    /** Flink's two state backends, by their {@code state.backend.type} names. */
    public enum Backend { HASHMAP, ROCKSDB }

    public final String label;
    public final Kind kind;
    public final Backend backend;
    public final int parallelism;

    Stage(String label, Kind kind, Backend backend, int parallelism) {
        this.label = label;
        this.kind = kind;
        this.backend = backend;
        this.parallelism = parallelism;
    }

    /** The name used on the command line ({@code --stages}): lower case with dashes, e.g. {@code pipeline-rocksdb}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The stage of a {@link #cliName()}, or an IllegalArgumentException listing the valid names. */
    public static Stage fromCliName(String name) {
        for (Stage s : values()) {
            if (s.cliName().equals(name.trim())) {
                return s;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Stage s : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(s.cliName());
        }
        throw new IllegalArgumentException("unknown stage '" + name + "'; choose from " + names);
    }
}
