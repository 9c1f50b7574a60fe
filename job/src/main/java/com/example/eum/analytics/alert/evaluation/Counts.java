package com.example.eum.analytics.alert.evaluation;

import com.example.eum.analytics.alert.AlertKey;
import com.example.eum.analytics.alert.WindowCounts;

/** Mutable sums of one synthetic window while it is assembled from carriers into countries and the account. */
final class Counts {
    long messages;
    long delivered;
    long failed;
    long converted;
    long feedbackFailed;
    long protect;
    long spend;

    void add(Counts o) {
        messages += o.messages;
        delivered += o.delivered;
        failed += o.failed;
        converted += o.converted;
        feedbackFailed += o.feedbackFailed;
        protect += o.protect;
        spend += o.spend;
    }

    WindowCounts build(AlertKey key, long start) {
        return WindowCounts.builder(key, start, start + AlertEvaluation.WINDOW).messages(messages)
                .delivered(delivered).failedFinal(failed).converted(converted).feedbackFailed(feedbackFailed)
                .protectRecommended(protect).spendMicros(spend).build();
    }
}
