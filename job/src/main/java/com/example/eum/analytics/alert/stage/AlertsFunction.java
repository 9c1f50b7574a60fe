package com.example.eum.analytics.alert.stage;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertContext;
import com.example.eum.analytics.alert.AlertEngine;
import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.AlertSettings;
import com.example.eum.analytics.alert.KeyState;
import com.example.eum.analytics.alert.RatePriors;
import com.example.eum.analytics.alert.WindowCounts;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The alerts operator, keyed by {@link AlertKey#id()}: holds each key's inputs until the watermark passes the end of
 * their window (every metrics row of that window has then arrived: the window operators emit a window before they
 * forward the watermark that closes it), sums them into one {@link WindowCounts} and lets {@link AlertEngine}
 * observe it against the key's {@link KeyState}; the alerts it returns are emitted.
 *
 * <p>State per key, each in a versioned binary form (an upgrade can migrate it): the {@link KeyState}, the
 * {@link PendingWindows} and the end of the last observed window. An event-time timer {@code idleTimeout} after
 * the last observed window clears all of it: a key that stays quiet that long starts again from its country's
 * prior (open incidents on it end without a RESOLVED).
 */
public final class AlertsFunction extends KeyedProcessFunction<String, AlertInput, Alert> {
    private static final long serialVersionUID = 1L;

    private final AlertSettings settings;
    private final long idleTimeoutMs;

    private transient ValueState<byte[]> keyState;
    private transient ValueState<byte[]> pending;
    private transient ValueState<Long> lastObservedEnd;
    private transient ValueState<Long> idleTimer;
    private transient AlertEngine engine;
    private transient AlertContext context;
    private transient Counter alertsEmitted;
    private transient Counter ignoredInputs;
    private transient Counter expiredKeys;

    public AlertsFunction(AlertSettings settings, long idleTimeoutMs) {
        this.settings = settings;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    @Override
    public void open(Configuration parameters) {
        keyState = getRuntimeContext().getState(new ValueStateDescriptor<>("alert-key-state", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("alert-pending-windows", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        lastObservedEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("alert-last-observed-end", Types.LONG));
        idleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("alert-idle-timer", Types.LONG));
        engine = new AlertEngine();
        context = new AlertContext(settings, new RatePriors(settings), Double.NaN);
        alertsEmitted = getRuntimeContext().getMetricGroup().counter("alertsEmitted");
        ignoredInputs = getRuntimeContext().getMetricGroup().counter("alertInputsAfterObservation");
        expiredKeys = getRuntimeContext().getMetricGroup().counter("alertKeysExpired");
    }

    @Override
    public void processElement(AlertInput in, Context ctx, Collector<Alert> out) throws Exception {
        Long observed = lastObservedEnd.value();
        if (observed != null && in.windowEnd <= observed) {
            // a revision (or example) of a window the rules have already observed: the lake has it, the rules do not
            ignoredInputs.inc();
            return;
        }
        PendingWindows p = PendingWindows.fromBytes(pending.value());
        boolean newWindow = p.add(in, settings.maxExampleMessageIds);
        pending.update(p.toBytes());
        if (newWindow) {
            // one timer per pending window, and the expiry looked up only then (on RocksDB each is a state access;
            // a key without an expiry has no pending window, since clearing it clears both)
            ctx.timerService().registerEventTimeTimer(in.windowEnd - 1);
            if (idleTimer.value() == null) {
                // a key with only examples or late inputs still goes away
                scheduleExpiry(ctx, in.windowEnd - 1);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long expiry = idleTimer.value();
        PendingWindows p = PendingWindows.fromBytes(pending.value());
        if (expiry != null && timestamp >= expiry && p.isEmpty()) {
            clear();
            expiredKeys.inc();
            return;
        }
        AlertKey key = AlertInputs.keyOf(ctx.getCurrentKey());
        List<WindowCounts> closed = p.takeClosed(key, timestamp);
        if (closed.isEmpty()) {
            if (p.isEmpty() && keyState.value() == null) {
                // only example ids, and no metrics row of this key ever: nothing to keep
                if (expiry != null) {
                    ctx.timerService().deleteEventTimeTimer(expiry);
                }
                clear();
            } else if (p.isEmpty()) {
                pending.clear();
            } else {
                pending.update(p.toBytes());
            }
            return;
        }
        KeyState state = readKeyState(keyState.value());
        long lastEnd = Long.MIN_VALUE;
        for (WindowCounts w : closed) {
            for (Alert a : engine.observe(state, w, context)) {
                alertsEmitted.inc();
                out.collect(a);
            }
            lastEnd = Math.max(lastEnd, w.windowEnd);
        }
        keyState.update(writeKeyState(state));
        lastObservedEnd.update(lastEnd);
        if (p.isEmpty()) {
            pending.clear();
        } else {
            pending.update(p.toBytes());
        }
        scheduleExpiry(ctx, lastEnd - 1);
    }

    /** Moves the key's expiry timer to {@code idleTimeout} after {@code activity}. */
    private void scheduleExpiry(Context ctx, long activity) throws IOException {
        Long previous = idleTimer.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        long at = activity + idleTimeoutMs;
        ctx.timerService().registerEventTimeTimer(at);
        idleTimer.update(at);
    }

    private void clear() {
        keyState.clear();
        pending.clear();
        lastObservedEnd.clear();
        idleTimer.clear();
    }

    static KeyState readKeyState(byte[] bytes) {
        if (bytes == null) {
            return new KeyState();
        }
        try {
            return KeyState.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] writeKeyState(KeyState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            state.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
