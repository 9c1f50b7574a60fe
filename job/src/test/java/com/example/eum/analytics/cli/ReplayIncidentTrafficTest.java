package com.example.eum.analytics.cli;

import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.LakeVsTruth;
import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.SumColumn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traffic with several incidents at once (a carrier outage, pumping to a country with no normal traffic, a spend
 * spike and a marketing-blast decoy), written by {@code generate --generator incident=...}, shuffled and replayed:
 * the lake's per-key totals, per country and per carrier, equal what the generator injected, surges included.
 */
class ReplayIncidentTrafficTest {
    @Test
    void totalsEqualTheTruthWithIncidentsActive(@TempDir Path dir) throws Exception {
        Map<String, String> traffic = Map.of("rate", "6", "duration", "6m", "drain", "30m", "seed", "31", "countries", "US:2,IN:1,BR:1",
                "incident", "carrier=310-260,from=1m,for=3m;country=SL,pumping=3/s,from=2m,for=2m;country=IN,spend=3x,from=0m,for=2m;"
                        + "country=BR,blast=4x,from=3m,for=2m");
        List<String> shuffled = GeneratedReplay.shuffledLines(dir, traffic, 7);
        Path lake = GeneratedReplay.replay(dir, "incidents.jsonl", shuffled);
        GroundTruth truth = GeneratedReplay.assertTotalsEqualTheTruth(lake, traffic);
        assertThat(LakeVsTruth.measuredDimensions(lake, true)).isEqualTo(LakeVsTruth.injectedDimensions(truth, true));
        // the incidents are in what was compared: SL exists only through pumping, T-Mobile failed as unreachable
        GroundTruth.Counts sl = truth.byCountry(Channel.SMS).get("SL");
        assertThat(sl.get(SumColumn.MESSAGES)).isBetween(350L, 360L);
        assertThat(sl.get(SumColumn.CONVERTED)).isZero();
        GroundTruth.Counts tmobile = truth.byCarrier(Channel.SMS).get("US/310/260/T-Mobile USA");
        assertThat(tmobile.failed(FailureClass.UNREACHABLE)).isGreaterThan(tmobile.get(SumColumn.FAILED) / 2);
        assertThat(GeneratorSettings.fromOptions(traffic).incidents).hasSize(4);
    }
}
