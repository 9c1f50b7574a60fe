package com.example.eum.analytics.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.eum.analytics.alert.AlertSettings;

import java.util.List;

import org.junit.jupiter.api.Test;

class StandardScenarioTest {
    @Test
    void runsOneSeed() {
        AlertEvaluation.Report r = StandardScenario.run(1, 7, 2, new AlertSettings(), (d, a, t) -> { });
        System.out.print(r);
        assertThat(new EvaluationSummary(List.of(1L), List.of(r)).format()).contains("targets met");
    }
}
