package com.example.eum.analytics.metrics;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.MessageDelta;
import com.example.eum.analytics.model.WindowMetrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The window keys of the three metrics tables: their release-1 form and the split back into key columns. */
class MetricsKeyTest {

    private static MessageDelta delta(String country, String origination, String type, String useCase, String mcc, String mnc) {
        MessageDelta d = Deltas.delta(0, Channel.SMS, country, origination, "m1");
        d.messageType = type;
        d.useCase = useCase;
        d.mcc = mcc;
        d.mnc = mnc;
        return d;
    }

    @Test
    void aKeyWithoutDimensionsIsTheRelease1Key() {
        // release 1 keyed its windows by "CHANNEL|value": restored windows and new deltas without dimensions share it
        assertThat(MetricsKey.byCountry().getKey(delta("US", "+1", null, null, "310", "260"))).isEqualTo("SMS|US");
        assertThat(MetricsKey.byOrigination().getKey(delta("US", "+1", "", " ", null, null))).isEqualTo("SMS|+1");
        assertThat(MetricsKey.byCountry().getKey(delta(null, null, null, null, null, null))).isEqualTo("SMS|ZZ");
        assertThat(MetricsKey.byOrigination().getKey(delta(null, null, null, null, null, null))).isEqualTo("SMS|unknown");
    }

    @Test
    void dimensionsFollowTheValueAndSplitBackIntoColumns() {
        MessageDelta d = delta("BR", "ACME|BR", "TRANSACTIONAL", "otp", "724", "05");
        WindowMetrics row = new WindowMetrics();
        MetricsKey.byOrigination().fill(row, MetricsKey.byOrigination().getKey(d));
        assertThat(row.channel).isEqualTo(Channel.SMS);
        assertThat(row.key).isEqualTo("ACME|BR");
        assertThat(row.messageType).isEqualTo("TRANSACTIONAL");
        assertThat(row.useCase).isEqualTo("otp");
        assertThat(row.mcc).isEmpty();

        WindowMetrics carrier = new WindowMetrics();
        MetricsKey.byCarrier().fill(carrier, MetricsKey.byCarrier().getKey(d));
        assertThat(carrier.key).isEqualTo("BR");
        assertThat(carrier.mcc).isEqualTo("724");
        assertThat(carrier.mnc).isEqualTo("05");
        assertThat(carrier.messageType).isEmpty();
        assertThat(carrier.useCase).isEmpty();
    }

    @Test
    void oneDimensionAloneAndTheSeparatorInAValue() {
        WindowMetrics row = new WindowMetrics();
        MetricsKey key = MetricsKey.byCountry();
        key.fill(row, key.getKey(delta("US", null, null, "a\u001Fb", null, null)));
        assertThat(row.key).isEqualTo("US");
        assertThat(row.messageType).isEmpty();
        assertThat(row.useCase).isEqualTo("a_b");

        WindowMetrics release1 = new WindowMetrics();
        key.fill(release1, "VOICE|IN");
        assertThat(release1.channel).isEqualTo(Channel.VOICE);
        assertThat(release1.key).isEqualTo("IN");
        assertThat(release1.messageType).isEmpty();
        assertThat(release1.useCase).isEmpty();
    }
}
