package com.example.eum.analytics.sink;

import com.example.eum.analytics.schema.Column;
import com.example.eum.analytics.schema.LakeLayout;
import com.example.eum.analytics.schema.TableSchema;

import java.util.Set;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Flink {@link BulkWriter.Factory} writing the rows of one lake table as Parquet, via flink-parquet's
 * {@link ParquetWriterFactory} and a {@link TableWriteSupport}. Compression is ZSTD (parquet-hadoop's own
 * zstd-jni codec, bundled in the job jar; read by Athena, Spark, Trino and DuckDB): in FileSizeBenchmark the events
 * table is about half the size it is with SNAPPY, written no slower (schemas/lake.md).
 */
public final class ParquetTableWriters {
    /** The codec of every lake file. */
    public static final CompressionCodecName COMPRESSION = CompressionCodecName.valueOf(LakeLayout.PARQUET_COMPRESSION);

    private ParquetTableWriters() {}

    /** A factory producing one Parquet writer per part file of the table. */
    public static <T> BulkWriter.Factory<T> factory(TableSchema<T> table) {
        return factory(table, COMPRESSION);
    }

    /** A factory with another codec; the lake uses {@link #COMPRESSION}, the file-size benchmark compares codecs. */
    static <T> BulkWriter.Factory<T> factory(TableSchema<T> table, CompressionCodecName codec) {
        return new ParquetWriterFactory<>(out -> tuned(new Builder<>(out, table), table).withCompressionCodec(codec).build());
    }

    /**
     * Columns whose values are (nearly) all different from row to row: the event id, the raw number and the millisecond
     * times. A dictionary cannot shrink them, yet Parquet hashes every value into one until the dictionary page
     * overflows and falls back to plain encoding (Binary.equals and dictionary rehashing in the profile of issue 11);
     * they are written plain from the start. The others keep their dictionaries, message_id and destination_hash too:
     * they repeat over a message's receipts, and with them off the file grew 8%. Measured with {@code bench --stages
     * writer} on 184,859 events: 200,000 instead of 171,000 events per CPU-second, 50 instead of 51 bytes per event.
     */
    static final Set<String> DISTINCT_PER_ROW = Set.of("event_id", "destination_number", "event_time", "request_time",
            "ingest_time");

    private static <T> Builder<T> tuned(Builder<T> builder, TableSchema<T> table) {
        for (Column<T> c : table.columns()) {
            if (DISTINCT_PER_ROW.contains(c.name())) {
                builder.withDictionaryEncoding(c.name(), false);
            }
        }
        return builder;
    }

    /** {@link ParquetWriter.Builder} over Flink's output stream (wrapped by flink-parquet as an {@link OutputFile}). */
    static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final TableSchema<T> table;

        Builder(OutputFile file, TableSchema<T> table) {
            super(file);
            this.table = table;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return new TableWriteSupport<>(table);
        }
    }
}
