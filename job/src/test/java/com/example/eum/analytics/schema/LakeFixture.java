package com.example.eum.analytics.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small lake of real Parquet files, written by DuckDB in the job's layout
 * ({@code <root>/<table>/dt=YYYY-MM-DD/hour=HH/part-N.parquet}) with column types derived from {@link Tables} (so the
 * fixture cannot drift from the schema), designed so every query in schemas/athena/queries has a non-trivial answer
 * that {@code AthenaQueriesTest} states by hand. "Now" is {@link #NOW}; the last 24 h are
 * [2026-11-19 12:00, 2026-11-20 12:00), the 7-day baseline before them [2026-11-12 12:00, 2026-11-19 12:00).
 *
 * <p>Traps, each of which changes an answer if a query gets it wrong: superseded revisions (revision 0 then 1 with
 * different numbers), windows just outside the periods but inside the partitions the dt filter keeps, a window at
 * exactly "now" and others after it, a WhatsApp row for a pumping country (channel filter), duplicate events, a
 * non-final failure, a second final failure of one message, a WhatsApp message first seen before the period.
 */
final class LakeFixture {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String FEE_FREE = "0";

    private final Map<String, List<Row>> rows = new LinkedHashMap<>();

    private LakeFixture() {
        for (TableSchema<?> t : Tables.all()) {
            rows.put(t.name(), new ArrayList<>());
        }
        metricsByCountry();
        metricsByOrigination();
        metricsByCarrier();
        events();
        deadLetters();
        alerts();
    }

    /** Writes every table of the fixture under {@code lakeRoot}. */
    static void write(Connection duckdb, Path lakeRoot) throws SQLException {
        LakeFixture fixture = new LakeFixture();
        try (Statement s = duckdb.createStatement()) {
            for (String setup : AthenaToDuckDb.SESSION_SETUP) {
                s.execute(setup);
            }
            for (TableSchema<?> t : Tables.all()) {
                String staging = "fixture_" + t.name();
                s.execute(DuckDbTypes.createTable(t, staging));
                for (Row r : fixture.rows.get(t.name())) {
                    s.execute(r.insertInto(staging));
                }
                String time = t.partitionTimeDescription();
                if (t.column(time).type() != ColumnType.TIMESTAMP) {
                    throw new IllegalStateException(t.name() + ": partition time " + time + " is not a timestamp column");
                }
                List<String> columns = new ArrayList<>();
                for (Column<?> c : t.columns()) {
                    columns.add('"' + c.name() + '"');
                }
                String dir = lakeRoot.resolve(t.name()).toAbsolutePath().toString().replace("'", "''");
                s.execute("COPY (SELECT " + String.join(", ", columns)
                        + ", strftime(\"" + time + "\", '%Y-%m-%d') AS dt, strftime(\"" + time + "\", '%H') AS hour FROM "
                        + staging + ") TO '" + dir + "' (FORMAT PARQUET, PARTITION_BY (dt, hour), FILENAME_PATTERN 'part-{i}')");
                s.execute("DROP TABLE " + staging);
            }
        }
    }

    // ---- metrics_by_country: [messages, delivered, failed, converted, feedback_failed] per window ----

    private void metricsByCountry() {
        // DE: baseline 700 messages (daily avg 100), conversion 520/700; last 24 h 110 messages, 92/103 delivered, 50/105 converted
        country("SMS", "DE", "2026-11-11 10:00", 0, 1000, 900, 100, 500, 500); // before the dt filter
        country("SMS", "DE", "2026-11-12 08:00", 0, 700, 600, 100, 10, 690);   // kept by dt, before the baseline start
        country("SMS", "DE", "2026-11-14 10:00", 0, 400, 360, 40, 300, 100);   // superseded
        country("SMS", "DE", "2026-11-14 10:00", 1, 420, 380, 40, 320, 100);
        country("SMS", "DE", "2026-11-19 11:55", 0, 280, 250, 30, 200, 80)     // last baseline window, dt of the last 24 h
                .set("protect_blocked", 7)                                      // before the last 24 h
                .setSql("latency_histogram", histogram(LATENCIES_DE_1155));
        country("SMS", "DE", "2026-11-19 18:00", 0, 60, 50, 5, 25, 30)
                .set("protect_blocked", 3).set("failed_protect_blocked", 3).set("protect_block_recommended", 5)
                .set("protect_recommended_monitor", 2).set("protect_recommended_filter", 3)
                .setSql("price_usd", "0.387").setSql("carrier_fee_usd", "0.018")
                .setSql("latency_histogram", histogram(LATENCIES_DE_1800));
        country("SMS", "DE", "2026-11-20 09:00", 0, 50, 30, 10, 20, 30)        // superseded
                .set("protect_blocked", 9);
        country("SMS", "DE", "2026-11-20 09:00", 1, 50, 42, 6, 25, 25)
                .set("protect_blocked", 1).set("failed_protect_blocked", 1).set("protect_block_recommended", 4)
                .set("protect_recommended_monitor", 4).set("protect_recommended_filter", 0);
        country("SMS", "DE", "2026-11-20 12:05", 0, 999, 999, 0, 999, 0);      // after now
        // ID, the pumping country: baseline 700 (avg 100), conversion 0.8; last 24 h 200 messages (x2), conversion 0.4 (x0.5)
        country("SMS", "ID", "2026-11-15 10:00", 0, 350, 300, 50, 280, 70);
        country("SMS", "ID", "2026-11-18 10:00", 0, 350, 310, 40, 280, 70);
        country("SMS", "ID", "2026-11-19 20:00", 0, 150, 140, 10, 40, 110)     // superseded
                .setSql("latency_histogram", histogram(new long[] {1, 1, 1, 1}));
        country("SMS", "ID", "2026-11-19 20:00", 1, 150, 145, 5, 60, 90)
                .setSql("latency_histogram", histogram(LATENCIES_ID_2000));
        country("SMS", "ID", "2026-11-20 03:00", 0, 50, 45, 5, 20, 30)
                .set("protect_block_recommended", 5).set("protect_recommended_monitor", 5);
        // FR: volume x3 but conversion steady (0.7 vs 50/70): not a suspect
        country("SMS", "FR", "2026-11-16 10:00", 0, 70, 65, 5, 50, 20);
        country("SMS", "FR", "2026-11-20 10:00", 0, 30, 28, 2, 21, 9);
        // NG: volume x10 and conversion 1.0 -> 0.1, but only 10 messages (below min_messages_24h = 20)
        country("SMS", "NG", "2026-11-13 14:00", 0, 7, 7, 0, 7, 0);
        country("SMS", "NG", "2026-11-20 08:00", 0, 10, 8, 2, 1, 9);
        // WhatsApp rows: the pumping query must not mix them into SMS
        country("WHATSAPP", "BR", "2026-11-20 07:00", 0, 40, 36, 4, 0, 0).set("read", 30)
                .setSql("whatsapp_fee_usd", "1.2").setSql("whatsapp_meta_fee_usd", "1.0").setSql("whatsapp_aws_fee_usd", "0.2");
        country("WHATSAPP", "ID", "2026-11-19 15:00", 0, 500, 480, 20, 0, 100).set("read", 100)
                .setSql("whatsapp_fee_usd", "12.5").setSql("whatsapp_meta_fee_usd", "10.0").setSql("whatsapp_aws_fee_usd", "2.5");
    }

    /** Delivery latencies (ms) behind the latency_histogram of a few country windows (AthenaQueriesTest recomputes them). */
    static final long[] LATENCIES_DE_1155 = {800, 1_200, 1_500, 76_000};
    static final long[] LATENCIES_DE_1800 = {900, 17_000, 17_500, 400, 0};
    static final long[] LATENCIES_ID_2000 = {5_000, 5_000, 5_100};

    /** The window's latency_histogram as a DuckDB MAP literal, built the way the job builds it. */
    private static String histogram(long[] latencies) {
        com.example.eum.analytics.metrics.LatencySketch sketch = new com.example.eum.analytics.metrics.LatencySketch();
        for (long v : latencies) {
            sketch.add(v);
        }
        StringBuilder b = new StringBuilder("MAP {");
        sketch.histogram().forEach((bucket, n) -> b.append(b.length() > 5 ? ", " : "").append(bucket).append(": ").append(n));
        return b.append('}').toString();
    }

    private Row country(String channel, String country, String windowStart, int revision,
                        long messages, long delivered, long failed, long converted, long feedbackFailed) {
        return window(Tables.METRICS_BY_COUNTRY, "iso_country_code", channel, country, windowStart, revision)
                .set("messages", messages).set("delivered", delivered).set("failed", failed)
                .set("converted", converted).set("feedback_failed", feedbackFailed)
                .set("feedback_tracked", converted + feedbackFailed);
    }

    // ---- metrics_by_origination: messages and fees (USD) per window ----

    private void metricsByOrigination() {
        origination("SMS", "+15550100001", "2026-11-12 23:55", 0, 100, "1.0", "0.1", FEE_FREE);      // day before the range
        origination("SMS", "+15550100001", "2026-11-13 00:00", 0, 2, "0.0129", "0.0006", FEE_FREE);  // first instant of the range
        origination("SMS", "+15550100001", "2026-11-19 10:00", 0, 10, "0.0645", "0.003", FEE_FREE);
        origination("SMS", "+15550100001", "2026-11-19 15:00", 0, 5, "0.03225", "0.0015", FEE_FREE); // superseded
        origination("SMS", "+15550100001", "2026-11-19 15:00", 1, 6, "0.0387", "0.0018", FEE_FREE);
        origination("WHATSAPP", "+15550109999", "2026-11-19 12:00", 0, 20, "0", "0", "0.5125");
        origination("SMS", "ACME", "2026-11-20 08:00", 0, 3, "0.25", "0.05", FEE_FREE);               // superseded
        origination("SMS", "ACME", "2026-11-20 08:00", 1, 3, "0.30", "0.06", FEE_FREE);
        origination("SMS", "+15550100001", "2026-11-20 09:00", 0, 4, "0.0258", "0.0012", FEE_FREE);
        origination("SMS", "ACME", "2026-11-20 12:00", 0, 1, "5", "5", FEE_FREE);                     // starts at now
    }

    private void origination(String channel, String origination, String windowStart, int revision, long messages,
                             String price, String carrierFee, String whatsappFee) {
        window(Tables.METRICS_BY_ORIGINATION, "origination_id", channel, origination, windowStart, revision)
                .set("messages", messages).setSql("price_usd", price).setSql("carrier_fee_usd", carrierFee)
                .setSql("whatsapp_fee_usd", whatsappFee);
    }

    // ---- metrics_by_carrier: two Brazilian networks and WhatsApp without a network ----

    private void metricsByCarrier() {
        carrier("SMS", "BR", "724", "05", "Claro", "2026-11-19 10:00", 0, 10, 8);
        carrier("SMS", "BR", "724", "05", "Claro", "2026-11-19 10:00", 1, 11, 9);       // supersedes revision 0
        carrier("SMS", "BR", "724", "11", "Vivo", "2026-11-19 10:00", 0, 7, 7);
        carrier("WHATSAPP", "BR", "", "", "", "2026-11-19 10:00", 0, 4, 4);
    }

    private void carrier(String channel, String country, String mcc, String mnc, String name, String windowStart,
                         int revision, long messages, long delivered) {
        window(Tables.METRICS_BY_CARRIER, "iso_country_code", channel, country, windowStart, revision)
                .setString("mcc", mcc).setString("mnc", mnc).setString("carrier_name", name)
                .set("messages", messages).set("delivered", delivered);
    }

    private Row window(TableSchema<?> table, String keyColumn, String channel, String key, String windowStart, int revision) {
        LocalDateTime start = LocalDateTime.parse(windowStart, MINUTE);
        Row row = add(table).setTs("window_start", start).setTs("window_end", start.plusMinutes(5))
                .setString("channel", channel).setString(keyColumn, key).set("revision", revision);
        return table.columns().stream().anyMatch(c -> c.name().equals("use_case"))
                ? row.setString("message_type", "").setString("use_case", "") : row;
    }

    // ---- events ----

    private void events() {
        // final failures in the last 24 h: ID Telkomsel BLOCKED x3, DE Telekom BLOCKED x2 (one duplicated),
        // DE Telekom UNREACHABLE (first of two finals), DE Vodafone INVALID, ID Indosat UNREACHABLE, BR POLICY (WhatsApp)
        sms("e1", "m1", "2026-11-19 14:00", "TEXT_BLOCKED", "FAILED", "BLOCKED", true, "DE", "Telekom");
        sms("e1", "m1", "2026-11-19 14:00", "TEXT_BLOCKED", "FAILED", "BLOCKED", true, "DE", "Telekom")
                .setString("source_envelope", "SNS>RAW"); // the same event redelivered through SNS
        sms("e2", "m2", "2026-11-20 01:00", "TEXT_BLOCKED", "FAILED", "BLOCKED", true, "DE", "Telekom");
        sms("e3a", "m3", "2026-11-19 13:00", "TEXT_CARRIER_UNREACHABLE", "FAILED", "UNREACHABLE", false, "DE", "Telekom");
        sms("e3b", "m3", "2026-11-19 13:30", "TEXT_CARRIER_UNREACHABLE", "FAILED", "UNREACHABLE", true, "DE", "Telekom");
        sms("e3c", "m3", "2026-11-19 15:00", "TEXT_TTL_EXPIRED", "FAILED", "EXPIRED", true, "DE", "Telekom");
        sms("e4", "m4", "2026-11-20 05:00", "TEXT_INVALID", "FAILED", "INVALID", true, "DE", "Vodafone");
        sms("e5", "m5", "2026-11-20 02:00", "TEXT_BLOCKED", "FAILED", "BLOCKED", true, "ID", "Telkomsel");
        sms("e6", "m6", "2026-11-20 03:00", "TEXT_SPAM", "FAILED", "BLOCKED", true, "ID", "Telkomsel");
        sms("e7", "m7", "2026-11-20 04:00", "TEXT_CARRIER_BLOCKED", "FAILED", "BLOCKED", true, "ID", "Telkomsel");
        sms("e8", "m8", "2026-11-19 22:00", "TEXT_UNREACHABLE", "FAILED", "UNREACHABLE", true, "ID", "Indosat");
        sms("e9", "m9", "2026-11-19 11:00", "TEXT_BLOCKED", "FAILED", "BLOCKED", true, "ID", "Telkomsel");    // before the period
        sms("e10", "m10", "2026-11-20 06:00", "TEXT_BLOCKED", "FAILED", "BLOCKED", false, "DE", "Telekom");  // not final
        sms("e12", "m12", "2026-11-20 06:30", "TEXT_DELIVERED", "DELIVERED", null, true, "DE", "Telekom");
        sms("e13", "m13", "2026-11-20 12:30", "TEXT_BLOCKED", "FAILED", "BLOCKED", true, "FR", "Orange");    // after now

        // WhatsApp cohort of the last 24 h: BR 5 messages (5 sent, 3 delivered, 2 read, 1 failed), IN 2 (2, 2, 1, 0)
        whatsapp("w1s", "w1", "2026-11-20 01:00", "sent", "BR");
        whatsapp("w1d", "w1", "2026-11-20 01:01", "delivered", "BR");
        whatsapp("w1r", "w1", "2026-11-20 01:05", "read", "BR");
        whatsapp("w2s", "w2", "2026-11-20 02:00", "sent", "BR");
        whatsapp("w2d", "w2", "2026-11-20 02:01", "delivered", "BR");
        whatsapp("w3s", "w3", "2026-11-20 03:00", "sent", "BR");
        whatsapp("w4d", "w4", "2026-11-20 04:00", "delivered", "BR"); // no 'sent' webhook
        whatsapp("w4r", "w4", "2026-11-20 04:10", "read", "BR");
        whatsapp("w4r", "w4", "2026-11-20 04:10", "read", "BR");      // redelivered
        whatsapp("w5s", "w5", "2026-11-20 06:59", "sent", "BR");
        whatsapp("w5f", "w5", "2026-11-20 07:00", "failed", "BR").setString("failure_class", "POLICY").set("error_code", 131047);
        whatsapp("w6s", "w6", "2026-11-19 06:00", "sent", "BR");      // first seen 30 h ago: not in the cohort
        whatsapp("w6d", "w6", "2026-11-19 13:00", "delivered", "BR");
        whatsapp("w6r", "w6", "2026-11-19 14:00", "read", "BR");
        whatsapp("w7s", "w7", "2026-11-20 08:00", "sent", "IN");
        whatsapp("w7d", "w7", "2026-11-20 08:01", "delivered", "IN");
        whatsapp("w7r", "w7", "2026-11-20 08:02", "read", "IN");
        whatsapp("w8s", "w8", "2026-11-20 09:00", "sent", "IN");
        whatsapp("w8d", "w8", "2026-11-20 09:00:30", "delivered", "IN");
        whatsapp("w9i", "w9", "2026-11-20 10:00", "inbound_text", "BR")
                .setString("direction", "INBOUND").setString("status", "RECEIVED").setString("message_type", "text");
        whatsapp("w10s", "w10", "2026-11-20 12:30", "sent", "BR");    // after now
        whatsapp("w11s", "w11", "2026-11-17 10:00", "sent", "BR");    // outside the dt filter
    }

    private Row sms(String eventId, String messageId, String time, String eventType, String status, String failureClass,
                    boolean isFinal, String country, String carrier) {
        return event(eventId, messageId, time, "SMS", eventType, status, isFinal, country, "RAW")
                .setString("failure_class", failureClass).setString("carrier_name", carrier)
                .setString("origination_id", "+15550100001");
    }

    private Row whatsapp(String eventId, String messageId, String time, String rawStatus, String country) {
        String status = rawStatus.toUpperCase(java.util.Locale.ROOT);
        boolean isFinal = status.equals("READ") || status.equals("FAILED");
        return event(eventId, messageId, time, "WHATSAPP", rawStatus, status, isFinal, country, "SOCIAL")
                .setString("origination_id", "+15550109999");
    }

    private Row event(String eventId, String messageId, String time, String channel, String eventType, String status,
                      boolean isFinal, String country, String envelope) {
        LocalDateTime at = LocalDateTime.parse(time, MINUTE);
        return add(Tables.EVENTS).setString("event_id", eventId).setString("channel", channel)
                .setString("direction", "OUTBOUND").setString("event_type", eventType).setString("status", status)
                .setSql("is_final", Boolean.toString(isFinal)).setString("message_id", messageId)
                .setString("iso_country_code", country).setString("country_source", "EVENT")
                .setTs("event_time", at).setTs("ingest_time", at.plusSeconds(2))
                .setString("source_envelope", envelope).setString("source", "engagement-stream");
    }

    // ---- dead_letters: last 24 h = malformed_json x3 (2 sources, 600 bytes), late x2 (1 source), unknown_family x1 ----

    private void deadLetters() {
        deadLetter("2026-11-19 13:00", "malformed_json", "stream-a", 100, false);
        deadLetter("2026-11-20 02:00", "malformed_json", "stream-a", 200, false);
        deadLetter("2026-11-20 11:59:59", "malformed_json", "stream-b", 300, false);
        deadLetter("2026-11-20 10:00", "unknown_family", "stream-a", 20000, true);
        deadLetter("2026-11-19 20:00", "late", "stream-b", 500, false);
        deadLetter("2026-11-20 06:00", "late", "stream-b", 700, false);
        deadLetter("2026-11-19 11:00", "malformed_json", "stream-c", 50, false); // before the period
        deadLetter("2026-11-20 12:30", "late", "stream-a", 10, false);           // after now
        deadLetter("2026-11-18 09:00", "empty", "stream-a", 0, false);           // outside the dt filter
    }

    private void deadLetter(String ingestTime, String reason, String source, int payloadBytes, boolean truncated) {
        add(Tables.DEAD_LETTERS).setTs("ingest_time", LocalDateTime.parse(ingestTime, MINUTE))
                .setString("reason", reason).setString("detail", "fixture " + reason).setString("source", source)
                .set("payload_bytes", payloadBytes).setSql("payload_truncated", Boolean.toString(truncated))
                .setString("payload", "{\"not\": \"usable\"");
    }

    // ---- alerts: an IN carrier outage (triggered, updated, resolved), a BR conversion drop escalated and open,
    // a spend surge the day before the period, and one message after now ----

    private void alerts() {
        alert("in-outage", "DELIVERY_DROP", "CARRIER", "IN", "404-45", "2026-11-20 08:00", "2026-11-20 08:05", "TRIGGERED", "CRITICAL", 120, 600_000);
        alert("in-outage", "DELIVERY_DROP", "CARRIER", "IN", "404-45", "2026-11-20 08:00", "2026-11-20 09:05", "UPDATED", "CRITICAL", 900, 4_500_000);
        alert("in-outage", "DELIVERY_DROP", "CARRIER", "IN", "404-45", "2026-11-20 08:00", "2026-11-20 10:30", "RESOLVED", "CRITICAL", 1_100, 5_500_000);
        alert("br-conversion", "CONVERSION_DROP", "COUNTRY", "BR", null, "2026-11-20 10:55", "2026-11-20 11:00", "TRIGGERED", "WARNING", 40, -1);
        alert("br-conversion", "CONVERSION_DROP", "COUNTRY", "BR", null, "2026-11-20 10:55", "2026-11-20 11:30", "UPDATED", "CRITICAL", 95, -1);
        alert("br-conversion", "CONVERSION_DROP", "COUNTRY", "BR", null, "2026-11-20 10:55", "2026-11-20 12:05", "UPDATED", "CRITICAL", 150, -1); // after now
        alert("us-spend", "SPEND_SURGE", "COUNTRY", "US", null, "2026-11-19 09:00", "2026-11-19 09:05", "TRIGGERED", "INFO", 10, 12_000_000); // before the period
    }

    private void alert(String incident, String rule, String scope, String country, String carrier, String start,
                       String detected, String status, String severity, long affected, long excessMicros) {
        LocalDateTime at = LocalDateTime.parse(detected, MINUTE);
        add(Tables.ALERTS).setString("alert_id", incident + "/" + status + "/" + detected).setString("incident_id", incident)
                .setString("dedup_key", rule + ":" + incident).setString("rule", rule).setString("status", status)
                .setString("severity", severity).setString("scope", scope).setString("channel", "SMS")
                .setString("iso_country_code", country).setString("carrier", carrier)
                .setString("use_case", carrier == null ? "otp" : null)
                .setTs("window_start", at.minusMinutes(5)).setTs("window_end", at)
                .setTs("estimated_start", LocalDateTime.parse(start, MINUTE)).setTs("detected_at", at)
                .set("messages", 100).set("affected_messages", affected)
                .setSql("excess_cost_usd", excessMicros < 0 ? "NULL" : java.math.BigDecimal.valueOf(excessMicros, 6).toPlainString())
                .setString("example_message_ids", "m-1,m-2").setString("summary", rule + " " + status)
                .setString("payload", "{}");
    }

    private Row add(TableSchema<?> table) {
        Row r = new Row(table);
        rows.get(table.name()).add(r);
        return r;
    }

    /** One row as SQL literals by column name; column names are checked against the schema. */
    static final class Row {
        private final TableSchema<?> table;
        private final Map<String, String> values = new LinkedHashMap<>();

        Row(TableSchema<?> table) {
            this.table = table;
        }

        Row setSql(String column, String literal) {
            table.column(column);
            values.put(column, literal);
            return this;
        }

        Row set(String column, long value) {
            return setSql(column, Long.toString(value));
        }

        Row setString(String column, String value) {
            return setSql(column, value == null ? "NULL" : "'" + value.replace("'", "''") + "'");
        }

        Row setTs(String column, LocalDateTime utc) {
            return setSql(column, "TIMESTAMPTZ '" + SECOND.format(utc) + "+00'");
        }

        String insertInto(String staging) {
            List<String> columns = new ArrayList<>();
            for (String c : values.keySet()) {
                columns.add('"' + c + '"');
            }
            return "INSERT INTO " + staging + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", values.values()) + ")";
        }
    }
}
