package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.InternalTimerServiceImpl;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * The operator that runs {@link MessageLifecycleFunction}: Flink's keyed process operator (its timers, named
 * {@value #USER_TIMERS}, restore from every earlier release) plus
 * <ul>
 * <li>a second event-time timer service, {@value #CLEAR_TIMERS}, for expiries that only clear a message's state. Every
 * message's state expires once, stateHorizon after its latest event, and for almost every message that expiry emits
 * nothing. A timer of the process function reads the state first (on RocksDB, which Managed Flink runs, a native get
 * of a key written long ago, a block-cache or disk read) only to learn that there is nothing to do. The function knows,
 * each time it writes a message, whether its expiry will only clear ({@link LifecycleRules#expiryOnlyClears}); it then
 * puts the message's one timer in this service, whose firing drops the state unread;</li>
 * <li>the points where the function's heap copy of recent messages ({@link RecentMessages}) writes its changes back:
 * before a watermark advances the timers past an unwritten timer time, and before a checkpoint or savepoint takes the
 * keyed state.</li>
 * </ul>
 */
public final class MessageLifecycleOperator extends KeyedProcessOperator<String, CanonicalEvent, MessageDelta> {
    private static final long serialVersionUID = 1L;

    /** Name of Flink's timer service of a keyed process operator (the same service, got again). */
    static final String USER_TIMERS = "user-timers";
    /** Name of the timer service whose timers clear a message's state without reading it. */
    static final String CLEAR_TIMERS = "lifecycle-clear-timers";

    private transient InternalTimerService<VoidNamespace> clearTimers;

    public MessageLifecycleOperator(MessageLifecycleFunction lifecycle) {
        super(lifecycle);
    }

    private MessageLifecycleFunction lifecycle() {
        return (MessageLifecycleFunction) userFunction;
    }

    @Override
    public void open() throws Exception {
        // before super.open(), which opens the function: the function checks that it has its timers
        MessageLifecycleFunction lifecycle = lifecycle();
        clearTimers = getInternalTimerService(CLEAR_TIMERS, VoidNamespaceSerializer.INSTANCE, new Triggerable<String, VoidNamespace>() {
            @Override
            public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
                lifecycle.clearExpired(timer.getKey(), timer.getTimestamp());
            }

            @Override
            public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
                throw new IllegalStateException("the lifecycle registers no processing-time timers, got one at " + timer.getTimestamp());
            }
        });
        // the service super.open() creates for the function's timer service: same name, serializer and target
        InternalTimerService<VoidNamespace> userTimers = getInternalTimerService(USER_TIMERS, VoidNamespaceSerializer.INSTANCE, this);
        lifecycle.useOperator(this, userTimers, clearTimers);
        super.open();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        lifecycle().beforeWatermark(mark.getTimestamp());
        super.processWatermark(mark);
    }

    /**
     * A task calls this before it takes any part of a checkpoint or savepoint (timers kept on the heap are written
     * ahead of {@link #snapshotState}), so the changes are written here.
     */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        lifecycle().flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    /** Writes the changes again (none are left after {@link #prepareSnapshotPreBarrier}; a test harness calls only this). */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        lifecycle().flush();
        super.snapshotState(context);
    }

    /** Timers now waiting in the clear-timer service (for tests). */
    int numClearTimers() {
        return ((InternalTimerServiceImpl<?, ?>) clearTimers).numEventTimeTimers();
    }
}
