package com.example.eum.analytics.generator;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.SumColumn;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficGeneratorTest {
    /** 4 minutes at 40 msg/s with an 8 h drain (late records and long receipts land), noise turned up. */
    static GeneratorSettings recountSettings() {
        GeneratorSettings s = settings(40, Duration.ofMinutes(4), Duration.ofHours(8), 11);
        s.malformedShare = 0.02;
        s.lateShare = 0.01;
        s.countryMix = GeneratorSettings.parseCountryMix("US:40,IN:20,BR:10,GB:10,DE:10,ID:10,CA:5");
        return s;
    }

    /** Default settings with the given rate, request span, drain and seed. */
    static GeneratorSettings settings(double rate, Duration duration, Duration drain, long seed) {
        GeneratorSettings s = new GeneratorSettings();
        s.rate = rate;
        s.duration = duration;
        s.drain = drain;
        s.seed = seed;
        return s;
    }

    static Recount recount;
    static GroundTruth truth;

    @BeforeAll
    static void generate() {
        GeneratorSettings s = recountSettings();
        recount = new Recount();
        RecordSequence seq = new RecordSequence(new TrafficModel(s));
        long lastArrival = Long.MIN_VALUE;
        while (seq.hasNext()) {
            GeneratedRecord r = seq.next();
            assertThat(r.arrivalTime).isGreaterThanOrEqualTo(lastArrival).isLessThan(s.horizonEnd());
            lastArrival = r.arrivalTime;
            recount.add(r);
        }
        truth = GroundTruth.of(s);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws Exception {
        GeneratorSettings s = settings(20, Duration.ofMinutes(2), Duration.ofMinutes(5), 5);
        long n1 = ReplayFileWriter.write(s, dir.resolve("a.jsonl"), Progress.silent());
        long n2 = ReplayFileWriter.write(s, dir.resolve("b.jsonl.gz"), Progress.silent());
        s.seed = 6;
        ReplayFileWriter.write(s, dir.resolve("c.jsonl"), Progress.silent());
        byte[] a = Files.readAllBytes(dir.resolve("a.jsonl"));
        byte[] b;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("b.jsonl.gz"))))) {
            b = in.readAllBytes();
        }
        assertThat(n1).isEqualTo(n2).isGreaterThan(2000);
        assertThat(b).isEqualTo(a);
        assertThat(Files.readAllBytes(dir.resolve("c.jsonl"))).isNotEqualTo(a);
        String text = new String(a, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.split("\n")).hasSize((int) n1).allSatisfy(line -> assertThat(line).isNotEmpty());
    }

    @Test
    void groundTruthEqualsAnIndependentRecountOfTheEmittedRecords() {
        assertThat(recount.records).isEqualTo(truth.records).isGreaterThan(15_000);
        assertThat(recount.duplicates).isEqualTo(truth.duplicates).isGreaterThan(0);
        assertThat(recount.late).isEqualTo(truth.lateRecords).isGreaterThan(0);
        assertThat(recount.malformed).isEqualTo(truth.malformed).isGreaterThan(0);
        Map<Channel, Map<String, GroundTruth.Counts>> byCountry = recount.counts(false);
        Map<Channel, Map<String, GroundTruth.Counts>> byOrigination = recount.counts(true);
        for (Channel ch : new Channel[] {Channel.SMS, Channel.MMS, Channel.WHATSAPP}) {
            assertThat(byCountry.get(ch).keySet()).isEqualTo(truth.byCountry(ch).keySet());
            for (Map.Entry<String, GroundTruth.Counts> e : truth.byCountry(ch).entrySet()) {
                assertThat(byCountry.get(ch).get(e.getKey())).as(ch + " " + e.getKey()).usingRecursiveComparison().isEqualTo(e.getValue());
            }
            assertThat(byOrigination.get(ch).keySet()).isEqualTo(truth.byOrigination(ch).keySet());
            for (Map.Entry<String, GroundTruth.Counts> e : truth.byOrigination(ch).entrySet()) {
                assertThat(byOrigination.get(ch).get(e.getKey())).as(ch + " " + e.getKey()).usingRecursiveComparison().isEqualTo(e.getValue());
            }
        }
        Map<Channel, Map<String, GroundTruth.Counts>> byType = recount.counts(Recount.Msg::typeKey);
        Map<Channel, Map<String, GroundTruth.Counts>> byCarrier = recount.counts(Recount.Msg::carrierKey);
        for (Channel ch : new Channel[] {Channel.SMS, Channel.MMS, Channel.WHATSAPP}) {
            assertThat(fingerprints(byType.get(ch))).as(ch + " by country/type/use case").isEqualTo(fingerprints(truth.byCountryTypeUseCase(ch)));
            assertThat(fingerprints(byCarrier.get(ch))).as(ch + " by carrier").isEqualTo(fingerprints(truth.byCarrier(ch)));
        }
        // realistic dimensions: 2-4 real networks per country, three use cases, message types, WhatsApp categories
        assertThat(truth.byCarrier(Channel.SMS).keySet()).contains("US/310/260/T-Mobile USA", "US/310/410/AT&T Mobility",
                "US/311/480/Verizon Wireless", "IN/405/857/Reliance Jio", "IN/404/10/Bharti Airtel", "US///");
        assertThat(truth.byCountryTypeUseCase(Channel.SMS).keySet()).contains("US/TRANSACTIONAL/otp-login",
                "US/TRANSACTIONAL/order-update", "US/PROMOTIONAL/marketing-newsletter");
        assertThat(truth.byCountryTypeUseCase(Channel.WHATSAPP).keySet()).contains("US/marketing/", "US/utility/", "US/authentication/");
        GroundTruth.Counts sms = truth.total(Channel.SMS);
        assertThat(sms.get(SumColumn.PROTECT_RECOMMENDED_MONITOR)).isPositive();
        assertThat(sms.get(SumColumn.PROTECT_RECOMMENDED_FILTER)).isPositive();
        assertThat(sms.get(SumColumn.MESSAGES)).isEqualTo(sms.get(SumColumn.DELIVERED) + sms.get(SumColumn.FAILED) + sms.get(SumColumn.OUTCOME_UNKNOWN));
        assertThat(sms.get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(sms.get(SumColumn.CONVERTED) + sms.get(SumColumn.FEEDBACK_FAILED)).isGreaterThan(1000);
        assertThat(sms.get(SumColumn.LATE_FEEDBACK)).isGreaterThan(0);
        assertThat(sms.get(SumColumn.PROTECT_BLOCK_RECOMMENDED)).isGreaterThan(sms.failed(com.example.eum.analytics.model.FailureClass.PROTECT_BLOCKED))
                .isGreaterThan(0);
        assertThat(truth.total(Channel.WHATSAPP).get(SumColumn.INBOUND)).isGreaterThan(0);
        GroundTruth.Counts wa = truth.total(Channel.WHATSAPP);
        assertThat(List.of(wa.get(SumColumn.BILLABLE_AUTHENTICATION), wa.get(SumColumn.BILLABLE_MARKETING), wa.get(SumColumn.BILLABLE_UTILITY)))
                .allMatch(n -> n > 0);
    }

    private static Map<String, String> fingerprints(Map<String, GroundTruth.Counts> counts) {
        Map<String, String> out = new java.util.TreeMap<>();
        counts.forEach((k, c) -> out.put(k, c.fingerprint()));
        return out;
    }

    @Test
    void everyRecordShapeAppears() {
        assertThat(recount.shapes).contains(
                "sms_raw", "sms_sns", "sms_eventbridge", "cloudwatch_logs_batch_1", "cloudwatch_logs_batch_2", "sms_without_iso_country",
                "type_TEXT_PENDING", "type_TEXT_SUCCESSFUL", "type_TEXT_DELIVERED", "type_TEXT_CARRIER_UNREACHABLE", "type_TEXT_BLOCKED",
                "type_TEXT_SPAM", "type_TEXT_CARRIER_BLOCKED", "type_TEXT_INVALID", "type_TEXT_UNREACHABLE", "type_TEXT_TTL_EXPIRED",
                "type_TEXT_PROTECT_BLOCKED", "type_TEXT_UNKNOWN", "protect_FILTER", "protect_MONITOR",
                "type_MEDIA_PENDING", "type_MEDIA_DELIVERED",
                "wa_sent_raw", "wa_sent_sns", "wa_delivered_raw", "wa_read_sns", "wa_failed_raw", "wa_inbound_raw", "wa_inbound_sns",
                "wa_pricing_regular_on_sent", "wa_pricing_free_customer_service_on_sent", "wa_pricing_regular_on_delivered",
                "wa_pricing_regular_on_read", "wa_error_131047", "wa_error_131026", "wa_error_131048", "wa_error_131049", "wa_error_131000",
                "feedback_RECEIVED", "feedback_FAILED",
                "malformed_truncated_json", "malformed_garbage", "malformed_missing_message_id", "malformed_bad_feedback_status");
    }

    @Test
    void destinationNumbersAreValidForTheirCountryAndFictionalInNorthAmerica() {
        assertThat(recount.destinationsWithCountry).hasSizeGreaterThan(10_000).allSatisfy(d -> {
            assertThat(PhoneNumberPool.isValidFor(d[0], d[1])).as(d[1]).isTrue();
            if (d[0].startsWith("+1")) {
                assertThat(d[0]).matches("\\+1\\d{3}55501\\d\\d");
            }
        });
        for (String iso : new String[] {"US", "CA", "IN", "BR", "GB", "DE", "ID", "MX", "FR", "JP"}) {
            assertThat(PhoneNumberPool.numbers(iso)).hasSizeGreaterThanOrEqualTo(10)
                    .allSatisfy(n -> assertThat(PhoneNumberPool.isValidFor(n, iso)).isTrue());
        }
    }

    @Test
    void distributionsMatchTheModelOnALargeSample() {
        // an 80 h drain: every receipt, including TEXT_UNKNOWN after 72 h, has arrived
        GeneratorSettings s = settings(100, Duration.ofMinutes(10), Duration.ofHours(80), 3);
        GroundTruth t = GroundTruth.of(s);
        long all = 0;
        Map<String, Long> perCountry = new java.util.TreeMap<>();
        for (Channel ch : Channel.values()) {
            for (Map.Entry<String, GroundTruth.Counts> e : t.byCountry(ch).entrySet()) {
                long n = e.getValue().get(SumColumn.MESSAGES) + e.getValue().get(SumColumn.INBOUND);
                perCountry.merge(e.getKey(), n, Long::sum);
                all += n;
            }
        }
        assertThat(all).isEqualTo(60_000);
        Map<String, Integer> mix = s.countryMix;
        for (Map.Entry<String, Integer> e : mix.entrySet()) {
            assertThat((double) perCountry.get(e.getKey()) / all).as("share of " + e.getKey()).isCloseTo(e.getValue() / 100.0, within(0.02));
            GroundTruth.Counts sms = t.byCountry(Channel.SMS).get(e.getKey());
            assertThat(sms.get(SumColumn.OUTCOME_UNKNOWN)).as("nothing left without outcome after 80 h in " + e.getKey()).isZero();
            assertThat(sms.get(SumColumn.PENDING)).isZero();
            assertThat(sms.deliveryRate()).as("SMS delivery " + e.getKey()).isCloseTo(CountryProfile.of(e.getKey()).deliveryRate, within(0.02));
            GroundTruth.Counts wa = t.byCountry(Channel.WHATSAPP).get(e.getKey());
            assertThat(wa.deliveryRate()).as("WhatsApp delivery " + e.getKey())
                    .isCloseTo(CountryProfile.of(e.getKey()).whatsappDeliveryRate, within(0.02));
        }
        long originals = t.records - t.duplicates - t.malformed;
        assertThat((double) t.duplicates / originals).isCloseTo(s.duplicateShare, within(0.002));
        assertThat((double) t.lateRecords / originals).isCloseTo(s.lateShare * (1 + s.duplicateShare), within(0.001));
        assertThat((double) t.malformed / 60_000).isCloseTo(s.malformedShare, within(0.001));
        GroundTruth.Counts sms = t.total(Channel.SMS);
        assertThat((double) sms.get(SumColumn.FEEDBACK_TRACKED) / sms.get(SumColumn.MESSAGES)).isCloseTo(s.feedbackShare, within(0.01));
    }

    @Test
    void incidentDropsDeliveryAndConversionOfItsCountryFromTheGivenMinute() {
        GeneratorSettings s = settings(40, Duration.ofMinutes(6), Duration.ofHours(80), 9);
        s.countryMix = GeneratorSettings.parseCountryMix("IN:50,US:50");
        s.incidents.add(InjectedIncident.parse("country=IN,from=3m,delivery=0.4,conversion=0.2"));
        Recount rc = new Recount();
        RecordSequence seq = new RecordSequence(new TrafficModel(s));
        while (seq.hasNext()) {
            rc.add(seq.next());
        }
        long split = s.startTime + 3 * TrafficModel.MINUTE;
        double[][] rates = new double[2][2]; // [IN before, IN after] x [delivery, conversion]
        double[] usRates = new double[2];
        long[][] n = new long[2][4]; // delivered, messages, converted, tracked
        long[][] us = new long[2][2];
        for (Map.Entry<String, Recount.Msg> e : rc.messages.entrySet()) {
            Recount.Msg m = e.getValue();
            if (m.channel != Channel.SMS) {
                continue;
            }
            int half = m.requestTime >= split ? 1 : 0;
            boolean delivered = m.events.stream().anyMatch(ev -> ev[0].equals("TEXT_SUCCESSFUL") || ev[0].equals("TEXT_DELIVERED"));
            if ("IN".equals(m.country)) {
                n[half][0] += delivered ? 1 : 0;
                n[half][1]++;
                if (m.feedbackEnabled) {
                    n[half][3]++;
                    boolean conv = rc.feedbackById.getOrDefault(e.getKey(), java.util.List.of()).stream()
                            .anyMatch(f -> f[0] == 1 && f[1] <= m.requestTime + TrafficModel.FEEDBACK_TIMEOUT);
                    n[half][2] += conv ? 1 : 0;
                }
            } else {
                us[half][0] += delivered ? 1 : 0;
                us[half][1]++;
            }
        }
        for (int h = 0; h < 2; h++) {
            rates[h][0] = (double) n[h][0] / n[h][1];
            rates[h][1] = (double) n[h][2] / n[h][3];
            usRates[h] = (double) us[h][0] / us[h][1];
        }
        assertThat(n[1][1]).isGreaterThan(2000);
        assertThat(rates[0][0]).isCloseTo(0.90, within(0.03));
        assertThat(rates[1][0]).isCloseTo(0.40, within(0.03));
        // conversion = delivered share x converting share of delivered OTPs
        assertThat(rates[0][1]).isCloseTo(0.90 * 0.78, within(0.05));
        assertThat(rates[1][1]).isCloseTo(0.40 * 0.20, within(0.03));
        assertThat(usRates[0]).isCloseTo(0.97, within(0.02));
        assertThat(usRates[1]).isCloseTo(0.97, within(0.02));
    }

    @Test
    void settingsParseTheDocumentedForms() {
        InjectedIncident inc = InjectedIncident.parse("country=in,from=10m,delivery=0.4,conversion=0.2");
        assertThat(inc.kind).isEqualTo(InjectedIncident.Kind.DELIVERY_DROP);
        assertThat(inc.country).isEqualTo("IN");
        assertThat(inc.from).isEqualTo(Duration.ofMinutes(10));
        assertThat(inc.delivery).isEqualTo(0.4);
        assertThat(inc.conversion).isEqualTo(0.2);
        GeneratorSettings run = new GeneratorSettings();
        run.duration = Duration.ofHours(1);
        assertThat(inc.covers("IN", GeneratorSettings.DEFAULT_START + 600_000, run)).isTrue();
        assertThat(inc.covers("IN", GeneratorSettings.DEFAULT_START + 599_999, run)).isFalse();
        assertThat(inc.covers("US", GeneratorSettings.DEFAULT_START + 700_000, run)).isFalse();
        assertThat(GeneratorSettings.parseCountryMix("us:3, GB:1")).containsExactly(Map.entry("US", 3), Map.entry("GB", 1));
        GeneratorSettings s = GeneratorSettings.fromOptions(Map.of("rate", "5", "duration", "3m", "countries", "DE:1", "incident", "country=DE,delivery=0.5"));
        assertThat(s.rate).isEqualTo(5.0);
        assertThat(new TrafficModel(s).messageCount()).isEqualTo(900);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InjectedIncident.parse("from=1m"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeneratorSettings.fromOptions(Map.of("rat", "5")))
                .hasMessageContaining("--rat");
    }

    @Test
    void unboundedStreamEqualsTheBoundedRunUpToItsLastRequest() {
        GeneratorSettings bounded = settings(20, Duration.ofMinutes(3), Duration.ofMinutes(30), 8);
        GeneratorSettings unbounded = settings(20, null, Duration.ofMinutes(30), 8);
        long cut = bounded.requestEnd();
        RecordSequence a = new RecordSequence(new TrafficModel(bounded));
        RecordSequence b = new RecordSequence(new TrafficModel(unbounded));
        long n = 0;
        while (true) {
            GeneratedRecord x = a.next();
            GeneratedRecord y = b.next();
            if (x.arrivalTime >= cut) {
                assertThat(y.arrivalTime).isGreaterThanOrEqualTo(cut);
                break;
            }
            assertThat(y.payload).isEqualTo(x.payload);
            assertThat(y.arrivalTime).isEqualTo(x.arrivalTime);
            n++;
        }
        assertThat(n).isGreaterThan(5000);
        for (int i = 0; i < 20_000; i++) {
            assertThat(b.hasNext()).isTrue();
            b.next();
        }
    }

    @Test
    void tablePrintsInjectedAndMeasuredSideBySide() {
        GroundTruth.Counts us = truth.byCountry(Channel.SMS).get("US");
        GroundTruth.Counts measured = new GroundTruth.Counts();
        com.example.eum.analytics.model.WindowMetrics w1 = new com.example.eum.analytics.model.WindowMetrics();
        w1.set(SumColumn.MESSAGES, us.get(SumColumn.MESSAGES) - 11);
        w1.set(SumColumn.DELIVERED, us.get(SumColumn.DELIVERED) - 10);
        w1.set(SumColumn.FAILED_BLOCKED, 2);
        com.example.eum.analytics.model.WindowMetrics w2 = new com.example.eum.analytics.model.WindowMetrics();
        w2.set(SumColumn.MESSAGES, 10);
        w2.set(SumColumn.DELIVERED, 9);
        w2.set(SumColumn.BILLABLE_UTILITY, 3);
        measured.add(w1);
        measured.add(w2);
        assertThat(measured.get(SumColumn.DELIVERED)).isEqualTo(us.get(SumColumn.DELIVERED) - 1);
        assertThat(measured.failed(com.example.eum.analytics.model.FailureClass.BLOCKED)).isEqualTo(2);
        assertThat(measured.get(SumColumn.BILLABLE_UTILITY)).isEqualTo(3);
        assertThat(measured.get(SumColumn.BILLABLE_MARKETING) + measured.get(SumColumn.BILLABLE_AUTHENTICATION) + measured.get(SumColumn.BILLABLE_SERVICE)).isZero();
        String table = GroundTruthTable.format(truth, Map.of(Channel.SMS, Map.of("US", measured)));
        String row = table.lines().filter(l -> l.startsWith("SMS       US")).findFirst().orElseThrow();
        assertThat(row).contains(" " + us.get(SumColumn.MESSAGES) + " ", " " + (us.get(SumColumn.MESSAGES) - 1) + " ",
                String.format(java.util.Locale.ROOT, "%.1f", 100.0 * us.get(SumColumn.DELIVERED) / (us.get(SumColumn.DELIVERED) + us.get(SumColumn.FAILED))),
                String.format(java.util.Locale.ROOT, "%.4f", (us.get(SumColumn.PRICE_MICROS) + us.get(SumColumn.CARRIER_FEE_MICROS)) / 1e6));
        assertThat(table).contains("records " + String.format(java.util.Locale.ROOT, "%,d", truth.records));
    }

    @Test
    void generateCommandWritesAReplayFileWithOneLinePerRecord(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("t.jsonl");
        int exit = com.example.eum.analytics.cli.Main.commandLine().execute("generate", "--output", out.toString(), "--duration", "1m",
                "--rate", "5", "--seed", "4", "--countries", "GB:1");
        assertThat(exit).isEqualTo(0);
        // the command's drain default is 2m (GeneratorSettings' own default is 10m)
        GroundTruth t = GroundTruth.of(GeneratorSettings.fromOptions(Map.of("duration", "1m", "drain", "2m", "rate", "5", "seed", "4", "countries", "GB:1")));
        java.util.List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize((int) t.records);
        assertThat(lines).allSatisfy(l -> {
            if (!l.startsWith("{")) {
                assertThat(java.util.Base64.getDecoder().decode(l)).isNotEmpty();
            }
        });
        assertThat(t.byCountry(Channel.SMS).keySet()).containsExactly("GB");
    }
}
