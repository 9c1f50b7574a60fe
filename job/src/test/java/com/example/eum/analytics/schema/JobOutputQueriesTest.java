package com.example.eum.analytics.schema;

import com.example.eum.analytics.cli.LakeSummary;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.cli.Main;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.model.Channel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Athena layer over what the job really writes: a lake produced by {@code local} on generated traffic (20
 * minutes from 2026-11-20T10:00Z, so it sits inside the queries' "last 24 h" with now pinned at 12:00Z; one Indian
 * carrier fails from minute 10, so the job raises alerts). Every file
 * the job wrote conforms to the generated DDL of its table, and the named queries answer what the generator
 * injected, exactly (counts, money to the micro-dollar).
 */
class JobOutputQueriesTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Map<String, String> TRAFFIC = Map.of("rate", "5", "duration", "20m", "drain", "40m", "seed", "3",
            "countries", "US:2,IN:1,BR:1", "start", "2026-11-20T10:00:00Z",
            // an outage of one Indian carrier from minute 10, so the alerts table has files too
            "incident", "carrier=404-10,from=10m");

    @TempDir
    static Path dir;

    static Path lake;
    static GroundTruth truth;
    static AthenaSession athena;

    @BeforeAll
    static void runTheJob() throws Exception {
        lake = dir.resolve("lake");
        PrintStream previous = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.commandLine().execute("local", "--rate", TRAFFIC.get("rate"), "--duration", TRAFFIC.get("duration"),
                    "--drain", TRAFFIC.get("drain"), "--seed", TRAFFIC.get("seed"), "--countries", TRAFFIC.get("countries"),
                    "--start", TRAFFIC.get("start"), "--incident", TRAFFIC.get("incident"), "--speed", "0", "--output", lake.toString(), "--checkpoint-interval", "1s");
        } finally {
            System.setOut(previous);
        }
        assertThat(exit).isZero();
        truth = GroundTruth.of(GeneratorSettings.fromOptions(TRAFFIC));
        athena = new AthenaSession(lake, NOW);
    }

    @AfterAll
    static void close() throws Exception {
        athena.close();
    }

    @Test
    void everyFileTheJobWroteConformsToItsTableDdl() throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            for (var table : Tables.all()) {
                List<Path> files = LakeSummary.committedFiles(lake.resolve(table.name()));
                assertThat(files).as(table.name()).isNotEmpty();
                for (Path f : files) {
                    ParquetDdlConformance.assertMatches(duckdb, f, AthenaDdl.createTable(table));
                }
            }
        }
    }

    @Test
    void deliveryRateByCountryEqualsTheInjectedOutcomes() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            truth.byCountry(ch).forEach((cc, c) -> expected.put(ch + "|" + cc, c.get(SumColumn.MESSAGES) + "|" + c.get(SumColumn.DELIVERED) + "|" + c.get(SumColumn.FAILED)));
        }
        Map<String, String> got = new TreeMap<>();
        for (String row : athena.query("delivery_rate_by_country_24h.sql")) {
            String[] f = row.split("\\|");
            got.put(f[0] + "|" + f[1], f[2] + "|" + f[3] + "|" + f[4]);
            double rate = Double.parseDouble(f[5]);
            long delivered = Long.parseLong(f[3]);
            long failed = Long.parseLong(f[4]);
            // over messages handed to carriers: the injected Protect blocks are not carrier outcomes
            long protectBlocked = truth.byCountry(Channel.valueOf(f[0])).get(f[1]).get(SumColumn.FAILED_PROTECT_BLOCKED);
            assertThat(rate).as(row).isCloseTo((double) delivered / (delivered + failed - protectBlocked), org.assertj.core.data.Offset.offset(0.00005));
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void costPerOriginationEqualsTheInjectedPriceAndCarrierFees() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            truth.byOrigination(ch).forEach((origination, c) -> expected.put(ch + "|" + origination,
                    c.get(SumColumn.MESSAGES) + "|" + usd(c.get(SumColumn.PRICE_MICROS)) + "|" + usd(c.get(SumColumn.CARRIER_FEE_MICROS))));
        }
        Map<String, String> got = new TreeMap<>();
        for (String row : athena.query("cost_per_origination_daily.sql")) {
            String[] f = row.split("\\|"); // day|channel|origination_id|messages|price|carrier_fee|whatsapp_fee|total|per_message
            assertThat(f[0]).isEqualTo("2026-11-20");
            got.put(f[1] + "|" + f[2], f[3] + "|" + f[4] + "|" + f[5]);
            assertThat(new BigDecimal(f[7])).as(row).isEqualByComparingTo(new BigDecimal(f[4]).add(new BigDecimal(f[5])).add(new BigDecimal(f[6])));
        }
        assertThat(got).isEqualTo(expected);
    }

    /** Per-key totals an analyst sums from a _latest view, in the shape of {@link #injected}. */
    private static Map<String, String> summedFromView(String view, String keyColumns) throws Exception {
        Map<String, String> got = new TreeMap<>();
        for (String row : athena.run("SELECT channel, " + keyColumns + ", sum(messages), sum(delivered), sum(failed),"
                + " sum(outcome_unknown), sum(converted), sum(protect_blocked), sum(protect_block_recommended),"
                + " sum(price_usd), sum(carrier_fee_usd) FROM " + view + " GROUP BY channel, " + keyColumns)) {
            String[] f = row.split("\\|", -1);
            int keys = keyColumns.split(",").length + 1;
            StringBuilder value = new StringBuilder();
            for (int i = keys; i < f.length; i++) {
                value.append(i == keys ? "" : "|").append(i >= f.length - 2 ? usd(new BigDecimal(f[i]).movePointRight(6).longValueExact()) : f[i]);
            }
            got.put(String.join("/", java.util.Arrays.copyOfRange(f, 0, keys)), value.toString());
        }
        return got;
    }

    private static Map<String, String> injected(java.util.function.Function<Channel, Map<String, GroundTruth.Counts>> byKey) {
        Map<String, String> expected = new TreeMap<>();
        for (Channel ch : Channel.values()) {
            byKey.apply(ch).forEach((k, c) -> expected.put(ch + "/" + k, c.get(SumColumn.MESSAGES) + "|" + c.get(SumColumn.DELIVERED)
                    + "|" + c.get(SumColumn.FAILED) + "|" + c.get(SumColumn.OUTCOME_UNKNOWN) + "|" + c.get(SumColumn.CONVERTED)
                    + "|" + c.get(SumColumn.PROTECT_BLOCKED) + "|" + c.get(SumColumn.PROTECT_BLOCK_RECOMMENDED)
                    + "|" + usd(c.get(SumColumn.PRICE_MICROS)) + "|" + usd(c.get(SumColumn.CARRIER_FEE_MICROS))));
        }
        return expected;
    }

    @Test
    void messageTypeAndUseCaseTotalsFromTheLatestViewEqualTheInjectedTraffic() throws Exception {
        Map<String, String> expected = injected(truth::byCountryTypeUseCase);
        assertThat(expected).containsKeys("SMS/US/TRANSACTIONAL/otp-login", "SMS/IN/PROMOTIONAL/marketing-newsletter", "WHATSAPP/BR/utility/");
        assertThat(summedFromView("metrics_by_country_latest", "iso_country_code, message_type, use_case")).isEqualTo(expected);
    }

    @Test
    void carrierTotalsFromTheLatestViewEqualTheInjectedTraffic() throws Exception {
        Map<String, String> expected = injected(truth::byCarrier);
        assertThat(expected).containsKeys("SMS/US/310/260/T-Mobile USA", "SMS/BR/724/05/Claro", "WHATSAPP/US///");
        assertThat(summedFromView("metrics_by_carrier_latest", "iso_country_code, mcc, mnc, carrier_name")).isEqualTo(expected);
    }

    @Test
    void whatsappFunnelEqualsTheInjectedMessages() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        truth.byCountry(Channel.WHATSAPP).forEach((cc, c) -> expected.put(cc, c.get(SumColumn.MESSAGES) + "|" + c.get(SumColumn.DELIVERED) + "|" + c.get(SumColumn.READ) + "|" + c.get(SumColumn.FAILED)));
        Map<String, String> got = new TreeMap<>();
        for (String row : athena.query("whatsapp_funnel_24h.sql")) {
            String[] f = row.split("\\|"); // iso|messages|sent|delivered|read|failed|...
            got.put(f[0], f[1] + "|" + f[3] + "|" + f[4] + "|" + f[5]);
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void deadLettersByReasonCountEveryMalformedRecord() throws Exception {
        long malformed = 0;
        for (String row : athena.query("dead_letters_by_reason_24h.sql")) {
            String[] f = row.split("\\|");
            // besides the malformed records, the only dead letters are OTP feedback whose SMS receipts were still in
            // flight when the generated traffic ended (receipts lag up to 72 h; the run stops 40 minutes in)
            if (!f[0].equals("feedback_without_message")) {
                malformed += Long.parseLong(f[1]);
            }
        }
        assertThat(truth.malformed).isPositive();
        assertThat(malformed).isEqualTo(truth.malformed);
    }

    private static String usd(long micros) {
        BigDecimal d = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
