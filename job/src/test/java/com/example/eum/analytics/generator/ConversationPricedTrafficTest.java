package com.example.eum.analytics.generator;

import com.example.eum.analytics.decode.DecoderSettings;
import com.example.eum.analytics.decode.RecordDecoder;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.RawRecord;
import com.example.eum.analytics.model.SumColumn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cbp-share}: WhatsApp messages priced per conversation, as the job decodes them (CBP pricing without a type,
 * a conversation id shared by several messages, never containing the user's number), and a ground truth that
 * charges each conversation's fee once and the AWS fee per message.
 */
class ConversationPricedTrafficTest {
    @Test
    void cbpTrafficSharesConversationsAndTheTruthChargesEachOnce() {
        GeneratorSettings s = TrafficGeneratorTest.settings(20, Duration.ofMinutes(5), Duration.ofMinutes(10), 3);
        s.cbpShare = 1;
        s.countryMix = GeneratorSettings.parseCountryMix("IN:1");
        RecordDecoder decoder = new RecordDecoder(new DecoderSettings("k".repeat(32).getBytes(StandardCharsets.UTF_8), false));
        Map<String, Set<String>> messagesByConversation = new HashMap<>();
        Set<String> pricingModels = new HashSet<>();
        RecordSequence seq = new RecordSequence(new TrafficModel(s));
        while (seq.hasNext()) {
            GeneratedRecord r = seq.next();
            for (CanonicalEvent e : decoder.decode(new RawRecord(r.payload, "test", r.arrivalTime)).events()) {
                if (e.channel == Channel.WHATSAPP && e.pricingModel != null) {
                    pricingModels.add(e.pricingModel + "/" + e.pricingType);
                    assertThat(e.conversationId).matches("GENCONV[0-9A-F]{16}"); // a hash, not the user's number
                    messagesByConversation.computeIfAbsent(e.conversationId, k -> new HashSet<>()).add(e.messageId);
                }
            }
        }
        assertThat(pricingModels).containsExactly("CBP/null");
        long shared = messagesByConversation.values().stream().filter(m -> m.size() > 1).count();
        assertThat(shared).isPositive();

        WhatsAppPriceList prices = WhatsAppPriceList.exampleCard(0.005);
        GroundTruth truth = GroundTruth.of(s, prices);
        GroundTruth.Counts wa = truth.total(Channel.WHATSAPP);
        long billable = wa.get(SumColumn.BILLABLE_MARKETING) + wa.get(SumColumn.BILLABLE_UTILITY) + wa.get(SumColumn.BILLABLE_AUTHENTICATION);
        // the example card's CBP row: $0.05 per conversation, whatever the category
        assertThat(prices.metaPriceMicros("IN", "CBP", "marketing")).isEqualTo(50_000);
        assertThat(truth.conversationFeesNotCharged).isPositive();
        assertThat(wa.get(SumColumn.WHATSAPP_META_FEE_MICROS)).isEqualTo(50_000 * (billable - truth.conversationFeesNotCharged));
        assertThat(wa.get(SumColumn.WHATSAPP_AWS_FEE_MICROS)).isEqualTo(5_000 * (wa.get(SumColumn.MESSAGES) + wa.get(SumColumn.INBOUND)));
    }
}
