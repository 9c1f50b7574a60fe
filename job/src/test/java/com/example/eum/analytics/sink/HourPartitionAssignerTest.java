package com.example.eum.analytics.sink;

import com.example.eum.analytics.schema.Tables;

import org.junit.jupiter.api.Test;

import static com.example.eum.analytics.sink.LakeRows.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Partition paths are UTC hours of the table's partition time. */
class HourPartitionAssignerTest {
    @Test
    void partitionIsTheUtcHour() {
        assertThat(HourPartitionAssigner.partitionOf(at("2026-11-23T05:00:00Z"))).isEqualTo("dt=2026-11-23/hour=05");
        assertThat(HourPartitionAssigner.partitionOf(at("2026-11-23T05:59:59.999Z"))).isEqualTo("dt=2026-11-23/hour=05");
        assertThat(HourPartitionAssigner.partitionOf(at("2026-12-31T23:59:59.999Z"))).isEqualTo("dt=2026-12-31/hour=23");
        assertThat(HourPartitionAssigner.partitionOf(at("2027-01-01T00:00:00Z"))).isEqualTo("dt=2027-01-01/hour=00");
        assertThat(HourPartitionAssigner.partitionOf(0L)).isEqualTo("dt=1970-01-01/hour=00");
    }

    @Test
    void eventsArePartitionedByEventTimeAndDeadLettersByIngestTime() {
        assertThat(new HourPartitionAssigner<>(Tables.EVENTS).getBucketId(
                LakeRows.fullEvent("e1", at("2026-11-23T23:30:00Z")), null)).isEqualTo("dt=2026-11-23/hour=23");
        assertThat(new HourPartitionAssigner<>(Tables.DEAD_LETTERS).getBucketId(
                LakeRows.deadLetter("empty", at("2026-11-24T01:02:03Z"), null, false), null)).isEqualTo("dt=2026-11-24/hour=01");
    }
}
