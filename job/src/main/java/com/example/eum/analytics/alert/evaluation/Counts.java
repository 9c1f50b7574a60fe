package com.example.eum.analytics.alert.evaluation;

import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.WindowCounts;

/** Mutable sums of one synthetic window while it is assembled from carriers into countries and the account. */
final class Counts {
    long messages;
    long tracked;
    long delivered;
    long failed;
    long converted;
    long feedbackFailed;
    long protect;
    long spend;

    void add(Counts o) {
        messages += o.messages;
        tracked += o.tracked;
        delivered += o.delivered;
        failed += o.failed;
        converted += o.converted;
        feedbackFailed += o.feedbackFailed;
        protect += o.protect;
        spend += o.spend;
    }

    void clear() {
        messages = 0;
        tracked = 0;
        delivered = 0;
        failed = 0;
        converted = 0;
        feedbackFailed = 0;
        protect = 0;
        spend = 0;
    }

    WindowCounts build(AlertKey key, long start) {
        return WindowCounts.builder(key, start, start + AlertEvaluation.WINDOW).messages(messages)
                .feedbackTracked(tracked).delivered(delivered).failedFinal(failed).converted(converted)
                .feedbackFailed(feedbackFailed).protectRecommended(protect).spendMicros(spend).build();
    }
}
