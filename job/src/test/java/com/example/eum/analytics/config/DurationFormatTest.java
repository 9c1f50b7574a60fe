package com.example.eum.analytics.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationFormatTest {

    @Test
    void simpleAndIsoForms() {
        assertThat(DurationFormat.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationFormat.parse("72h")).isEqualTo(Duration.ofHours(72));
        assertThat(DurationFormat.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationFormat.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationFormat.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(DurationFormat.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationFormat.parse(" 10 min ")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationFormat.parse("-5m")).isEqualTo(Duration.ofMinutes(-5));
        assertThat(DurationFormat.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(DurationFormat.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationFormat.parse("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationFormat.parse("P3D")).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"", "5", "-3", "five minutes", "5 weeks", "PT", "m5", "99999999999999999999h", "999999999999999999d"}) {
            assertThatThrownBy(() -> DurationFormat.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must be a duration like 30s, 5m, 72h or PT5M");
        }
    }

    @Test
    void formatIsTheShortestSimpleFormAndParsesBack() {
        assertThat(DurationFormat.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationFormat.format(Duration.ofHours(78))).isEqualTo("78h");
        assertThat(DurationFormat.format(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(DurationFormat.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationFormat.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationFormat.format(Duration.ofMinutes(-5))).isEqualTo("-5m");
        assertThat(DurationFormat.format(Duration.ZERO)).isEqualTo("0");
        for (Duration d : new Duration[] {Duration.ofMillis(7), Duration.ofHours(30), Duration.ofDays(8), Duration.ofSeconds(-61)}) {
            assertThat(DurationFormat.parse(DurationFormat.format(d))).isEqualTo(d);
        }
    }
}
