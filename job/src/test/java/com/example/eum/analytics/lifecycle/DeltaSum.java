package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.model.MessageDelta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Field-by-field sums of lifecycle deltas, for assertions; latencies are collected, not summed. */
final class DeltaSum {
    long messages, delivered, failed, failedBlocked, failedProtectBlocked, failedInvalid, failedUnreachable,
            failedExpired, failedPolicy, failedUnknown, pending, read, inbound, feedbackTracked, converted,
            feedbackFailed, lateFeedback, protectBlockRecommended, priceMicros, carrierFeeMicros, messageParts,
            billableMarketing, billableUtility, billableAuthentication, billableService, whatsappFeeMicros;
    final List<Long> latencies = new ArrayList<>();

    static DeltaSum of(Collection<MessageDelta> deltas) {
        DeltaSum s = new DeltaSum();
        for (MessageDelta d : deltas) {
            s.add(d);
        }
        return s;
    }

    /** Sums per attribution time (the window-relevant view). */
    static Map<Long, DeltaSum> byTime(Collection<MessageDelta> deltas) {
        Map<Long, DeltaSum> m = new TreeMap<>();
        for (MessageDelta d : deltas) {
            m.computeIfAbsent(d.attributionTime, t -> new DeltaSum()).add(d);
        }
        return m;
    }

    void add(MessageDelta d) {
        messages += d.messages;
        delivered += d.delivered;
        failed += d.failed;
        failedBlocked += d.failedBlocked;
        failedProtectBlocked += d.failedProtectBlocked;
        failedInvalid += d.failedInvalid;
        failedUnreachable += d.failedUnreachable;
        failedExpired += d.failedExpired;
        failedPolicy += d.failedPolicy;
        failedUnknown += d.failedUnknown;
        pending += d.pending;
        read += d.read;
        inbound += d.inbound;
        feedbackTracked += d.feedbackTracked;
        converted += d.converted;
        feedbackFailed += d.feedbackFailed;
        lateFeedback += d.lateFeedback;
        protectBlockRecommended += d.protectBlockRecommended;
        priceMicros += d.priceMicros;
        carrierFeeMicros += d.carrierFeeMicros;
        messageParts += d.messageParts;
        billableMarketing += d.billableMarketing;
        billableUtility += d.billableUtility;
        billableAuthentication += d.billableAuthentication;
        billableService += d.billableService;
        whatsappFeeMicros += d.whatsappFeeMicros;
        if (d.latencyMs >= 0) {
            latencies.add(d.latencyMs);
        }
    }

    /** Every summed counter and amount, latencies excluded, as a comparable string. */
    String counts() {
        return "messages=" + messages + " delivered=" + delivered + " failed=" + failed + " [blocked=" + failedBlocked
                + " protect=" + failedProtectBlocked + " invalid=" + failedInvalid + " unreachable=" + failedUnreachable
                + " expired=" + failedExpired + " policy=" + failedPolicy + " unknown=" + failedUnknown + "] pending=" + pending
                + " read=" + read + " inbound=" + inbound + " tracked=" + feedbackTracked + " converted=" + converted
                + " feedbackFailed=" + feedbackFailed + " late=" + lateFeedback + " protectBlock=" + protectBlockRecommended
                + " price=" + priceMicros + " carrier=" + carrierFeeMicros + " parts=" + messageParts
                + " billable[m=" + billableMarketing + " u=" + billableUtility + " a=" + billableAuthentication
                + " s=" + billableService + "] waFee=" + whatsappFeeMicros;
    }

    @Override
    public String toString() {
        return counts() + " latencies=" + latencies;
    }
}
