package com.example.eum.analytics.generator;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.SumColumn;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every incident kind changes what it should and nothing else: the same run is generated with and without six
 * incidents of distinct scopes, both are recounted from the emitted records, and every message outside the
 * incidents' scopes is the same in both (same id, request, receipts, feedback, price), while inside them the
 * measured delivery, conversion, volume and cost move as specified. The ground truth of the incident run equals
 * the recount of what it emitted.
 */
class InjectedIncidentTest {
    static final long MIN = TrafficModel.MINUTE;
    static final String INCIDENTS = "carrier=310-260,from=10m,for=10m,label=tmobile-outage;"
            + "country=IN,pumping=4x,from=10m,for=10m,label=in-pumping;"
            + "country=DE,conversion=0.3,from=5m,for=10m;"
            + "country=GB,spend=4x,from=0m,for=5m;"
            + "country=BR,blast=5x,from=20m,for=5m,label=br-blast;"
            + "country=GB,viral=3x,from=15m,for=10m";

    static GeneratorSettings base;
    static GeneratorSettings withIncidents;
    static Recount before;
    static Recount after;
    static GroundTruth truthBefore;
    static GroundTruth truthAfter;

    @BeforeAll
    static void generate() {
        Map<String, String> run = new java.util.HashMap<>(Map.of("rate", "25", "duration", "30m", "drain", "1h", "seed", "17",
                "countries", "US:40,IN:20,DE:20,GB:10,BR:10"));
        base = GeneratorSettings.fromOptions(run);
        run.put("incident", INCIDENTS);
        withIncidents = GeneratorSettings.fromOptions(run);
        before = recount(base);
        after = recount(withIncidents);
        truthBefore = GroundTruth.of(base);
        truthAfter = GroundTruth.of(withIncidents);
    }

    static Recount recount(GeneratorSettings s) {
        Recount rc = new Recount();
        RecordSequence seq = new RecordSequence(new TrafficModel(s));
        long last = Long.MIN_VALUE;
        while (seq.hasNext()) {
            GeneratedRecord r = seq.next();
            assertThat(r.arrivalTime).isGreaterThanOrEqualTo(last);
            last = r.arrivalTime;
            rc.add(r);
        }
        return rc;
    }

    private static InjectedIncident incident(String labelStart) {
        return withIncidents.incidents.stream().filter(i -> i.label.startsWith(labelStart)).findFirst().orElseThrow();
    }

    private static boolean in(Recount.Msg m, InjectedIncident i) {
        return m.country.equals(i.country) && m.requestTime >= i.start(withIncidents) && m.requestTime < i.end(withIncidents);
    }

    /** What a message looked like on the stream, as one comparable string. */
    private static String signature(Recount rc, String id, Recount.Msg m) {
        List<String> events = new ArrayList<>();
        m.events.forEach(e -> events.add(String.join(":", e)));
        List<String> feedback = new ArrayList<>();
        rc.feedbackById.getOrDefault(id, List.of()).forEach(f -> feedback.add(f[0] + ":" + f[1]));
        return String.join("|", m.channel.name(), m.country, Long.toString(m.requestTime), String.valueOf(m.destination),
                m.origination, m.mcc + "-" + m.mnc, m.useCase, Long.toString(m.price), Integer.toString(m.parts),
                Boolean.toString(m.protectBlock), events.toString(), feedback.toString());
    }

    @Test
    void labelsScopesAndWindowsAreKeptInTheSettings() {
        assertThat(withIncidents.incidents).extracting(i -> i.kind).containsExactly(InjectedIncident.Kind.CARRIER_OUTAGE,
                InjectedIncident.Kind.SMS_PUMPING, InjectedIncident.Kind.CONVERSION_DROP, InjectedIncident.Kind.SPEND_SPIKE,
                InjectedIncident.Kind.MARKETING_BLAST, InjectedIncident.Kind.VIRAL_LAUNCH);
        InjectedIncident outage = incident("tmobile");
        assertThat(outage.country).isEqualTo("US"); // found from the carrier
        assertThat(outage.carrier).isEqualTo("310-260");
        assertThat(outage.start(withIncidents)).isEqualTo(withIncidents.startTime + 10 * MIN);
        assertThat(outage.end(withIncidents)).isEqualTo(withIncidents.startTime + 20 * MIN);
        assertThat(incident("in-pumping").pumpedPrefix()).isEqualTo(PhoneNumberPool.numbers("IN").get(0).substring(0, 6));
        assertThat(incident("country=DE").label).isEqualTo("country=DE,conversion=0.3,from=5m,for=10m");
        assertThat(incident("br-blast").kind.decoy).isTrue();
        assertThat(incident("in-pumping").kind.decoy).isFalse();
    }

    @Test
    void messagesOutsideEveryIncidentScopeAreUnchanged() {
        InjectedIncident outage = incident("tmobile");
        InjectedIncident conversion = incident("country=DE");
        InjectedIncident spend = incident("country=GB,spend");
        Predicate<Recount.Msg> changed = m -> (in(m, outage) && (m.mcc + "-" + m.mnc).equals("310-260"))
                || (in(m, outage) && m.channel != Channel.WHATSAPP && m.mcc.isEmpty()) // the outage's failures may carry no network
                || (in(m, conversion) && m.feedbackEnabled)
                || (in(m, spend) && m.channel == Channel.SMS);
        long same = 0;
        long inScope = 0;
        for (Map.Entry<String, Recount.Msg> e : before.messages.entrySet()) {
            Recount.Msg m = e.getValue();
            if (changed.test(m)) {
                inScope++;
                continue;
            }
            Recount.Msg now = after.messages.get(e.getKey());
            assertThat(now).as("message %s is still generated", e.getKey()).isNotNull();
            assertThat(signature(after, e.getKey(), now)).isEqualTo(signature(before, e.getKey(), m));
            same++;
        }
        assertThat(same).isGreaterThan(30_000);
        assertThat(inScope).isGreaterThan(2_000);
        // the incident run plans the same messages plus the surges' own: 4x IN (5/s) is 15/s extra for 10 minutes,
        // 5x BR (2.5/s) 10/s for 5 minutes, 3x GB (2.5/s) 5/s for 10 minutes
        assertThat(new TrafficModel(withIncidents).messageCount() - new TrafficModel(base).messageCount())
                .isEqualTo(15 * 600 + 10 * 300 + 5 * 600);
    }

    @Test
    void aCarrierOutageFailsThatCarrierAsUnreachableDuringItsWindowOnly() {
        InjectedIncident outage = incident("tmobile");
        long[] inWindow = new long[4]; // messages, failed unreachable, delivered, failed
        long[] otherCarriers = new long[2];
        for (Recount.Msg m : after.messages.values()) {
            if (m.channel == Channel.WHATSAPP || !in(m, outage) || m.mcc.isEmpty()) {
                continue;
            }
            boolean delivered = m.events.stream().anyMatch(e -> e[0].endsWith("_SUCCESSFUL") || e[0].endsWith("_DELIVERED"));
            if ((m.mcc + "-" + m.mnc).equals("310-260")) {
                inWindow[0]++;
                inWindow[2] += delivered ? 1 : 0;
                inWindow[3] += !delivered && m.events.stream().anyMatch(e -> Boolean.parseBoolean(e[1])) ? 1 : 0;
                inWindow[1] += m.events.stream().anyMatch(e -> Boolean.parseBoolean(e[1])
                        && Recount.smsClass(e[0].substring(e[0].indexOf('_') + 1)) == FailureClass.UNREACHABLE) ? 1 : 0;
            } else {
                otherCarriers[0]++;
                otherCarriers[1] += delivered ? 1 : 0;
            }
        }
        assertThat(inWindow[0]).isGreaterThan(1000);
        assertThat((double) inWindow[2] / (inWindow[2] + inWindow[3])).isCloseTo(0.10, within(0.02));
        assertThat(inWindow[1]).isEqualTo(inWindow[3]); // every final failure is carrier-unreachable
        // the country's other carriers deliver as they did without the outage
        long[] otherBefore = new long[2];
        for (Recount.Msg m : before.messages.values()) {
            if (m.channel != Channel.WHATSAPP && in(m, outage) && !m.mcc.isEmpty() && !(m.mcc + "-" + m.mnc).equals("310-260")) {
                otherBefore[0]++;
                otherBefore[1] += m.events.stream().anyMatch(e -> e[0].endsWith("_SUCCESSFUL") || e[0].endsWith("_DELIVERED")) ? 1 : 0;
            }
        }
        assertThat(otherCarriers).containsExactly(otherBefore);
        assertThat((double) otherCarriers[1] / otherCarriers[0]).isGreaterThan(0.9);
    }

    @Test
    void pumpingSendsOtpsToOnePrefixThatNeverConvertPricedLikeTheCountry() {
        InjectedIncident pumping = incident("in-pumping");
        String prefix = pumping.pumpedPrefix();
        long pumped = 0;
        long converted = 0;
        long protect = 0;
        for (Map.Entry<String, Recount.Msg> e : after.messages.entrySet()) {
            if (before.messages.containsKey(e.getKey())) {
                continue;
            }
            Recount.Msg m = e.getValue();
            if (!"IN".equals(m.country)) {
                continue;
            }
            pumped++;
            assertThat(in(m, pumping)).isTrue();
            assertThat(m.channel).isEqualTo(Channel.SMS);
            assertThat(m.feedbackEnabled).isTrue();
            assertThat(m.useCase).isIn("otp-login", ""); // EventBridge would drop the context; OTPs never use it
            if (m.destination != null) {
                assertThat(m.destination).startsWith(prefix);
            }
            boolean protectBlocked = m.events.stream().anyMatch(ev -> ev[0].equals("TEXT_PROTECT_BLOCKED"));
            assertThat(m.price).isEqualTo(protectBlocked ? 0 : CountryProfile.of("IN").pricePerPartMicros * m.parts);
            converted += after.feedbackById.getOrDefault(e.getKey(), List.of()).stream().anyMatch(f -> f[0] == 1) ? 1 : 0;
            protect += m.protectBlock ? 1 : 0;
        }
        // 4x the country's volume: three times IN's 5 messages/s extra for 10 minutes (a few have no record within
        // the run's horizon, hours-late transport, and count nowhere, as in the truth)
        assertThat(pumped).isBetween(15 * 600 * 99 / 100L, 15 * 600L)
                .isEqualTo(truthAfter.byCountry(Channel.SMS).get("IN").get(SumColumn.MESSAGES)
                        - truthBefore.byCountry(Channel.SMS).get("IN").get(SumColumn.MESSAGES));
        assertThat(converted).isZero();
        assertThat((double) protect / pumped).isCloseTo(InjectedIncident.PUMPING_PROTECT_SHARE, within(0.03));
        // the country's own OTPs keep converting
        double normal = conversionOf(before, (id, m) -> "IN".equals(m.country));
        assertThat(conversionOf(after, (id, m) -> "IN".equals(m.country) && before.messages.containsKey(id))).isEqualTo(normal);
    }

    @Test
    void aConversionDropLowersOnlyItsCountryDuringItsWindow() {
        InjectedIncident drop = incident("country=DE");
        double during = conversionOf(after, m -> in(m, drop));
        double normally = conversionOf(before, m -> in(m, drop));
        // the same OTPs, confirmed by 30% of those delivered instead of DE's 89%
        assertThat(normally).isGreaterThan(0.75);
        assertThat(during).isCloseTo(normally * 0.3 / 0.89, within(0.03));
        assertThat(conversionOf(after, m -> "DE".equals(m.country) && !in(m, drop)))
                .isEqualTo(conversionOf(before, m -> "DE".equals(m.country) && !in(m, drop)));
    }

    @Test
    void aSpendSpikeMultipliesPartsAndPriceAtNormalVolume() {
        InjectedIncident spend = incident("country=GB,spend");
        long[] parts = new long[2];
        long[] price = new long[2];
        long[] count = new long[2];
        Recount[] runs = {before, after};
        for (int k = 0; k < 2; k++) {
            for (Recount.Msg m : runs[k].messages.values()) {
                if (m.channel == Channel.SMS && in(m, spend)) {
                    count[k]++;
                    parts[k] += m.parts;
                    price[k] += m.price;
                }
            }
        }
        assertThat(count[1]).isEqualTo(count[0]).isGreaterThan(500);
        assertThat(parts[1]).isEqualTo(4 * parts[0]);
        assertThat((double) price[1] / price[0]).isCloseTo(4.0, within(0.01));
    }

    @Test
    void decoysAddHealthyVolume() {
        InjectedIncident blast = incident("br-blast");
        InjectedIncident viral = incident("country=GB,viral");
        List<Recount.Msg> blastMsgs = new ArrayList<>();
        List<Recount.Msg> viralMsgs = new ArrayList<>();
        List<String> viralIds = new ArrayList<>();
        for (Map.Entry<String, Recount.Msg> e : after.messages.entrySet()) {
            if (before.messages.containsKey(e.getKey())) {
                continue;
            }
            Recount.Msg m = e.getValue();
            if (in(m, blast)) {
                blastMsgs.add(m);
            } else if (in(m, viral)) {
                viralMsgs.add(m);
                viralIds.add(e.getKey());
            }
        }
        assertThat(blastMsgs.size()).isBetween(10 * 300 * 99 / 100, 10 * 300);
        assertThat(blastMsgs).allSatisfy(m -> assertThat(m.messageType).isIn("PROMOTIONAL", ""));
        assertThat(deliveryOf(blastMsgs)).isCloseTo(CountryProfile.of("BR").deliveryRate, within(0.03));
        assertThat(viralMsgs.size()).isBetween(5 * 600 * 99 / 100, 5 * 600);
        assertThat(viralMsgs).allSatisfy(m -> assertThat(m.feedbackEnabled).isTrue());
        long converted = viralIds.stream()
                .filter(id -> after.feedbackById.getOrDefault(id, List.of()).stream()
                        .anyMatch(f -> f[0] == 1 && f[1] <= after.messages.get(id).requestTime + TrafficModel.FEEDBACK_TIMEOUT))
                .count();
        assertThat((double) converted / viralIds.size()).isCloseTo(0.98 * 0.90, within(0.04));
    }

    @Test
    void groundTruthCountsEverythingTheIncidentsInjected() {
        GroundTruth truth = truthAfter;
        Map<Channel, Map<String, GroundTruth.Counts>> byCountry = after.counts(false);
        for (Channel ch : new Channel[] {Channel.SMS, Channel.MMS, Channel.WHATSAPP}) {
            assertThat(byCountry.get(ch).keySet()).isEqualTo(truth.byCountry(ch).keySet());
            for (Map.Entry<String, GroundTruth.Counts> e : truth.byCountry(ch).entrySet()) {
                assertThat(byCountry.get(ch).get(e.getKey())).as(ch + " " + e.getKey()).usingRecursiveComparison().isEqualTo(e.getValue());
            }
        }
        assertThat(after.records).isEqualTo(truth.records).isGreaterThan(before.records + 15 * 600 + 10 * 300 + 5 * 600);
    }

    @Test
    void pumpingToACountryWithoutTrafficNeedsAnAbsoluteRate() {
        Map<String, String> run = new java.util.HashMap<>(Map.of("rate", "5", "duration", "10m", "drain", "1h", "countries", "US:1",
                "incident", "country=SL,pumping=2/s,from=2m,for=3m"));
        GeneratorSettings s = GeneratorSettings.fromOptions(run);
        Recount rc = recount(s);
        List<Recount.Msg> sl = new ArrayList<>();
        rc.messages.values().stream().filter(m -> "SL".equals(m.country)).forEach(sl::add);
        assertThat(sl.size()).isBetween(2 * 180 - 5, 2 * 180);
        assertThat(sl).allSatisfy(m -> {
            assertThat(m.requestTime).isBetween(s.startTime + 2 * MIN, s.startTime + 5 * MIN - 1);
            assertThat(m.price).isIn(0L, CountryProfile.generic("SL").pricePerPartMicros * m.parts);
        });
        run.put("incident", "country=SL,pumping=5x");
        assertThatThrownBy(() -> GeneratorSettings.fromOptions(run))
                .hasMessageContaining("SL has no traffic in the country mix (US); add it to --countries or give an absolute rate like 2/s");
    }

    @Test
    void aBadSpecNamesTheFix() {
        assertThat(InjectedIncident.parseAll("carrier=404-10;country=US,blast=2x")).extracting(i -> i.country).containsExactly("IN", "US");
        assertThatThrownBy(() -> InjectedIncident.parse("carrier=999-99"))
                .hasMessageContaining("carrier 999-99 is none the generator uses; carriers are").hasMessageContaining("US 310-260/310-410/311-480");
        assertThatThrownBy(() -> InjectedIncident.parse("country=GB,carrier=310-260"))
                .hasMessageContaining("carrier 310-260 is not a carrier of GB");
        assertThatThrownBy(() -> InjectedIncident.parse("country=IN,pumping=5")).hasMessageContaining("must be a multiple like 5x or a rate like 2/s");
        assertThatThrownBy(() -> InjectedIncident.parse("country=IN,pumping=3/day")).hasMessageContaining("per s, min or h");
        assertThatThrownBy(() -> InjectedIncident.parse("country=IN,pumping=2x,blast=3x")).hasMessageContaining("give each its own --incident");
        assertThatThrownBy(() -> InjectedIncident.parse("country=IN,from=1m")).hasMessageContaining("has no effect; write carrier=310-260");
        assertThatThrownBy(() -> InjectedIncident.parse("country=IN,spend=2.5x")).hasMessageContaining("whole factor from 2x to 10x");
        assertThatThrownBy(() -> InjectedIncident.parse("country=IN,blast=3x,prefix=+91")).hasMessageContaining("'prefix' does not apply to MARKETING_BLAST");
        assertThatThrownBy(() -> InjectedIncident.parse("country=IN,delivery=0.3,for=5m,to=10m")).hasMessageContaining("for= or to=, not both");
        assertThatThrownBy(() -> InjectedIncident.parse("country=IN,pumping=2/s,prefix=+9181234567"))
                .hasMessageContaining("1 to 7 digits");
        assertThatThrownBy(() -> GeneratorSettings.fromOptions(Map.of("countries", "IN:1", "incident", "country=IN,pumping=2x,prefix=+33")))
                .hasMessageContaining("no generated number of IN starts with +33");
        assertThatThrownBy(() -> GeneratorSettings.fromOptions(Map.of("duration", "10m", "countries", "IN:1", "incident", "country=IN,delivery=0.1,from=15m")))
                .hasMessageContaining("after the run's 10m of requests; give an earlier from=");
    }

    private static double deliveryOf(List<Recount.Msg> msgs) {
        long delivered = msgs.stream().filter(m -> m.events.stream().anyMatch(e -> e[0].endsWith("_SUCCESSFUL") || e[0].endsWith("_DELIVERED"))).count();
        return (double) delivered / msgs.size();
    }

    /** Matured conversion (RECEIVED within the timeout) of the feedback-tracked SMS matching {@code which}. */
    private static double conversionOf(Recount rc, Predicate<Recount.Msg> which) {
        return conversionOf(rc, (id, m) -> which.test(m));
    }

    private static double conversionOf(Recount rc, java.util.function.BiPredicate<String, Recount.Msg> which) {
        long tracked = 0;
        long converted = 0;
        for (Map.Entry<String, Recount.Msg> e : rc.messages.entrySet()) {
            Recount.Msg m = e.getValue();
            if (m.channel != Channel.SMS || !m.feedbackEnabled || !which.test(e.getKey(), m)) {
                continue;
            }
            tracked++;
            converted += rc.feedbackById.getOrDefault(e.getKey(), List.of()).stream()
                    .anyMatch(f -> f[0] == 1 && f[1] <= m.requestTime + TrafficModel.FEEDBACK_TIMEOUT) ? 1 : 0;
        }
        return (double) converted / tracked;
    }
}
