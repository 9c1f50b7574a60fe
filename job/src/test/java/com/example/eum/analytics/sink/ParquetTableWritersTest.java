package com.example.eum.analytics.sink;

import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.schema.Tables;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.example.eum.analytics.sink.LakeRows.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Parquet schema derived from the table schemas, the writer's codec and its refusal of nulls in required columns. */
class ParquetTableWritersTest {
    @TempDir
    Path dir;

    @Test
    void deadLetterSchemaIsDerivedColumnByColumn() {
        MessageType expected = MessageTypeParser.parseMessageType("message dead_letters {\n"
                + "  required binary reason (STRING);\n"
                + "  optional binary detail (STRING);\n"
                + "  optional binary source (STRING);\n"
                + "  required int64 ingest_time (TIMESTAMP(MILLIS,true));\n"
                + "  optional binary payload (STRING);\n"
                + "  required boolean payload_base64;\n"
                + "  required int32 payload_bytes;\n"
                + "  required boolean payload_truncated;\n"
                + "}");
        assertThat(ParquetSchemas.messageType(Tables.DEAD_LETTERS)).isEqualTo(expected);
    }

    @Test
    void moneyIsDecimalAndContextIsAStandardMap() {
        MessageType events = ParquetSchemas.messageType(Tables.EVENTS);
        assertThat(events.getType("price_usd").toString()).isEqualTo("optional int64 price_usd (DECIMAL(18,6))");
        assertThat(events.getType("event_time").toString()).isEqualTo("required int64 event_time (TIMESTAMP(MILLIS,true))");
        assertThat(events.getType("context")).isEqualTo(MessageTypeParser.parseMessageType("message m {\n"
                + "  optional group context (MAP) {\n"
                + "    repeated group key_value {\n"
                + "      required binary key (STRING);\n"
                + "      optional binary value (STRING);\n"
                + "    }\n"
                + "  }\n"
                + "}").getType("context"));
        assertThat(events.getFieldCount()).isEqualTo(Tables.EVENTS.columns().size());
    }

    @Test
    void filesAreZstdCompressed() throws Exception {
        Path file = dir.resolve("events.parquet");
        BulkWriter<CanonicalEvent> writer = ParquetTableWriters.factory(Tables.EVENTS).create(create(file));
        writer.addElement(LakeRows.fullEvent("e1", at("2026-11-23T05:10:00Z")));
        writer.addElement(LakeRows.sparseEvent("e2", at("2026-11-23T05:11:00Z")));
        writer.finish();
        assertThat(DuckDbLake.query("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')"))
                .containsExactly(java.util.List.of("ZSTD"));
        assertThat(DuckDbLake.count("SELECT count(*) FROM read_parquet('" + file + "')")).isEqualTo(2);
    }

    @Test
    void nullInARequiredColumnNamesTableAndColumn() throws Exception {
        BulkWriter<DeadLetter> writer = ParquetTableWriters.factory(Tables.DEAD_LETTERS).create(create(dir.resolve("dl.parquet")));
        DeadLetter noReason = LakeRows.deadLetter("empty", at("2026-11-23T05:10:00Z"), null, false);
        noReason.reason = null;
        assertThatThrownBy(() -> writer.addElement(noReason))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("null in required column dead_letters.reason");
    }

    private static FSDataOutputStream create(Path file) throws Exception {
        return FileSystem.getLocalFileSystem().create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.OVERWRITE);
    }
}
