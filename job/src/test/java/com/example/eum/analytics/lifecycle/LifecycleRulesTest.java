package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.config.JobConfig;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.MessageDelta;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.example.eum.analytics.lifecycle.Ev.HOUR;
import static com.example.eum.analytics.lifecycle.Ev.MIN;
import static com.example.eum.analytics.lifecycle.Ev.SEC;
import static com.example.eum.analytics.lifecycle.Ev.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The counting rules applied directly, without Flink. */
class LifecycleRulesTest {
    private static final long NO_WATERMARK = Long.MIN_VALUE;

    private final JobConfig cfg = new JobConfig();
    private final LifecycleRules rules = new LifecycleRules(cfg, new FixedWhatsAppFees());

    private static List<MessageDelta> run(LifecycleRules rules, MessageState s, CanonicalEvent... events) {
        List<MessageDelta> out = new ArrayList<>();
        for (CanonicalEvent e : events) {
            out.addAll(rules.onEvent(s, e, NO_WATERMARK));
        }
        return out;
    }

    @Test
    void deltasCarryMessageTypeUseCaseAndNetworkOfTheMessage() {
        MessageState s = new MessageState();
        CanonicalEvent pending = Ev.sms("m1").pending(T0 + SEC).context("useCase", "otp").build();
        pending.messageType = "TRANSACTIONAL";
        pending.mcc = "310";
        pending.mnc = "260";
        pending.carrierName = "T-Mobile";
        CanonicalEvent delivered = Ev.sms("m1").delivered(T0 + 2 * SEC).build(); // later receipts repeat none of it
        List<MessageDelta> d = run(rules, s, pending, delivered);
        assertThat(d).hasSize(2).allSatisfy(m -> {
            assertThat(m.messageType).isEqualTo("TRANSACTIONAL");
            assertThat(m.useCase).isEqualTo("otp");
            assertThat(m.mcc).isEqualTo("310");
            assertThat(m.mnc).isEqualTo("260");
            assertThat(m.carrierName).isEqualTo("T-Mobile");
        });
    }

    @Test
    void whatsAppOutboundMessageTypeIsItsPricingCategoryAndTheUseCaseKeyIsConfigurable() {
        JobConfig custom = new JobConfig();
        custom.useCaseContextKey = "team";
        MessageState s = new MessageState();
        CanonicalEvent sent = Ev.whatsapp("w1").wa("sent", T0 + SEC).pricing("CBP", "marketing", null, true)
                .context("team", "spring-sale").build();
        sent.messageType = "text";
        List<MessageDelta> d = run(new LifecycleRules(custom, new FixedWhatsAppFees()), s, sent);
        assertThat(d).isNotEmpty().allSatisfy(m -> {
            assertThat(m.messageType).isEqualTo("marketing");
            assertThat(m.useCase).isEqualTo("spring-sale");
            assertThat(m.mcc).isNull();
        });
        MessageState inbound = new MessageState();
        CanonicalEvent in = Ev.whatsapp("w2").inbound(T0).build();
        in.messageType = "image";
        assertThat(run(rules, inbound, in)).isNotEmpty().allSatisfy(m -> assertThat(m.messageType).isNull());
    }

    @Test
    void firstPendingCountsMessagePendingAndCostAtRequestTime() {
        MessageState s = new MessageState();
        List<MessageDelta> d = rules.onEvent(s, Ev.sms("m1").pending(T0 + SEC).price(6450, 300, 2).build(), NO_WATERMARK);
        assertThat(d).hasSize(1);
        MessageDelta m = d.get(0);
        assertThat(m.attributionTime).isEqualTo(T0);
        assertThat(m.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(m.get(SumColumn.PENDING)).isEqualTo(1);
        assertThat(m.get(SumColumn.PRICE_MICROS)).isEqualTo(6450);
        assertThat(m.get(SumColumn.CARRIER_FEE_MICROS)).isEqualTo(300);
        assertThat(m.get(SumColumn.MESSAGE_PARTS)).isEqualTo(2);
        assertThat(m.channel).hasToString("SMS");
        assertThat(m.isoCountryCode).isEqualTo("US");
        assertThat(m.originationId).isEqualTo("+12065550100");
        assertThat(m.messageId).isEqualTo("m1");
        assertThat(m.latencyMs).isEqualTo(-1);
    }

    @Test
    void repeatedStatusWithNewIdAndExactRedeliveryProduceNothing() {
        MessageState s = new MessageState();
        CanonicalEvent p = Ev.sms("m1").pending(T0 + SEC).price(6450, 300, 1).build();
        run(rules, s, p);
        assertThat(rules.isDuplicate(s, p)).isTrue();
        assertThat(rules.onEvent(s, p, NO_WATERMARK)).isEmpty();
        CanonicalEvent again = Ev.sms("m1").pending(T0 + 2 * SEC).price(6450, 300, 1).id("other-id").build();
        assertThat(rules.isDuplicate(s, again)).isFalse();
        assertThat(rules.onEvent(s, again, NO_WATERMARK)).isEmpty();
    }

    @Test
    void eventIdSetIsBoundedAndRulesStayIdempotentBeyondIt() {
        MessageState s = new MessageState();
        CanonicalEvent first = Ev.sms("m1").pending(T0 + SEC).id("p-0").build();
        run(rules, s, first);
        for (int i = 1; i <= 40; i++) {
            assertThat(rules.onEvent(s, Ev.sms("m1").pending(T0 + SEC + i).id("p-" + i).build(), NO_WATERMARK)).isEmpty();
        }
        assertThat(s.seenEventIds).hasSize(LifecycleRules.MAX_SEEN_IDS);
        // p-0 was evicted: no longer an exact duplicate, but still counts nothing.
        assertThat(rules.isDuplicate(s, first)).isFalse();
        assertThat(rules.onEvent(s, first, NO_WATERMARK)).isEmpty();
    }

    @Test
    void successOutcomeTakesPendingBackWithLatency() {
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").pending(T0 + SEC).build());
        List<MessageDelta> d = rules.onEvent(s, Ev.sms("m1").successful(T0 + 4 * SEC).build(), NO_WATERMARK);
        assertThat(d).hasSize(1);
        assertThat(d.get(0).attributionTime).isEqualTo(T0 + 4 * SEC);
        assertThat(d.get(0).get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(d.get(0).get(SumColumn.PENDING)).isEqualTo(-1);
        assertThat(d.get(0).latencyMs).isEqualTo(4000);
        assertThat(rules.onEvent(s, Ev.sms("m1").delivered(T0 + 90 * SEC).build(), NO_WATERMARK)).isEmpty();
    }

    @Test
    void nonFinalDeliveredStatusIsNotAnOutcome() {
        MessageState s = new MessageState();
        CanonicalEvent notFinal = Ev.sms("m1").status("TEXT_DELIVERED", com.example.eum.analytics.model.Status.DELIVERED, false, T0 + SEC).build();
        DeltaSum sum = DeltaSum.of(run(rules, s, notFinal));
        assertThat(sum.get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(sum.get(SumColumn.PENDING)).isEqualTo(1);
        assertThat(sum.get(SumColumn.DELIVERED)).isZero();
    }

    @Test
    void pendingOpensAtTheRequestAndClosesAtTheOutcomeWhateverArrivesFirst() {
        MessageState s = new MessageState();
        List<MessageDelta> d = run(rules, s, Ev.sms("m1").failed("TEXT_BLOCKED", FailureClass.BLOCKED, T0 + 3 * SEC).build());
        assertThat(d).hasSize(2);
        DeltaSum sum = DeltaSum.of(d);
        assertThat(sum.counts()).isEqualTo("messages=1 failed=1 failed_blocked=1");
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.PENDING)).isEqualTo(1);
        assertThat(DeltaSum.byTime(d).get(T0 + 3 * SEC).get(SumColumn.PENDING)).isEqualTo(-1);
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.MESSAGES)).isEqualTo(1);
        assertThat(DeltaSum.byTime(d).get(T0 + 3 * SEC).get(SumColumn.FAILED_BLOCKED)).isEqualTo(1);
    }

    @Test
    void successAfterFailureTakesTheFailureBackAtItsOwnTime() {
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").pending(T0 + SEC).build(),
                Ev.sms("m1").failed("TEXT_CARRIER_UNREACHABLE", FailureClass.UNREACHABLE, T0 + 10 * SEC).build());
        List<MessageDelta> d = rules.onEvent(s, Ev.sms("m1").delivered(T0 + 20 * SEC).build(), NO_WATERMARK);
        assertThat(d).hasSize(2);
        MessageDelta back = d.get(0);
        assertThat(back.attributionTime).isEqualTo(T0 + 10 * SEC);
        assertThat(back.get(SumColumn.FAILED)).isEqualTo(-1);
        assertThat(back.get(SumColumn.FAILED_UNREACHABLE)).isEqualTo(-1);
        assertThat(back.get(SumColumn.PENDING)).isEqualTo(1);
        MessageDelta c = d.get(1);
        assertThat(c.attributionTime).isEqualTo(T0 + 20 * SEC);
        assertThat(c.get(SumColumn.DELIVERED)).isEqualTo(1);
        assertThat(c.get(SumColumn.PENDING)).isEqualTo(-1);
        assertThat(c.latencyMs).isEqualTo(20_000);
        // A failure after the success changes nothing.
        assertThat(rules.onEvent(s, Ev.sms("m1").failed("TEXT_UNKNOWN", FailureClass.UNKNOWN, T0 + 72 * HOUR).build(), NO_WATERMARK)).isEmpty();
    }

    @Test
    void secondFailureKeepsTheFirstClass() {
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").failed("TEXT_INVALID", FailureClass.INVALID, T0 + SEC).build());
        assertThat(rules.onEvent(s, Ev.sms("m1").failed("TEXT_BLOCKED", FailureClass.BLOCKED, T0 + 2 * SEC).build(), NO_WATERMARK)).isEmpty();
    }

    @Test
    void costArrivingOnALaterEventIsAttributedToTheMessageTime() {
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").pending(T0 + SEC).build());
        List<MessageDelta> d = rules.onEvent(s, Ev.sms("m1").delivered(T0 + 30 * SEC).price(7000, 0, 1).build(), NO_WATERMARK);
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.PRICE_MICROS)).isEqualTo(7000);
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.MESSAGE_PARTS)).isEqualTo(1);
        assertThat(DeltaSum.byTime(d).get(T0 + 30 * SEC).get(SumColumn.DELIVERED)).isEqualTo(1);
        // A different price on a later event is not added again.
        assertThat(rules.onEvent(s, Ev.sms("m1").successful(T0 + 40 * SEC).price(9999, 1, 3).build(), NO_WATERMARK)).isEmpty();
    }

    @Test
    void countryFilledByALaterReceiptIsUsedFromThenOn() {
        MessageState s = new MessageState();
        List<MessageDelta> first = run(rules, s, Ev.sms("m1").pending(T0 + SEC).country(null).build());
        assertThat(first.get(0).isoCountryCode).isNull();
        List<MessageDelta> later = run(rules, s, Ev.sms("m1").delivered(T0 + 5 * SEC).country("DE").build());
        assertThat(later.get(0).isoCountryCode).isEqualTo("DE");
    }

    @Test
    void requestTimeMissingFallsBackToFirstEventTime() {
        MessageState s = new MessageState();
        List<MessageDelta> d = run(rules, s, Ev.sms("m1").pending(T0 + 7 * SEC).requested(null).build(),
                Ev.sms("m1").delivered(T0 + 9 * SEC).requested(null).build());
        assertThat(d.get(0).attributionTime).isEqualTo(T0 + 7 * SEC);
        assertThat(d.get(1).latencyMs).isEqualTo(-1);
    }

    @Test
    void protectBlockRecommendationCountsOnce() {
        MessageState s = new MessageState();
        DeltaSum sum = DeltaSum.of(run(rules, s, Ev.sms("m1").pending(T0 + SEC).protect("BLOCK").build(),
                Ev.sms("m1").delivered(T0 + 2 * SEC).protect("BLOCK").build()));
        assertThat(sum.get(SumColumn.PROTECT_BLOCK_RECOMMENDED)).isEqualTo(1);
        MessageState allow = new MessageState();
        assertThat(DeltaSum.of(run(rules, allow, Ev.sms("m2").pending(T0).protect("ALLOW").build())).get(SumColumn.PROTECT_BLOCK_RECOMMENDED)).isZero();
    }

    @Test
    void whatsappFeesAndBillablesOncePerMessageAtItsAttributionTime() {
        MessageState s = new MessageState();
        List<MessageDelta> d = run(rules, s,
                Ev.whatsapp("wamid.1").wa("sent", T0).pricing("PMP", "marketing", "regular", true).build(),
                Ev.whatsapp("wamid.1").wa("delivered", T0 + 3 * SEC).pricing("PMP", "marketing", "regular", true).build(),
                Ev.whatsapp("wamid.1").wa("read", T0 + 60 * SEC).build());
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.AWS + FixedWhatsAppFees.MARKETING);
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.BILLABLE_MARKETING)).isEqualTo(1);
        DeltaSum sum = DeltaSum.of(d);
        assertThat(sum.counts()).isEqualTo("messages=1 delivered=1 read=1 billable_marketing=1 whatsapp_fee_usd=30000"
                + " whatsapp_meta_fee_usd=25000 whatsapp_aws_fee_usd=5000");
        assertThat(sum.latencies).containsExactly(3000L);
    }

    @Test
    void whatsappWithoutPricingStillPaysTheAwsFeeOnce() {
        MessageState s = new MessageState();
        DeltaSum sum = DeltaSum.of(run(rules, s, Ev.whatsapp("wamid.2").wa("sent", T0).build(),
                Ev.whatsapp("wamid.2").wa("delivered", T0 + SEC).build()));
        assertThat(sum.get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.AWS);
        assertThat(sum.get(SumColumn.BILLABLE_MARKETING) + sum.get(SumColumn.BILLABLE_UTILITY) + sum.get(SumColumn.BILLABLE_AUTHENTICATION) + sum.get(SumColumn.BILLABLE_SERVICE)).isZero();
    }

    @Test
    void aCbpFeeIsMarkedWithItsConversationForTheConversationFeesOperator() {
        List<MessageDelta> cbp = run(rules, new MessageState(), Ev.whatsapp("wamid.c1").wa("sent", T0)
                .pricing("CBP", "marketing", null, true).conversation("conv-1").build());
        MessageDelta fee = cbp.stream().filter(d -> d.get(SumColumn.WHATSAPP_META_FEE_MICROS) != 0).findFirst().orElseThrow();
        assertThat(fee.conversationId).isEqualTo("conv-1");
        assertThat(fee.get(SumColumn.WHATSAPP_META_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.MARKETING);

        // per-message pricing, a CBP status without a conversation, or a free message: nothing to charge per conversation
        List<MessageDelta> pmp = run(rules, new MessageState(), Ev.whatsapp("wamid.c2").wa("sent", T0)
                .pricing("PMP", "marketing", "regular", true).conversation("conv-2").build());
        List<MessageDelta> noConversation = run(rules, new MessageState(), Ev.whatsapp("wamid.c3").wa("sent", T0)
                .pricing("CBP", "marketing", null, true).build());
        List<MessageDelta> free = run(rules, new MessageState(), Ev.whatsapp("wamid.c4").wa("sent", T0)
                .pricing("CBP", "service", null, false).conversation("conv-4").build());
        for (List<MessageDelta> deltas : List.of(pmp, noConversation, free)) {
            assertThat(deltas).isNotEmpty().allSatisfy(d -> assertThat(d.conversationId).isNull());
        }
    }

    @Test
    void pricingOnALaterEventIsAttributedToTheMessageTime() {
        MessageState s = new MessageState();
        run(rules, s, Ev.whatsapp("wamid.3").wa("sent", T0).build());
        List<MessageDelta> d = rules.onEvent(s, Ev.whatsapp("wamid.3").wa("delivered", T0 + 2 * SEC)
                .pricing("PMP", "utility", "regular", null).build(), NO_WATERMARK);
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.UTILITY);
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.BILLABLE_UTILITY)).isEqualTo(1);
    }

    @Test
    void billabilityAndCategories() {
        assertThat(LifecycleRules.isBillable(Ev.whatsapp("w").pricing("PMP", "service", "free_customer_service", true).build())).isFalse();
        assertThat(LifecycleRules.isBillable(Ev.whatsapp("w").pricing("PMP", "utility", "free_entry_point", null).build())).isFalse();
        assertThat(LifecycleRules.isBillable(Ev.whatsapp("w").pricing("PMP", "utility", "regular", false).build())).isTrue();
        assertThat(LifecycleRules.isBillable(Ev.whatsapp("w").pricing("CBP", "utility", null, true).build())).isTrue();
        assertThat(LifecycleRules.isBillable(Ev.whatsapp("w").pricing("CBP", "service", null, false).build())).isFalse();

        MessageState s = new MessageState();
        DeltaSum intl = DeltaSum.of(run(rules, s, Ev.whatsapp("wamid.4").wa("sent", T0)
                .pricing("PMP", "authentication_international", "regular", true).build()));
        assertThat(intl.get(SumColumn.BILLABLE_AUTHENTICATION)).isEqualTo(1);
        assertThat(intl.get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.AWS + FixedWhatsAppFees.AUTHENTICATION);

        MessageState free = new MessageState();
        DeltaSum f = DeltaSum.of(run(rules, free, Ev.whatsapp("wamid.5").wa("sent", T0)
                .pricing("PMP", "service", "free_customer_service", false).build()));
        assertThat(f.get(SumColumn.BILLABLE_SERVICE)).isZero();
        assertThat(f.get(SumColumn.WHATSAPP_FEE_MICROS)).isEqualTo(FixedWhatsAppFees.AWS);
    }

    @Test
    void inboundWhatsappCountsInboundAndTheAwsFeeOnly() {
        MessageState s = new MessageState();
        CanonicalEvent in = Ev.whatsapp("wamid.in").inbound(T0 + 5 * SEC).build();
        List<MessageDelta> d = run(rules, s, in, Ev.whatsapp("wamid.in").inbound(T0 + 5 * SEC).id("redelivered-copy").build());
        assertThat(d).hasSize(1);
        assertThat(d.get(0).attributionTime).isEqualTo(T0 + 5 * SEC);
        assertThat(DeltaSum.of(d).counts()).isEqualTo("inbound=1 whatsapp_fee_usd=5000 whatsapp_aws_fee_usd=5000");
    }

    @Test
    void feedbackHeldUntilFirstReceiptThenResolved() {
        MessageState s = new MessageState();
        assertThat(rules.onEvent(s, Ev.feedback("m1", "RECEIVED", T0 + 30 * SEC), NO_WATERMARK)).isEmpty();
        assertThat(s.heldFeedback).hasSize(1);
        List<MessageDelta> d = rules.onEvent(s, Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build(), NO_WATERMARK);
        assertThat(s.heldFeedback).isEmpty();
        assertThat(DeltaSum.byTime(d).get(T0).get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        assertThat(DeltaSum.byTime(d).get(T0 + 30 * SEC).get(SumColumn.CONVERTED)).isEqualTo(1);
        assertThat(d).allSatisfy(x -> assertThat(x.isoCountryCode).isEqualTo("US"));
        assertThat(rules.onFeedbackTimeout(s)).isEmpty();
    }

    @Test
    void feedbackOutcomeIsDecidedByEventTimeNotArrival() {
        // RECEIVED at +20 min arrives first, then a FAILED at +10 min: the FAILED came first in event time.
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build());
        List<MessageDelta> a = rules.onEvent(s, Ev.feedback("m1", "RECEIVED", T0 + 20 * MIN), NO_WATERMARK);
        assertThat(DeltaSum.byTime(a).get(T0 + 20 * MIN).get(SumColumn.CONVERTED)).isEqualTo(1);
        List<MessageDelta> b = rules.onEvent(s, Ev.feedback("m1", "FAILED", T0 + 10 * MIN), NO_WATERMARK);
        assertThat(DeltaSum.byTime(b).get(T0 + 20 * MIN).get(SumColumn.CONVERTED)).isEqualTo(-1);
        assertThat(DeltaSum.byTime(b).get(T0 + 10 * MIN).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(rules.onFeedbackTimeout(s)).isEmpty();
    }

    @Test
    void receivedAfterTimeoutIsLateAndFailed() {
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "TRUE").build());
        List<MessageDelta> d = rules.onEvent(s, Ev.feedback("m1", "RECEIVED", T0 + 2 * HOUR), NO_WATERMARK);
        assertThat(DeltaSum.byTime(d).get(T0 + HOUR).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(DeltaSum.byTime(d).get(T0 + 2 * HOUR).get(SumColumn.LATE_FEEDBACK)).isEqualTo(1);
        assertThat(rules.onFeedbackTimeout(s)).isEmpty();
        // An earlier, in-time RECEIVED replayed late turns it into a conversion and takes the late count back.
        List<MessageDelta> fix = rules.onEvent(s, Ev.feedback("m1", "RECEIVED", T0 + 59 * MIN), NO_WATERMARK);
        DeltaSum total = DeltaSum.of(fix);
        assertThat(total.get(SumColumn.FEEDBACK_FAILED)).isEqualTo(-1);
        assertThat(total.get(SumColumn.LATE_FEEDBACK)).isEqualTo(-1);
        assertThat(total.get(SumColumn.CONVERTED)).isEqualTo(1);
        assertThat(DeltaSum.byTime(fix).get(T0 + 59 * MIN).get(SumColumn.CONVERTED)).isEqualTo(1);
    }

    @Test
    void receivedExactlyAtTheDeadlineConverts() {
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build());
        DeltaSum sum = DeltaSum.of(rules.onEvent(s, Ev.feedback("m1", "RECEIVED", T0 + HOUR), NO_WATERMARK));
        assertThat(sum.get(SumColumn.CONVERTED)).isEqualTo(1);
        assertThat(sum.get(SumColumn.FEEDBACK_FAILED)).isZero();
    }

    @Test
    void watermarkPastDeadlineDecidesTimeoutOnArrival() {
        MessageState s = new MessageState();
        List<MessageDelta> d = rules.onEvent(s, Ev.sms("m1").pending(T0 + SEC).context("feedbackEnabled", "true").build(), T0 + 2 * HOUR);
        assertThat(DeltaSum.byTime(d).get(T0 + HOUR).get(SumColumn.FEEDBACK_FAILED)).isEqualTo(1);
        assertThat(rules.feedbackDeadline(s)).isEqualTo(MessageState.NONE);
    }

    @Test
    void trackAllTracksSmsButNotWhatsapp() {
        JobConfig all = new JobConfig();
        all.feedbackTrackAll = true;
        LifecycleRules r = new LifecycleRules(all, new FixedWhatsAppFees());
        MessageState sms = new MessageState();
        assertThat(DeltaSum.of(run(r, sms, Ev.sms("m1").pending(T0 + SEC).build())).get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        assertThat(r.feedbackDeadline(sms)).isEqualTo(T0 + HOUR);
        MessageState wa = new MessageState();
        assertThat(DeltaSum.of(run(r, wa, Ev.whatsapp("w1").wa("sent", T0).build())).get(SumColumn.FEEDBACK_TRACKED)).isZero();
        assertThat(r.feedbackDeadline(wa)).isEqualTo(MessageState.NONE);
        MessageState notFlagged = new MessageState();
        assertThat(DeltaSum.of(run(rules, notFlagged, Ev.sms("m2").pending(T0).context("feedbackEnabled", "false").build())).get(SumColumn.FEEDBACK_TRACKED)).isZero();
    }

    @Test
    void feedbackWithoutMessageBecomesDeadLettersAtExpiry() {
        MessageState s = new MessageState();
        for (int i = 0; i < LifecycleRules.MAX_HELD_FEEDBACK + 2; i++) {
            rules.onEvent(s, Ev.feedback("m-orphan", i % 2 == 0 ? "RECEIVED" : "FAILED", T0 + i * SEC), NO_WATERMARK);
        }
        assertThat(s.heldFeedback).hasSize(LifecycleRules.MAX_HELD_FEEDBACK);
        assertThat(rules.expiryTime(s)).isEqualTo(T0 + (LifecycleRules.MAX_HELD_FEEDBACK + 1) * SEC + 78 * HOUR);
        List<DeadLetter> dead = rules.onExpiry(s);
        assertThat(dead).hasSize(LifecycleRules.MAX_HELD_FEEDBACK);
        assertThat(dead).allSatisfy(x -> {
            assertThat(x.reason).isEqualTo("feedback_without_message");
            assertThat(x.detail).contains("m-orphan");
            assertThat(x.source).isEqualTo("test-stream");
        });
        assertThat(dead.get(0).payload).isEqualTo("{\"MessageId\":\"m-orphan\",\"MessageFeedbackStatus\":\"RECEIVED\",\"timestamp\":" + T0 + "}");
        assertThat(dead.get(0).payloadBytes).isEqualTo(dead.get(0).payload.length());
        assertThat(dead.get(dead.size() - 1).detail).contains("and 2 more");
    }

    @Test
    void lateRecordDeadLetterCarriesNoNumber() {
        CanonicalEvent e = Ev.sms("m1").pending(T0).build();
        e.destinationNumber = "+12065550123";
        DeadLetter d = rules.lateRecord(e, T0 + 100 * HOUR);
        assertThat(d.reason).isEqualTo("late");
        assertThat(d.payload).contains("\"messageId\":\"m1\"").doesNotContain("2065550123");
        assertThat(d.detail).doesNotContain("2065550123");
    }

    @Test
    void stateIsAFlinkPojoSerializedWithoutKryo() throws Exception {
        TypeInformation<MessageState> ti = TypeInformation.of(MessageState.class);
        assertThat(ti).isInstanceOf(PojoTypeInfo.class);
        ExecutionConfig ec = new ExecutionConfig();
        ec.disableGenericTypes();
        TypeSerializer<MessageState> ser = ti.createSerializer(ec);

        MessageState s = new MessageState();
        rules.onEvent(s, Ev.feedback("m1", "FAILED", T0 + MIN), NO_WATERMARK);
        run(rules, s, Ev.sms("m1").failed("TEXT_BLOCKED", FailureClass.BLOCKED, T0 + SEC).build());
        rules.onEvent(s, Ev.feedback("m9", "RECEIVED", T0), NO_WATERMARK);
        MessageState held = new MessageState();
        rules.onEvent(held, Ev.feedback("m2", "RECEIVED", T0), NO_WATERMARK);
        for (MessageState original : List.of(s, held)) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            ser.serialize(original, out);
            MessageState copy = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(copy).usingRecursiveComparison().isEqualTo(original);
        }
    }

    @Test
    void noOutcomeWhenTheRequestWindowClosesIsOutcomeUnknownAtTheRequestTimeAndALateOutcomeRevisesIt() {
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").pending(T0 + SEC).build());
        assertThat(rules.outcomeUnknownTime(s)).isEqualTo(T0 + 72 * HOUR);
        List<MessageDelta> unknown = rules.onOutcomeUnknown(s);
        assertThat(unknown).hasSize(1);
        assertThat(unknown.get(0).attributionTime).isEqualTo(T0);
        assertThat(DeltaSum.of(unknown).counts()).isEqualTo("pending=-1 outcome_unknown=1");
        assertThat(rules.onOutcomeUnknown(s)).as("once").isEmpty();
        assertThat(rules.outcomeUnknownTime(s)).isEqualTo(MessageState.NONE);
        List<MessageDelta> late = rules.onEvent(s, Ev.sms("m1").delivered(T0 + 73 * HOUR).build(), NO_WATERMARK);
        assertThat(DeltaSum.byTime(late).get(T0).counts()).isEqualTo("pending=1 outcome_unknown=-1");
        assertThat(DeltaSum.byTime(late).get(T0 + 73 * HOUR).counts()).isEqualTo("delivered=1 pending=-1");
    }

    @Test
    void theEarliestFinalFailureByEventTimeDecidesTheClassAndWindow() {
        MessageState s = new MessageState();
        run(rules, s, Ev.sms("m1").failed("TEXT_TTL_EXPIRED", FailureClass.EXPIRED, T0 + 50 * SEC).build(),
                Ev.sms("m1").failed("TEXT_BLOCKED", FailureClass.BLOCKED, T0 + 20 * SEC).build());
        assertThat(s.failureClass).isEqualTo(FailureClass.BLOCKED);
        assertThat(s.outcomeTime).isEqualTo(T0 + 20 * SEC);
    }

    @Test
    void protectBlockedAndRecommendationsCountOncePerMessageAtTheRequestTimeByMode() {
        MessageState filtered = new MessageState();
        CanonicalEvent blocked = Ev.sms("m1").failed("TEXT_PROTECT_BLOCKED", FailureClass.PROTECT_BLOCKED, T0 + 2 * SEC).protect("BLOCK").build();
        blocked.protectStatus = "FILTER";
        List<MessageDelta> d = run(rules, filtered, blocked);
        assertThat(DeltaSum.byTime(d).get(T0).counts())
                .isEqualTo("messages=1 pending=1 protect_blocked=1 protect_block_recommended=1 protect_recommended_filter=1");
        assertThat(DeltaSum.byTime(d).get(T0 + 2 * SEC).counts()).isEqualTo("failed=1 failed_protect_blocked=1 pending=-1");
        assertThat(rules.onEvent(filtered, Ev.sms("m1").failed("TEXT_PROTECT_BLOCKED", FailureClass.PROTECT_BLOCKED, T0 + 3 * SEC)
                .id("again").build(), NO_WATERMARK)).isEmpty();

        MessageState monitored = new MessageState();
        CanonicalEvent pending = Ev.sms("m2").pending(T0 + SEC).protect("BLOCK").build();
        pending.protectStatus = "MONITOR";
        d = run(rules, monitored, pending, Ev.sms("m2").delivered(T0 + 5 * SEC).build());
        assertThat(DeltaSum.of(d).counts()).isEqualTo("messages=1 delivered=1 protect_block_recommended=1 protect_recommended_monitor=1");
    }

    @Test
    void feedbackForAnUntrackedMessageCountsAsUntrackedNotAsConversion() {
        MessageState s = new MessageState();
        List<MessageDelta> d = run(rules, s, Ev.feedback("m1", "RECEIVED", T0 + 5 * MIN), Ev.sms("m1").pending(T0 + SEC).build());
        assertThat(DeltaSum.of(d).counts()).isEqualTo("messages=1 pending=1 feedback_untracked_received=1");
        // a later receipt whose context marks it tracked moves it into conversion
        d = rules.onEvent(s, Ev.sms("m1").delivered(T0 + 9 * SEC).context("feedbackEnabled", "true").build(), NO_WATERMARK);
        assertThat(DeltaSum.of(d).counts()).isEqualTo("delivered=1 pending=-1 feedback_tracked=1 converted=1 feedback_untracked_received=-1");
    }

    @Test
    void listedUseCasesAndOriginationsAreTrackedWithoutTheContextFlag() {
        JobConfig listed = new JobConfig();
        listed.feedbackTrackedUseCases = "otp";
        listed.feedbackTrackedOriginationIds = "+18335550102";
        LifecycleRules r = new LifecycleRules(listed, new FixedWhatsAppFees());
        MessageState byUseCase = new MessageState();
        assertThat(DeltaSum.of(run(r, byUseCase, Ev.sms("m1").pending(T0 + SEC).context("useCase", "otp").build())).get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
        MessageState otherUseCase = new MessageState();
        assertThat(DeltaSum.of(run(r, otherUseCase, Ev.sms("m2").pending(T0 + SEC).context("useCase", "marketing").build())).get(SumColumn.FEEDBACK_TRACKED)).isZero();
        MessageState byOrigination = new MessageState();
        CanonicalEvent fromOtpNumber = Ev.sms("m3").pending(T0 + SEC).build();
        fromOtpNumber.originationId = "+18335550102";
        assertThat(DeltaSum.of(run(r, byOrigination, fromOtpNumber)).get(SumColumn.FEEDBACK_TRACKED)).isEqualTo(1);
    }
}
