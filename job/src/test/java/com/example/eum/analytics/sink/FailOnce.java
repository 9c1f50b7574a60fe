package com.example.eum.analytics.sink;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Failure injection for exactly-once tests: passes records through and throws once, on the first attempt, after it
 * has passed {@code after} records and seen a checkpoint complete (so the restart resumes from a checkpoint, not from
 * the start); a marker file remembers that it failed. Give the map its type with {@code .returns(...)}.
 */
public final class FailOnce<T> extends RichMapFunction<T, T> implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    private final String marker;
    private final int after;
    private int seen;
    private boolean checkpointed;

    public FailOnce(String marker, int after) {
        this.marker = marker;
        this.after = after;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }

    @Override
    public T map(T record) throws IOException {
        if (++seen > after && checkpointed && !Files.exists(Paths.get(marker))) {
            Files.createFile(Paths.get(marker));
            throw new IllegalStateException("injected failure after " + after + " records");
        }
        return record;
    }
}
