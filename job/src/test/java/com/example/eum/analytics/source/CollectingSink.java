package com.example.eum.analytics.source;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stateless test sink that hands records to the test through a JVM-wide registry (the MiniCluster runs in the
 * test's JVM). Unlike {@code collectAsync()} it keeps no state, so a job restored from a savepoint of an earlier run
 * starts with an empty result.
 */
public final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
    }

    /** What the sink has received so far (a live, synchronized list). */
    @SuppressWarnings("unchecked")
    public List<T> results() {
        return (List<T>) (List<?>) RESULTS.get(id);
    }

    @Override
    public SinkWriter<T> createWriter(InitContext context) {
        List<Object> target = RESULTS.get(id);
        return new SinkWriter<T>() {
            @Override
            public void write(T element, Context ctx) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
