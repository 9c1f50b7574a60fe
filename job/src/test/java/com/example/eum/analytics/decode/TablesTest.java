package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.Channel;
import com.example.eum.analytics.model.FailureClass;
import com.example.eum.analytics.model.Status;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spot checks of the event-type and WhatsApp error-code tables against the mapping in the brief and DOMAIN.md. */
class TablesTest {
    @Test
    void eventTypeTable() {
        assertThat(EventTypes.all()).hasSize(15 + 16 + 8 + 8);
        EventTypes.Meaning unknown = EventTypes.lookup("TEXT_UNKNOWN");
        assertThat(unknown.status).isEqualTo(Status.FAILED);
        assertThat(unknown.failureClass).isEqualTo(FailureClass.UNKNOWN);
        assertThat(EventTypes.lookup("TEXT_SPAM").failureClass).isEqualTo(FailureClass.BLOCKED);
        assertThat(EventTypes.lookup("TEXT_TTL_EXPIRED").failureClass).isEqualTo(FailureClass.EXPIRED);
        assertThat(EventTypes.lookup("RCS_PROTECT_BLOCKED").failureClass).isEqualTo(FailureClass.PROTECT_BLOCKED);
        assertThat(EventTypes.lookup("VOICE_FAILED").failureClass).isEqualTo(FailureClass.UNKNOWN);
        assertThat(EventTypes.lookup("VOICE_ANSWERED").status).isEqualTo(Status.SENT);
        assertThat(EventTypes.lookup("VOICE_ANSWERED").defaultFinal).isFalse();
        assertThat(EventTypes.lookup("TEXT_QUEUED").status).isEqualTo(Status.QUEUED);
        assertThat(EventTypes.lookup("RCS_DELIVERED").channel).isEqualTo(Channel.RCS);
        assertThat(EventTypes.lookup("TEXT_ALL")).isNull();
        // every failure has a class; nothing else has one
        EventTypes.all().forEach((type, m) -> assertThat(m.failureClass == null).as(type).isEqualTo(m.status != Status.FAILED));
        assertThat(EventTypes.hasKnownPrefix("MEDIA_X")).isTrue();
        assertThat(EventTypes.hasKnownPrefix("EMAIL_X")).isFalse();
    }

    @Test
    void whatsAppErrorCodes() {
        assertThat(WhatsAppErrorCodes.classify(131026)).isEqualTo(FailureClass.INVALID);
        assertThat(WhatsAppErrorCodes.classify(131021)).isEqualTo(FailureClass.INVALID);
        assertThat(WhatsAppErrorCodes.classify(131047)).isEqualTo(FailureClass.POLICY);
        assertThat(WhatsAppErrorCodes.classify(131051)).isEqualTo(FailureClass.POLICY);
        assertThat(WhatsAppErrorCodes.classify(132000)).isEqualTo(FailureClass.POLICY);
        assertThat(WhatsAppErrorCodes.classify(132016)).isEqualTo(FailureClass.POLICY);
        assertThat(WhatsAppErrorCodes.classify(132017)).isEqualTo(FailureClass.UNKNOWN);
        assertThat(WhatsAppErrorCodes.classify(470)).isEqualTo(FailureClass.POLICY);
        assertThat(WhatsAppErrorCodes.classify(131042)).isEqualTo(FailureClass.POLICY);
        assertThat(WhatsAppErrorCodes.classify(131048)).isEqualTo(FailureClass.BLOCKED);
        assertThat(WhatsAppErrorCodes.classify(131049)).isEqualTo(FailureClass.POLICY);
        assertThat(WhatsAppErrorCodes.classify(130472)).isEqualTo(FailureClass.BLOCKED);
        assertThat(WhatsAppErrorCodes.classify(131056)).isEqualTo(FailureClass.BLOCKED);
        assertThat(WhatsAppErrorCodes.classify(131000)).isEqualTo(FailureClass.UNKNOWN);
        assertThat(WhatsAppErrorCodes.classify(null)).isEqualTo(FailureClass.UNKNOWN);
    }
}
