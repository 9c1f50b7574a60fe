package com.example.eum.analytics.cli;

import com.example.eum.analytics.decode.Samples;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay end to end: the sample records (every family and envelope), hostile lines, a base64 CloudWatch Logs gzip
 * batch and a .gz file go through {@code replay}; the Parquet it commits is read back with DuckDB and checked
 * against values computed by hand from the sample files (see the comments at each expectation).
 */
class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path lake;
    static int exitCode;
    static String stdout;

    /** Sample files in an order that keeps every event within the allowed lateness (the 72-h UNKNOWN last). */
    private static final String[] SAMPLES = {
            "sms_text_pending.json", "sms_text_successful.json", "sms_text_delivered.json",
            "envelope_sns_sms_text_delivered.json", "envelope_eventbridge_sms_text_delivered.json",
            "envelope_cwlogs_subscription_lambda_awslogs.json", "feedback_received.json",
            "wa_status_sent_conversation_pricing.json", "wa_status_delivered.json", "envelope_sns_wa_status_delivered.json",
            "wa_status_read.json", "wa_status_failed.json", "sms_text_carrier_unreachable.json", "sms_text_blocked.json",
            "wa_status_sent_pmp_no_conversation.json", "sms_text_protect_blocked.json", "wa_inbound_text.json",
            "feedback_failed.json", "sms_text_successful_protect_monitor.json", "mms_media_delivered.json",
            "voice_voice_completed.json", "sms_text_unknown_after_72h.json"};

    @BeforeAll
    static void replay() throws Exception {
        Path samples = Samples.dir();
        Path input = Files.createDirectories(dir.resolve("input"));
        List<String> lines = new ArrayList<>();
        for (String name : SAMPLES) {
            // one Kinesis payload per line: the pretty-printed sample re-serialised on one line
            lines.add(JSON.writeValueAsString(JSON.readTree(samples.resolve(name).toFile())));
        }
        // hostile lines, each must become exactly one dead letter with this reason
        lines.add("{\"eventType\":\"TEXT_DELIVERED\",\"messageId\":\"m-trunc\",\"eventTim");               // malformed_json
        lines.add("%%% this is not base64 %%%");                                                              // bad_base64
        lines.add(Base64.getEncoder().encodeToString(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5}));   // bad_gzip
        lines.add("{\"hello\":\"world\"}");                                                                    // unknown_family
        lines.add("{\"MessageId\":\"m-fb\",\"MessageFeedbackStatus\":\"MAYBE\",\"timestamp\":1748872841000}"); // invalid_value
        lines.add("{\"eventType\":\"TEXT_DELIVERED\",\"eventTimestamp\":1748872876310,\"isFinal\":true}");     // missing_field
        lines.add("{\"eventType\":\"TEXT_DELIVERED\",\"messageId\":\"m-wt\",\"eventTimestamp\":\"yesterday\",\"isFinal\":true}"); // wrong_type
        lines.add("");
        Files.write(input.resolve("archive-part-1.txt"), lines, StandardCharsets.UTF_8);

        // a second file, gzip-compressed, with the CloudWatch Logs batch as base64 of its gzip bytes (as in Kinesis)
        byte[] batch = JSON.writeValueAsBytes(JSON.readTree(samples.resolve("envelope_cwlogs_subscription_decoded.json").toFile()));
        String b64 = Base64.getEncoder().encodeToString(gzip(batch));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input.resolve("archive-part-2.txt.gz")))) {
            out.write((b64 + "\n").getBytes(StandardCharsets.UTF_8));
        }

        lake = dir.resolve("lake");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = Main.commandLine().execute("replay", "--input", input.toString(), "--output", lake.toString(),
                    "--parallelism", "1", "--checkpoint-interval", "1s",
                    // the files may be read in either order and the 72-h UNKNOWN moves the watermark 3 days ahead:
                    // a lateness above 72 h keeps every sample within it whatever the order
                    "--allowed-lateness", "100h",
                    // the example rate card bundled in the jar, and an AWS fee, so WhatsApp fees are checked too
                    "--whatsapp-rate-card", "classpath:/fees/whatsapp-rate-card.example.csv", "--whatsapp-aws-fee-usd", "0.005");
        } finally {
            System.setOut(previous);
        }
        stdout = captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsZeroAndPrintsASummaryDespiteBadInput() {
        assertThat(exitCode).isEqualTo(0);
        assertThat(stdout).contains("records read").contains("events written").contains("malformed_json");
    }

    @Test
    void eventsTableHoldsEveryDecodedEvent() throws Exception {
        // part 1: 21 single-event samples + the awslogs batch (2 events) = 23 rows; part 2: the CloudWatch batch = 2.
        assertThat(scalarLong("SELECT count(*) FROM events")).isEqualTo(25L);
        // The SNS and EventBridge copies of TEXT_DELIVERED, the SNS copy of the WhatsApp delivered status and both
        // CloudWatch batches repeat events that also came raw: 18 distinct source events.
        assertThat(scalarLong("SELECT count(DISTINCT event_id) FROM events")).isEqualTo(18L);
        Map<String, String> row = firstRow("SELECT channel, direction, status, is_final, iso_country_code, country_source, "
                + "mcc, mnc, CAST(price_usd AS VARCHAR) price, CAST(carrier_fee_usd AS VARCHAR) fee, message_parts, "
                + "CAST(event_time AS VARCHAR) t, CAST(request_time AS VARCHAR) rt, destination_number, length(destination_hash) hl, "
                + "context['useCase'] use_case FROM events WHERE event_type = 'TEXT_SUCCESSFUL' AND message_id LIKE '%example00001' LIMIT 1");
        assertThat(row).containsEntry("channel", "SMS").containsEntry("direction", "OUTBOUND").containsEntry("status", "DELIVERED")
                .containsEntry("is_final", "true").containsEntry("iso_country_code", "US").containsEntry("country_source", "EVENT")
                .containsEntry("mcc", "310").containsEntry("mnc", "260").containsEntry("price", "0.005810")
                .containsEntry("fee", "0.003020").containsEntry("message_parts", "1").containsEntry("destination_number", null)
                .containsEntry("hl", "64").containsEntry("use_case", "otp-login");
        assertThat(row.get("t")).startsWith("2025-06-02 14:00:00.82");
        assertThat(row.get("rt")).startsWith("2025-06-02 14:00:00");
    }

    @Test
    void whatsappEventsAreFannedOutWithoutBodies() throws Exception {
        Map<String, String> failed = firstRow("SELECT status, failure_class, error_code, origination_id, iso_country_code "
                + "FROM events WHERE channel = 'WHATSAPP' AND status = 'FAILED'");
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("failure_class", "POLICY")
                .containsEntry("error_code", "131047").containsEntry("origination_id", "+12065550100")
                .containsEntry("iso_country_code", "US");
        Map<String, String> inbound = firstRow("SELECT direction, status, message_type FROM events WHERE direction = 'INBOUND'");
        assertThat(inbound).containsEntry("status", "RECEIVED").containsEntry("message_type", "text");
    }

    @Test
    void noRawNumberOrMessageBodyInAnyOutput() throws Exception {
        // every phone number in the samples, without '+', and the inbound text
        String[] secrets = {"4255550111", "5145550122", "2065550133", "4255550144", "4255550155", "2065550166",
                "4255550177", "2065550188", "4255550123", "4255550124", "Hi, is my order", "Diego"};
        for (String table : new String[] {"events", "dead_letters", "metrics_by_country", "metrics_by_origination"}) {
            try (Connection c = duck(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        String v = rs.getString(i);
                        if (v != null) {
                            for (String secret : secrets) {
                                assertThat(v).as(table + "." + rs.getMetaData().getColumnName(i)).doesNotContain(secret);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyHostileLineIsOneDeadLetterWithItsReason() throws Exception {
        Map<String, Long> byReason = new HashMap<>();
        try (Connection c = duck(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason, count(*) FROM dead_letters GROUP BY reason")) {
            while (rs.next()) {
                byReason.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(byReason).containsEntry("malformed_json", 1L).containsEntry("bad_base64", 1L).containsEntry("bad_gzip", 1L)
                .containsEntry("unknown_family", 1L).containsEntry("invalid_value", 1L).containsEntry("missing_field", 1L)
                .containsEntry("wrong_type", 1L);
        assertThat(byReason.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(7L);
        assertThat(scalarLong("SELECT count(*) FROM dead_letters WHERE source = 'replay:archive-part-1.txt'")).isEqualTo(7L);
    }

    @Test
    void perCountryTotalsMatchHandComputedValues() throws Exception {
        Map<String, Map<String, String>> totals = new HashMap<>();
        String sql = "SELECT channel || '/' || iso_country_code k, sum(messages) messages, sum(delivered) delivered, "
                + "sum(failed) failed, sum(failed_blocked) blocked, sum(failed_protect_blocked) protect, "
                + "sum(failed_unreachable) unreachable, sum(failed_unknown) unk, sum(failed_policy) pol, "
                + "sum(pending) pending, sum(outcome_unknown) outcome_unknown, sum(read) rd, sum(inbound) inbound, sum(feedback_tracked) tracked, "
                + "sum(feedback_untracked_received) untracked, "
                + "sum(converted) converted, sum(feedback_failed) fb_failed, sum(protect_block_recommended) protect_rec, "
                + "CAST(sum(price_usd) AS VARCHAR) price, CAST(sum(carrier_fee_usd) AS VARCHAR) fee, sum(message_parts) parts, "
                + "sum(billable_utility) b_util, sum(billable_marketing) b_mkt, sum(latency_count) lat_n, "
                + "CAST(sum(whatsapp_fee_usd) AS VARCHAR) wa_fee "
                + "FROM (SELECT *, row_number() OVER (PARTITION BY window_start, channel, iso_country_code ORDER BY revision DESC) rn "
                + "FROM metrics_by_country) WHERE rn = 1 GROUP BY 1";
        try (Connection c = duck(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, String> m = new HashMap<>();
                for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                }
                totals.put(rs.getString(1), m);
            }
        }
        assertThat(totals.keySet()).containsExactlyInAnyOrder("SMS/US", "SMS/CA", "MMS/US", "VOICE/US", "WHATSAPP/US");
        // SMS/US: messages 00001 (delivered, double final), 00003 (BLOCKED), 00004 (PROTECT_BLOCKED),
        // 00005 (delivered, monitor recommends BLOCK), 00006 (TEXT_UNKNOWN after 72 h).
        // price once per message: 4 x 0.00581 + 0 = 0.02324; carrier fee 4 x 0.00302 = 0.01208.
        // feedback: 00001 RECEIVED 41 s after its request, but no rule tracks 00001 (no context flag, no tracking
        // property): not in conversion, counted as feedback_untracked_received instead.
        assertThat(totals.get("SMS/US")).containsEntry("messages", "5").containsEntry("delivered", "2")
                .containsEntry("failed", "3").containsEntry("blocked", "1").containsEntry("protect", "1")
                .containsEntry("unk", "1").containsEntry("pending", "0").containsEntry("tracked", "0")
                .containsEntry("untracked", "1").containsEntry("converted", "0").containsEntry("fb_failed", "0").containsEntry("protect_rec", "2")
                .containsEntry("price", "0.023240").containsEntry("fee", "0.012080").containsEntry("parts", "5")
                .containsEntry("lat_n", "2");
        // SMS/CA: 00002 TEXT_CARRIER_UNREACHABLE (final), price 0.00752, fee 0; explicit FAILED feedback for a
        // message no rule tracks: no conversion outcome, and one untracked feedback record.
        assertThat(totals.get("SMS/CA")).containsEntry("messages", "1").containsEntry("failed", "1")
                .containsEntry("unreachable", "1").containsEntry("tracked", "0").containsEntry("fb_failed", "0")
                .containsEntry("untracked", "1")
                .containsEntry("converted", "0").containsEntry("price", "0.007520").containsEntry("fee", "0.000000");
        assertThat(totals.get("MMS/US")).containsEntry("messages", "1").containsEntry("delivered", "1")
                .containsEntry("price", "0.022000").containsEntry("fee", "0.005000");
        assertThat(totals.get("VOICE/US")).containsEntry("messages", "1").containsEntry("delivered", "1")
                .containsEntry("price", "0.013000");
        // WhatsApp: wamid 1 sent -> delivered (twice: raw + SNS) -> read; wamid 2 failed 131047 (POLICY);
        // wamid 3 sent (PMP marketing, no outcome: the end of the replay expires its state, so it moves from pending to
        // outcome_unknown in its request window); one inbound text.
        assertThat(totals.get("WHATSAPP/US")).containsEntry("messages", "3").containsEntry("delivered", "1")
                .containsEntry("rd", "1").containsEntry("failed", "1").containsEntry("pol", "1")
                .containsEntry("pending", "0").containsEntry("outcome_unknown", "1").containsEntry("inbound", "1").containsEntry("b_util", "1")
                .containsEntry("b_mkt", "1")
                // US bills in region North America. wamid 1: CBP utility, billable -> no North America CBP row, so
                // '*,CBP,*' = 0.05, + AWS 0.005; wamid 2: failed, never priced -> AWS 0.005; wamid 3: PMP marketing
                // regular -> 'North America,PMP,marketing' = 0.025, + AWS 0.005; the inbound text -> AWS 0.005.
                .containsEntry("wa_fee", "0.095000");
        assertThat(totals.get("SMS/US")).containsEntry("wa_fee", "0.000000");
    }

    @Test
    void perOriginationTotalsAddUpToTheSameMessages() throws Exception {
        // every SMS sample is sent from +12065550100: 5 US + 1 CA messages
        assertThat(scalarLong("SELECT sum(messages) FROM (SELECT *, row_number() OVER (PARTITION BY window_start, channel, "
                + "origination_id ORDER BY revision DESC) rn FROM metrics_by_origination) WHERE rn = 1 AND channel = 'SMS' "
                + "AND origination_id = '+12065550100'")).isEqualTo(6L);
        assertThat(new BigDecimal(scalarString("SELECT CAST(sum(price_usd) AS VARCHAR) FROM (SELECT *, row_number() OVER "
                + "(PARTITION BY window_start, channel, origination_id ORDER BY revision DESC) rn FROM metrics_by_origination) "
                + "WHERE rn = 1 AND channel = 'SMS'"))).isEqualByComparingTo("0.03076");
    }

    @Test
    void partitionsAreHiveStyleByEventTimeAndIngestTime() throws Exception {
        // all sample events are on 2025-06-02 between 14:00 and 14:40 UTC except the 72-h UNKNOWN (2025-06-05 14:25)
        assertThat(scalarString("SELECT string_agg(DISTINCT dt || '/' || hour, ',' ORDER BY dt || '/' || hour) FROM events"))
                .isEqualTo("2025-06-02/14,2025-06-05/14");
        assertThat(Files.list(lake.resolve("events")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("dt=2025-06-02", "dt=2025-06-05");
        assertThat(LakeSummary.committedFiles(lake.resolve("events"))).allMatch(p -> p.toString().endsWith(".parquet"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Connection duck() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            for (String table : new String[] {"events", "dead_letters", "metrics_by_country", "metrics_by_origination"}) {
                s.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + lake.resolve(table)
                        + "/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)");
            }
        }
        return c;
    }

    private static long scalarLong(String sql) throws Exception {
        return Long.parseLong(scalarString(sql));
    }

    private static String scalarString(String sql) throws Exception {
        try (Connection c = duck(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static Map<String, String> firstRow(String sql) throws Exception {
        try (Connection c = duck(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            Map<String, String> m = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                m.put(rs.getMetaData().getColumnName(i), rs.getString(i));
            }
            return m;
        }
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
