package com.example.eum.analytics.generator;

import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorSourceTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void sourceEmitsTheRecordSequenceInOrderWithArrivalAsIngestTime() throws Exception {
        GeneratorSettings s = TrafficGeneratorTest.settings(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 21);
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.getConfig().disableGenericTypes();
        assertThat(TypeInformation.of(RawRecord.class)).isInstanceOf(PojoTypeInfo.class);

        List<RawRecord> got = new ArrayList<>();
        try (CloseableIterator<RawRecord> it = GeneratorSource.create(env, s).executeAndCollect("generator-source-test")) {
            it.forEachRemaining(got::add);
        }

        List<RawRecord> expected = new ArrayList<>();
        RecordSequence seq = new RecordSequence(new TrafficModel(s));
        while (seq.hasNext()) {
            GeneratedRecord r = seq.next();
            expected.add(new RawRecord(r.payload, "generator", r.arrivalTime));
        }
        assertThat(expected).hasSize((int) GroundTruth.of(s).records).hasSizeGreaterThan(1000);
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void functionSeeksToAnyIndexLikeARestoredReader() throws Exception {
        GeneratorSettings s = TrafficGeneratorTest.settings(10, Duration.ofMinutes(1), Duration.ofMinutes(5), 42);
        GeneratorSource.RecordFunction f = new GeneratorSource.RecordFunction(s);
        RawRecord r500 = f.map(500L);
        RawRecord r501 = f.map(501L);
        RawRecord r10 = f.map(10L);
        GeneratorSource.RecordFunction fresh = new GeneratorSource.RecordFunction(s);
        assertThat(fresh.map(10L)).isEqualTo(r10);
        assertThat(fresh.map(501L)).isEqualTo(r501);
        assertThat(r500.ingestTime).isLessThanOrEqualTo(r501.ingestTime);
        assertThat(r500).isNotEqualTo(r501);
    }
}
