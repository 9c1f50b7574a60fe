package com.example.eum.analytics.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.alert.AlertSettings;

import org.junit.jupiter.api.Test;

/**
 * The labelled scenario over four seeds (32 simulated days), against the targets: every incident found,
 * pumping within 10 minutes, a carrier outage within 15, a 20% conversion drop within 90; at most one false
 * critical alert per day, precision at least 90%, nothing critical on the decoys. Prints each seed's report.
 */
class StandardWeekTest {
    @Test
    void meetsTheDetectionTargetsOnFourSeeds() {
        int trueAlerts = 0;
        int falseAlerts = 0;
        int falseCritical = 0;
        int days = 0;
        for (long seed = 1; seed <= 4; seed++) {
            AlertEvaluation.Report r = StandardWeek.run(seed, new AlertSettings());
            System.out.println("seed " + seed + ":\n" + r);
            for (Incident.Kind kind : r.incidents.keySet()) {
                if (!kind.decoy()) {
                    assertThat(r.recall(kind)).as(kind + " recall, seed " + seed).isEqualTo(1.0);
                }
            }
            assertThat(r.delayMinutes(Incident.Kind.PUMPING_FAST, 0.5)).isLessThanOrEqualTo(10);
            assertThat(r.delayMinutes(Incident.Kind.PUMPING_SLOW_NEW_PREFIX, 0.5)).isLessThanOrEqualTo(10);
            assertThat(r.delayMinutes(Incident.Kind.CARRIER_OUTAGE, 0.5)).isLessThanOrEqualTo(15);
            assertThat(r.delayMinutes(Incident.Kind.CONVERSION_DROP_20_PERCENT, 0.5)).isLessThanOrEqualTo(90);
            assertThat(r.decoyCritical).as("critical alerts on decoys, seed " + seed).isZero();
            trueAlerts += r.trueAlerts;
            falseAlerts += r.falseAlerts;
            falseCritical += r.falseCritical;
            days += r.days;
        }
        System.out.printf("4 seeds, %d days: %d true, %d false (%d critical): precision %.3f%n", days, trueAlerts,
                falseAlerts, falseCritical, (double) trueAlerts / (trueAlerts + falseAlerts));
        assertThat((double) falseCritical / days).isLessThanOrEqualTo(1.0);
        assertThat((double) trueAlerts / (trueAlerts + falseAlerts)).isGreaterThanOrEqualTo(0.9);
    }
}
