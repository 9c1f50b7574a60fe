package com.example.eum.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertSettingsTest {
    @Test
    void defaultsAreValid() {
        assertThat(new AlertSettings().validate()).isEmpty();
    }

    @Test
    void everyProblemIsNamedWithItsFix() {
        AlertSettings s = new AlertSettings();
        s.pumpingMinSignals = 1;
        s.defaultConversionRate = 1.2;
        s.maxExampleMessageIds = 5;
        s.flappingClearWindows = 1;
        assertThat(s.validate()).containsExactlyInAnyOrder(
                "defaultConversionRate must be a rate strictly between 0 and 1: 1.2",
                "pumpingMinSignals must be 2, 3 or 4 (volume alone never fires): 1",
                "flappingClearWindows must be at least resolveAfterClearWindows (a flapping key is held open longer)",
                "maxExampleMessageIds must be between 10 and 50: 5");
        assertThatThrownBy(s::validated).hasMessageStartingWith("invalid alert settings: ");
    }
}
