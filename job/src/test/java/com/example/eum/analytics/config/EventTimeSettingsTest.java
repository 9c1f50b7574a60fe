package com.example.eum.analytics.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event-time guard's properties: defaults, loading, and start-up messages that name the fix. */
class EventTimeSettingsTest {
    @Test
    void defaultsAreFifteenMinutesOneHourAndTenEvents() {
        JobConfig c = new JobConfig();
        assertThat(c.maxFutureSkew).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.eventTimeMaxJump).isEqualTo(Duration.ofHours(1));
        assertThat(c.eventTimeConfirmations).isEqualTo(10);
    }

    @Test
    void theyLoadFromTheProcessingGroup() {
        JobConfig c = new JobConfigLoader().overrides(Map.of("Processing.maxFutureSkew", "5m",
                "Processing.eventTimeMaxJump", "3h", "Processing.eventTimeConfirmations", "4")).load();
        assertThat(c.maxFutureSkew).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.eventTimeMaxJump).isEqualTo(Duration.ofHours(3));
        assertThat(c.eventTimeConfirmations).isEqualTo(4);
    }

    @Test
    void zeroOrNegativeValuesAreRefusedWithTheFix() {
        JobConfig c = new JobConfig();
        c.destinationHashKey = "0123456789abcdef0123456789abcdef";
        c.maxFutureSkew = Duration.ofMinutes(-15);
        c.eventTimeMaxJump = Duration.ZERO;
        c.eventTimeConfirmations = 0;
        assertThatThrownBy(() -> c.validate(JobConfig.Mode.LOCAL)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        "Processing.maxFutureSkew: must be a positive duration like 15m; got '-15m'",
                        "Processing.eventTimeMaxJump: must be a positive duration like 1h; got '0'",
                        "Processing.eventTimeConfirmations: must be a positive number of events, like 10; got '0'"));
    }
}
