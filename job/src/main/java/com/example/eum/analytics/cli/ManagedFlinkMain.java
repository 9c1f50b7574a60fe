package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.ConfigException;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.config.JobConfigLoader;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.pipeline.EngagementPipeline;
import com.example.eum.analytics.sink.LakeSink;
import com.example.eum.analytics.source.KinesisSources;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main class of the deployable jar on Amazon Managed Service for Apache Flink: configuration from the application's
 * runtime property groups (deploy/PROPERTIES.md), validated before anything starts; Kinesis in, the lake out.
 * Checkpointing and parallelism come from the service.
 */
public final class ManagedFlinkMain {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedFlinkMain.class);

    private ManagedFlinkMain() {}

    public static void main(String[] args) throws Exception {
        JobConfig cfg;
        try {
            cfg = JobConfigLoader.fromManagedFlinkRuntime().load();
            for (String warning : cfg.validate(JobConfig.Mode.KINESIS)) {
                LOG.warn("configuration: {}", warning);
            }
        } catch (ConfigException e) {
            LOG.error("invalid configuration, the job does not start:\n  {}", String.join("\n  ", e.problems()));
            throw e;
        }
        LOG.info("starting with {}", cfg); // toString() redacts the hash key and connector secrets
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, cfg);
        env.execute("engagement-analytics");
    }

    /** The Kinesis job on {@code env}: sources, pipeline and lake sinks. Also used by the local {@code kinesis} command. */
    static void build(StreamExecutionEnvironment env, JobConfig cfg) {
        env.getConfig().disableGenericTypes();
        DataStream<RawRecord> raw = KinesisSources.create(env, cfg);
        LakeSink.attachAll(EngagementPipeline.build(raw, cfg), cfg.output);
    }
}
