/**
 * Realistic, deterministic traffic for the job: the default source of the local run, a load generator, and a
 * writer of replay files and Kinesis records.
 *
 * <p>Data flow: {@link com.example.eum.analytics.generator.GeneratorSettings} (rate and duration in simulated event
 * time, seed, country mix, shares, {@link com.example.eum.analytics.generator.InjectedIncident}s) →
 * {@link com.example.eum.analytics.generator.RequestSchedule} (when message {@code i} is requested: the run's own
 * stream merged with each surge incident's) → {@link com.example.eum.analytics.generator.TrafficModel} (what happens
 * to message {@code i}: a pure function of seed and index, with per-country
 * {@link com.example.eum.analytics.generator.CountryProfile}s and valid fictional numbers from
 * {@link com.example.eum.analytics.generator.PhoneNumberPool}) → {@link com.example.eum.analytics.generator.RecordSequence}
 * (all records in arrival order = event time + transport delay, so the stream has realistic disorder, duplicates,
 * hours-late and malformed records) → payload bytes exactly as AWS delivers them (raw configuration-set events, SNS,
 * EventBridge, gzip CloudWatch Logs batches, WhatsApp Social header + webhook entry string, message feedback).
 *
 * <p>Consumers: {@link com.example.eum.analytics.generator.GeneratorSource} (Flink, {@code RawRecord.ingestTime} =
 * simulated arrival time), {@link com.example.eum.analytics.generator.ReplayFileWriter} (one record per line: a line
 * starting with '{' is JSON, any other non-empty line is base64 of binary bytes; {@code .gz} compresses), and
 * {@link com.example.eum.analytics.generator.KinesisWriter} (PutRecords, partition key = message id).
 *
 * <p>{@link com.example.eum.analytics.generator.GroundTruth} counts what was injected, from the records actually
 * emitted before the run's horizon, with the job's counting rules; tests compare it to an independent recount.
 * Pending and feedback-failed counts assume the job sees the end of a bounded input (final watermark fires the 1 h
 * feedback timers).
 */
package com.example.eum.analytics.generator;
