package com.example.eum.analytics.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.alert.AlertSettings;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The benchmark of {@code evaluate-alerts}, briefly: 7 simulated days, seed 1, two incidents of each class. Asserts
 * the targets this run meets (pumping within 10 minutes, a carrier outage within 15, a 20% conversion drop
 * at 250+ OTPs an hour within 90; at most one false critical alert a day, precision at least 90%, nothing critical
 * on a decoy) and the recall it reaches: every incident but three on this seed. The misses, measured and left
 * visible: a whole-country delivery drop in Bangladesh at 3 a.m. (about 10 messages in the two hours), and both
 * 5-point conversion drops (FR; BR, where the conversion alert opened by a pumping burst 7 hours earlier was still
 * open, so the drop shows as UPDATED, not as a new TRIGGERED).
 */
class StandardScenarioTest {
    @Test
    void sevenDaysOfSeedOneMeetTheTargets() {
        AlertEvaluation.Report r = StandardScenario.run(1, 7, 2, new AlertSettings(), (d, a, t) -> { });
        EvaluationSummary summary = new EvaluationSummary(List.of(1L), List.of(r));
        System.out.print(r);
        System.out.print(summary.format());

        assertThat(r.incidents.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(18);
        List<String> unmet = new ArrayList<>();
        for (EvaluationSummary.Figure f : summary.targets()) {
            if (!f.met()) {
                unmet.add(f.name + " " + f.value);
            }
        }
        assertThat(unmet).isEmpty();
        assertThat(summary.targets()).hasSize(7);
        assertThat(r.delayMinutes(Incident.Kind.PUMPING_FAST, 0.5)).isLessThanOrEqualTo(10);
        assertThat(r.delayMinutes(Incident.Kind.PUMPING_SLOW_NEW_PREFIX, 0.5)).isLessThanOrEqualTo(10);
        assertThat(r.delayMinutes(Incident.Kind.CARRIER_OUTAGE, 0.5)).isLessThanOrEqualTo(15);
        assertThat(r.delayMinutes(Incident.Kind.CONVERSION_DROP_20_PERCENT, 0.5)).isLessThanOrEqualTo(90);
        assertThat((double) r.falseCritical / r.days).isLessThanOrEqualTo(1.0);
        assertThat(r.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.decoyCritical).isZero();
        for (Incident.Kind kind : List.of(Incident.Kind.PUMPING_FAST, Incident.Kind.PUMPING_SLOW_NEW_PREFIX,
                Incident.Kind.CARRIER_OUTAGE, Incident.Kind.CONVERSION_DROP_20_PERCENT, Incident.Kind.SPEND_SPIKE)) {
            assertThat(r.recall(kind)).as(kind + " recall").isEqualTo(1.0);
        }
        assertThat(r.missed()).extracting(i -> i.kind + " " + i.country).containsExactlyInAnyOrder(
                "COUNTRY_DELIVERY_DROP BD", "CONVERSION_DROP_5_POINTS FR", "CONVERSION_DROP_5_POINTS BR");
    }

    /** Incidents are placed by the seed, each class twice, at least 6 hours apart within a country. */
    @Test
    void theSeedPlacesEveryClassTwiceApartWithinACountry() {
        List<Incident> incidents = StandardScenario.incidents(8, 2, 3);
        assertThat(incidents).hasSize(2 * Incident.Kind.values().length);
        for (Incident a : incidents) {
            assertThat(a.start).isGreaterThanOrEqualTo(StandardScenario.MONDAY + AlertEvaluation.DAY);
            assertThat(a.end + AlertEvaluation.GRACE).isLessThanOrEqualTo(StandardScenario.MONDAY + 8 * AlertEvaluation.DAY);
            for (Incident b : incidents) {
                if (a != b && a.country.equals(b.country)) {
                    assertThat(a.start >= b.end + StandardScenario.SEPARATION
                            || b.start >= a.end + StandardScenario.SEPARATION).as(a + " vs " + b).isTrue();
                }
            }
        }
        assertThat(incidents).isNotEqualTo(StandardScenario.incidents(8, 2, 4));
    }
}
