package com.example.eum.analytics.fees;

import com.example.eum.analytics.config.JobConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateCardFeesTest {
    private static final BillingRegions REGIONS = BillingRegions.load();

    private static RateCardFees fees(long awsMicros, String... rows) throws IOException {
        RateCard card = RateCard.parse(new StringReader(RateCard.HEADER + "\n" + String.join("\n", rows)), "card.csv");
        return new RateCardFees(card, REGIONS, awsMicros);
    }

    @Test
    void metaFeeIsTheRateOfTheCountrysRegionModelAndCategory() throws IOException {
        RateCardFees fees = fees(5_000,
                "North America,PMP,marketing,0.025",
                "Brazil,PMP,marketing,0.0625",
                "Other,PMP,marketing,0.0604",
                "*,PMP,marketing,0.07",
                "*,*,service,0");
        assertThat(fees.metaFeeMicros("US", "PMP", "marketing", "regular", true)).isEqualTo(25_000);
        assertThat(fees.metaFeeMicros("CA", "PMP", "MARKETING", "regular", true)).isEqualTo(25_000);
        assertThat(fees.metaFeeMicros("BR", "PMP", "marketing", null, true)).isEqualTo(62_500);
        // AR has its own region (Argentina) with no row: the * fallback
        assertThat(fees.metaFeeMicros("AR", "PMP", "marketing", "regular", true)).isEqualTo(70_000);
        // CU is not in the billing-region table: region Other
        assertThat(fees.metaFeeMicros("CU", "PMP", "marketing", "regular", true)).isEqualTo(60_400);
        assertThat(fees.metaFeeMicros(null, "PMP", "marketing", "regular", true)).isEqualTo(60_400);
        assertThat(fees.metaFeeMicros("US", "PMP", "service", "regular", true)).isZero();
        // no row for utility at all
        assertThat(fees.metaFeeMicros("US", "PMP", "utility", "regular", true)).isZero();
        assertThat(fees.awsMessageFeeMicros()).isEqualTo(5_000);
    }

    @Test
    void nonBillableOrFreeMessagesPayNoMetaFee() throws IOException {
        RateCardFees fees = fees(0, "*,*,*,0.05");
        assertThat(fees.metaFeeMicros("US", "PMP", "marketing", "regular", false)).isZero();
        assertThat(fees.metaFeeMicros("US", "PMP", "service", "free_customer_service", true)).isZero();
        assertThat(fees.metaFeeMicros("US", "PMP", "utility", "free_entry_point", true)).isZero();
        assertThat(fees.metaFeeMicros("US", "CBP", "utility", null, true)).isEqualTo(50_000);
    }

    @Test
    void aRegionTheTableDoesNotKnowIsRejected() {
        assertThatThrownBy(() -> fees(0, "Brasil,PMP,marketing,0.06"))
                .hasMessageStartingWith("card.csv line 2: billing_region 'Brasil' is not a WhatsApp billing region");
    }

    @Test
    void noRateCardConfiguredMeansOnlyTheAwsFee() {
        JobConfig config = new JobConfig();
        config.whatsappAwsFeeUsd = 0.005;
        WhatsAppFees fees = RateCardFees.fromConfig(config);
        assertThat(fees.metaFeeMicros("US", "PMP", "marketing", "regular", true)).isZero();
        assertThat(fees.awsMessageFeeMicros()).isEqualTo(5_000);
        assertThat(RateCardFees.fromConfig(new JobConfig()).awsMessageFeeMicros()).isZero();
    }

    @Test
    void fromConfigLoadsTheRateCardFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rates.csv");
        Files.writeString(file, RateCard.HEADER + "\nIndia,PMP,authentication_international,0.028\n");
        JobConfig config = new JobConfig();
        config.whatsappRateCard = file.toString();
        config.whatsappAwsFeeUsd = 0.0049999999;
        WhatsAppFees fees = RateCardFees.fromConfig(config);
        assertThat(fees.metaFeeMicros("IN", "PMP", "authentication_international", "regular", true)).isEqualTo(28_000);
        assertThat(fees.awsMessageFeeMicros()).isEqualTo(5_000); // rounded half-up to the micro-dollar

        config.whatsappRateCard = dir.resolve("missing.csv").toString();
        assertThatThrownBy(() -> RateCardFees.fromConfig(config)).hasMessageContaining("file not found");
        config.whatsappRateCard = null;
        config.whatsappAwsFeeUsd = -0.01;
        assertThatThrownBy(() -> RateCardFees.fromConfig(config)).hasMessageContaining("must not be negative");
    }

    @Test
    void theShippedExampleRateCardIsValid() {
        Path example = Paths.get("..", "schemas", "whatsapp-rate-card.example.csv");
        RateCardFees fees = new RateCardFees(RateCard.load(example.toString()), REGIONS, 0);
        assertThat(fees.metaFeeMicros("BR", "PMP", "marketing", "regular", true)).isEqualTo(62_500);
        assertThat(fees.metaFeeMicros("JP", "PMP", "marketing", "regular", true)).isEqualTo(70_000); // Rest of APAC: * row
        assertThat(fees.metaFeeMicros("CU", "PMP", "marketing", "regular", true)).isEqualTo(60_400); // Other row
        assertThat(fees.metaFeeMicros("GB", "CBP", "utility", null, true)).isEqualTo(50_000);
        assertThat(fees.metaFeeMicros("DE", "PMP", "service", "regular", true)).isZero();
    }
}
