package com.example.eum.analytics.sink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The execution environment of the sink tests: no Kryo, 200 ms checkpoints (files commit on checkpoints). */
final class LakeTestJobs {
    private LakeTestJobs() {}

    /** Fails fast: no restarts. */
    static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return environment(conf, parallelism);
    }

    static StreamExecutionEnvironment environment(Configuration conf, int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        env.enableCheckpointing(200);
        env.setParallelism(parallelism);
        return env;
    }
}
