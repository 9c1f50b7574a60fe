package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.SumColumn;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Window state names its columns: totals survive column additions, reorderings and removals across releases. */
class MetricsAccumulatorTest {

    private static MessageDelta named(long t, String carrier) {
        MessageDelta d = Deltas.delta(t, com.example.eum.analytics.model.Channel.SMS, "US", "+1", "m" + t);
        d.carrierName = carrier;
        return d;
    }

    @Test
    void carrierNameIsTheOneOnTheLatestAttributedDeltaWhateverTheArrivalOrder() {
        MessageDelta[] deltas = {named(1_000, "AT&T"), named(3_000, "AT&T Mobility"), named(2_000, "ATT"), named(4_000, null),
                named(3_000, "AT&T Mobility LLC")};
        java.util.List<String> seen = new java.util.ArrayList<>();
        for (int rotation = 0; rotation < deltas.length; rotation++) {
            MetricsAccumulator a = new MetricsAccumulator();
            MetricsAccumulator b = new MetricsAccumulator();
            for (int i = 0; i < deltas.length; i++) {
                (i % 2 == 0 ? a : b).add(deltas[(i + rotation) % deltas.length]);
            }
            a.merge(b);
            seen.add(a.carrierName);
        }
        // latest attribution time 3000 (the null name at 4000 names nothing); tie broken by the larger name
        assertThat(seen).containsOnly("AT&T Mobility LLC");
        assertThat(new MetricsAccumulator().carrierName).isNull();
    }

    @Test
    void stateOfRelease1WithoutColumnNamesIsReadInRelease1Order() {
        MetricsAccumulator old = new MetricsAccumulator();
        old.columns = null;
        old.sums = new long[MetricsAccumulator.RELEASE_1_COLUMNS.length];
        for (int i = 0; i < old.sums.length; i++) {
            old.sums[i] = 100 + i;
        }
        for (int i = 0; i < MetricsAccumulator.RELEASE_1_COLUMNS.length; i++) {
            assertThat(old.get(SumColumn.byColumnName(MetricsAccumulator.RELEASE_1_COLUMNS[i])))
                    .as(MetricsAccumulator.RELEASE_1_COLUMNS[i]).isEqualTo(100 + i);
        }
    }

    @Test
    void totalsAreMatchedByNameWhateverTheOrderAndUnknownColumnsAreDropped() {
        MetricsAccumulator restored = new MetricsAccumulator();
        restored.columns = new String[] {"delivered", "a_column_since_removed", "messages"};
        restored.sums = new long[] {5, 99, 7};
        MessageDelta d = new MessageDelta();
        d.set(SumColumn.MESSAGES, 1);
        d.set(SumColumn.PENDING, 1);
        restored.add(d);
        assertThat(restored.get(SumColumn.MESSAGES)).isEqualTo(8);
        assertThat(restored.get(SumColumn.DELIVERED)).isEqualTo(5);
        assertThat(restored.get(SumColumn.PENDING)).isEqualTo(1);
        assertThat(restored.sums).hasSize(SumColumn.COUNT);
        assertThat(restored.columns).doesNotContain("a_column_since_removed");
    }

    @Test
    void mergingAccumulatorsOfDifferentLayoutsAddsByName() {
        MetricsAccumulator a = new MetricsAccumulator();
        a.columns = new String[] {"messages"};
        a.sums = new long[] {2};
        MetricsAccumulator b = new MetricsAccumulator();
        b.columns = null;
        b.sums = new long[MetricsAccumulator.RELEASE_1_COLUMNS.length];
        b.sums[0] = 3; // release 1: messages first
        a.merge(b);
        assertThat(a.get(SumColumn.MESSAGES)).isEqualTo(5);
    }

    /** Window state of releases 1 and 2 is Flink's POJO serializer's: the class must stay a POJO that it reads. */
    @Test
    void theClassStaysAFlinkPojoWhoseSerializerRoundTripsTheColumnNames() throws Exception {
        TypeSerializer<MetricsAccumulator> serializer = TypeInformation.of(MetricsAccumulator.class).createSerializer(new ExecutionConfig());
        assertThat(serializer.getClass().getSimpleName()).isEqualTo("PojoSerializer");
        MetricsAccumulator acc = new MetricsAccumulator();
        MessageDelta d = new MessageDelta();
        d.set(SumColumn.CONVERTED, 3);
        d.latencyMs = 1_000;
        acc.add(d);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(acc, out);
        MetricsAccumulator back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.columns).containsExactly(acc.columns);
        assertThat(back.get(SumColumn.CONVERTED)).isEqualTo(3);
        assertThat(back.latency.count).isEqualTo(1);
    }
}
