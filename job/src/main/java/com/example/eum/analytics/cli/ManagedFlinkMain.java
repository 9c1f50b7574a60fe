package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.ConfigException;
import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.config.JobConfigLoader;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.pipeline.EngagementJob;
import com.example.eum.analytics.source.KinesisSources;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Main class of the deployable jar on Amazon Managed Service for Apache Flink: configuration from the application's
 * runtime property groups (deploy/PROPERTIES.md), validated before anything starts; Kinesis in, the lake out.
 * Checkpointing and parallelism come from the service. Off the service (a local execution environment, e.g. run
 * from an IDE) it reads the same groups from the resource {@value #DEV_PROPERTIES} instead, the Managed Flink
 * examples' convention.
 */
public final class ManagedFlinkMain {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedFlinkMain.class);
    /** Property groups for runs off the service (src/main/resources; streams of kinesis-local, a local lake). */
    static final String DEV_PROPERTIES = "flink-application-properties-dev.json";

    private ManagedFlinkMain() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobConfig cfg;
        try {
            cfg = loader(env).load();
            for (String warning : cfg.validate(JobConfig.Mode.KINESIS)) {
                LOG.warn("configuration: {}", warning);
            }
        } catch (ConfigException e) {
            LOG.error("invalid configuration, the job does not start:\n  {}", String.join("\n  ", e.problems()));
            throw e;
        }
        LOG.info("starting with {}", cfg); // toString() redacts the hash key and connector secrets
        build(env, cfg);
        env.execute("engagement-analytics");
    }

    /** The service's runtime properties, or the {@value #DEV_PROPERTIES} resource when {@code env} is local. */
    static JobConfigLoader loader(StreamExecutionEnvironment env) throws IOException {
        if (!(env instanceof LocalStreamEnvironment)) {
            return JobConfigLoader.fromManagedFlinkRuntime();
        }
        LOG.info("not on Managed Flink (local environment): property groups from the resource {}", DEV_PROPERTIES);
        Path copy = Files.createTempFile("flink-application-properties-dev", ".json");
        copy.toFile().deleteOnExit();
        try (InputStream in = ManagedFlinkMain.class.getClassLoader().getResourceAsStream(DEV_PROPERTIES)) {
            if (in == null) {
                throw new IOException(DEV_PROPERTIES + " is missing from the classpath (job/src/main/resources)");
            }
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return new JobConfigLoader().propertyGroupsFile(copy);
    }

    /** The Kinesis job on {@code env}: Kinesis sources into the assembled job (pipeline and sinks). Also used by the local {@code kinesis} command. */
    static EngagementJob build(StreamExecutionEnvironment env, JobConfig cfg) {
        env.getConfig().disableGenericTypes();
        DataStream<RawRecord> raw = KinesisSources.create(env, cfg);
        return EngagementJob.assemble(raw, cfg);
    }
}
