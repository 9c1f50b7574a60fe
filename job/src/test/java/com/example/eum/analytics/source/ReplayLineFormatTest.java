package com.example.eum.analytics.source;

import com.example.eum.analytics.model.RawRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayLineFormatTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lineRule() {
        RawRecord json = ReplayLineFormat.toRecord(utf8("  {\"a\":1}\r"), "f", 7L);
        assertThat(new String(json.payload, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(json.source).isEqualTo("f");
        assertThat(json.ingestTime).isEqualTo(7L);
        assertThat(json.transportError).isNull();

        byte[] withBom = new byte[BOM.length + 7];
        System.arraycopy(BOM, 0, withBom, 0, 3);
        System.arraycopy(utf8("{\"a\":1}"), 0, withBom, 3, 7);
        assertThat(new String(ReplayLineFormat.toRecord(withBom, "f", 0L).payload, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");

        byte[] binary = {0x1f, (byte) 0x8b, 0, 1, 2, (byte) 0xff};
        RawRecord b64 = ReplayLineFormat.toRecord(utf8(Base64.getEncoder().encodeToString(binary)), "f", 0L);
        assertThat(b64.payload).isEqualTo(binary);
        assertThat(b64.transportError).isNull();

        RawRecord bad = ReplayLineFormat.toRecord(utf8("this is not base64!"), "f", 0L);
        assertThat(bad.transportError).isEqualTo("bad_base64");
        assertThat(new String(bad.payload, StandardCharsets.UTF_8)).isEqualTo("this is not base64!");

        assertThat(ReplayLineFormat.toRecord(utf8(" \t\r"), "f", 0L)).isNull();
        assertThat(ReplayLineFormat.toRecord(new byte[0], "f", 0L)).isNull();
    }

    private static byte[] replayContent() throws IOException {
        byte[] gz;
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(utf8("{\"messageType\":\"CONTROL_MESSAGE\"}"));
        }
        gz = bo.toByteArray();
        String text = "{\"line\":1}\n"
                + "\n"
                + Base64.getEncoder().encodeToString(gz) + "\r\n"
                + "   \n"
                + "%%% not base64\n"
                + "{\"line\":4}";          // last line without a newline
        return utf8(text);
    }

    private static List<RawRecord> run(Path path) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                new Configuration().set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none"));
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        FileSource<RawRecord> source = ReplayFileSource.of(path);
        DataStream<RawRecord> s = env.fromSource(source, WatermarkStrategy.noWatermarks(), "replay");
        List<RawRecord> out = new ArrayList<>();
        try (CloseableIterator<RawRecord> it = s.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static void assertContent(List<RawRecord> got, String source) {
        assertThat(got).hasSize(4);
        assertThat(new String(got.get(0).payload, StandardCharsets.UTF_8)).isEqualTo("{\"line\":1}");
        assertThat(got.get(1).payload[0] & 0xff).isEqualTo(0x1f);
        assertThat(got.get(2).transportError).isEqualTo("bad_base64");
        assertThat(new String(got.get(3).payload, StandardCharsets.UTF_8)).isEqualTo("{\"line\":4}");
        assertThat(got).extracting(r -> r.source).containsOnly(source);
        assertThat(got).allMatch(r -> r.ingestTime > 0);
    }

    @Test
    void readsAPlainAndAGzipFileThroughFlink(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path plain = dir.resolve("events.jsonl");
        Files.write(plain, replayContent());
        java.nio.file.Path gz = dir.resolve("events.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(replayContent());
        }
        assertContent(run(new Path(plain.toUri())), "replay:events.jsonl");
        assertContent(run(new Path(gz.toUri())), "replay:events.jsonl.gz");

        java.nio.file.Path sub = dir.resolve("batch");
        Files.createDirectories(sub);
        Files.copy(plain, sub.resolve("a.jsonl"));
        Files.copy(gz, sub.resolve("b.jsonl.gz"));
        List<RawRecord> both = run(new Path(sub.toUri()));
        both.sort(Comparator.comparing(r -> new String(r.payload, StandardCharsets.ISO_8859_1)));
        assertThat(both).hasSize(8);
        // every record names the file it came from, not the directory
        assertThat(both).extracting(r -> r.source).containsOnly("replay:a.jsonl", "replay:b.jsonl.gz");
        assertThat(both).filteredOn(r -> "bad_base64".equals(r.transportError)).hasSize(2);
    }

    @Test
    void producesAPojoType() {
        TypeInformation<RawRecord> t = new ReplayLineFormat("x").getProducedType();
        assertThat(t).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void aGzipFileCutShortReplaysWhatWasReadAndEndsWithOneBadGzipRecord(@TempDir java.nio.file.Path dir) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("{\"line\":").append(i).append(",\"pad\":\"").append(Integer.toHexString(i * 7919)).append("\"}\n");
        }
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
            g.write(utf8(text.toString()));
        }
        byte[] whole = bo.toByteArray();
        java.nio.file.Path cut = dir.resolve("interrupted-copy.jsonl.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

        List<RawRecord> got = run(new Path(cut.toUri()));
        RawRecord last = got.get(got.size() - 1);
        assertThat(last.transportError).isEqualTo("bad_gzip");
        List<RawRecord> lines = got.subList(0, got.size() - 1);
        assertThat(lines).isNotEmpty().hasSizeLessThan(2000).allMatch(r -> r.transportError == null);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(new String(lines.get(i).payload, StandardCharsets.UTF_8)).startsWith("{\"line\":" + i + ",");
        }
        // the cut line holds the bytes after the last complete line, up to the cut
        assertThat(new String(last.payload, StandardCharsets.UTF_8)).doesNotContain("\n");
    }
}
