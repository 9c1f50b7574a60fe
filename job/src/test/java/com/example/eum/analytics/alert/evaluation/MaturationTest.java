package com.example.eum.analytics.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The windows of one window's 10,000 requests, as the alert stage sees them: messages, tracking and spend at once;
 * conversions within minutes; non-conversions at the 1-hour timeout (or at an earlier reported FAILED); outcomes
 * at their receipts, a few hours late; a few records lost to late transport.
 */
class MaturationTest {
    @Test
    void oneWindowOfRequestsMaturesWhereTheJobAttributesIt() {
        Random random = new Random(5);
        Maturation m = new Maturation();
        m.request(100, 10_000, 0.10, 0.80, 0.01, 8_000, random);
        Counts[] w = new Counts[74 * 12];
        for (int k = 0; k < w.length; k++) {
            w[k] = m.take(100 + k, random);
        }
        assertThat(w[0].messages).isEqualTo(10_000);
        assertThat(w[0].tracked).isEqualTo(10_000);
        assertThat(w[0].spend).isEqualTo(80_000_000L);
        assertThat(w[0].protect).isBetween(70L, 130L);
        long messages = 0;
        long converted = 0;
        long feedbackFailed = 0;
        long outcomes = 0;
        for (int k = 0; k < w.length; k++) {
            messages += w[k].messages;
            converted += w[k].converted;
            feedbackFailed += w[k].feedbackFailed;
            outcomes += w[k].delivered + w[k].failed;
            if (k > Maturation.TIMEOUT_WINDOWS + 1) {
                assertThat(w[k].converted + w[k].feedbackFailed).as("feedback in window " + k).isZero();
            }
        }
        assertThat(messages).isEqualTo(10_000);
        // delivered (90%), not hours late (97%), converting (80%): 6,984 expected
        assertThat(converted).isBetween(6_800L, 7_150L);
        // most conversions land in the window of their request, the rest in the next ones
        assertThat((double) w[0].converted / converted).isBetween(0.78, 0.88);
        assertThat(w[Maturation.TIMEOUT_WINDOWS + 1].converted).isLessThan(10);
        // every tracked message ends converted or not, but for what late transport hides (0.5%)
        assertThat(converted + feedbackFailed).isBetween(9_900L, 10_000L);
        // the timeout window holds the non-conversions that no one reported: far more than any earlier window
        long timeout = w[Maturation.TIMEOUT_WINDOWS].feedbackFailed;
        assertThat(timeout).isGreaterThan(2_000);
        for (int k = 0; k < Maturation.TIMEOUT_WINDOWS; k++) {
            assertThat(w[k].feedbackFailed).isLessThan(timeout / 5);
        }
        // all outcomes, 3% of them hours later, less the late transport
        assertThat(outcomes).isBetween(9_900L, 10_000L);
        long afterAnHour = 0;
        for (int k = 13; k < w.length; k++) {
            afterAnHour += w[k].delivered + w[k].failed;
        }
        assertThat(afterAnHour).isBetween(200L, 400L);
    }
}
