package com.example.eum.analytics.fees;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateCardTest {
    private static RateCard card(String... rows) throws IOException {
        return RateCard.parse(new StringReader(RateCard.HEADER + "\n" + String.join("\n", rows) + "\n"), "card.csv");
    }

    @Test
    void mostSpecificRowWinsWhateverItsPosition() throws IOException {
        RateCard card = card(
                "*,*,*,0.01",
                "*,PMP,marketing,0.05",
                "Brazil,PMP,marketing,0.0625",
                "Brazil,*,*,0.02");
        assertThat(card.match("Brazil", "PMP", "marketing").priceMicros).isEqualTo(62_500);
        assertThat(card.match("Brazil", "PMP", "marketing").line).isEqualTo(4);
        assertThat(card.match("India", "PMP", "marketing").priceMicros).isEqualTo(50_000);
        assertThat(card.match("Brazil", "PMP", "utility").priceMicros).isEqualTo(20_000);
        assertThat(card.match("India", "CBP", "utility").priceMicros).isEqualTo(10_000);
    }

    @Test
    void equallySpecificMatchesGoToTheFirstRow() throws IOException {
        RateCard card = card("Brazil,*,marketing,0.03", "*,PMP,marketing,0.04");
        assertThat(card.match("Brazil", "PMP", "marketing").priceMicros).isEqualTo(30_000);
        assertThat(card.match("India", "PMP", "marketing").priceMicros).isEqualTo(40_000);
    }

    @Test
    void matchingIgnoresCaseAndNullMatchesOnlyWildcards() throws IOException {
        RateCard card = card("North America,pmp,Marketing,0.025", "*,*,*,0.001");
        assertThat(card.match("north america", "PMP", "MARKETING").priceMicros).isEqualTo(25_000);
        assertThat(card.match("North America", "PMP", null).priceMicros).isEqualTo(1_000);
        assertThat(card(("Brazil,PMP,marketing,0.01")).match("Brazil", null, "marketing")).isNull();
    }

    @Test
    void pricesAreExactMicroUsd() throws IOException {
        RateCard card = card("A,*,a,0.000001", "A,*,b,1.5", "A,*,c,0", "A,*,d,0.0625000");
        assertThat(card.rows()).extracting(r -> r.priceMicros).containsExactly(1L, 1_500_000L, 0L, 62_500L);
    }

    @Test
    void badLinesAreRejectedNamingTheLine() {
        assertThatThrownBy(() -> RateCard.parse(new StringReader("region,model,category,price\n"), "card.csv"))
                .hasMessage("card.csv line 1: expected header '" + RateCard.HEADER + "', got 'region,model,category,price'");
        assertThatThrownBy(() -> RateCard.parse(new StringReader(""), "card.csv"))
                .hasMessageContaining("card.csv line 1: expected header");
        assertThatThrownBy(() -> card("Brazil,PMP,marketing,0.01", "", "Brazil,PMP,utility,abc"))
                .hasMessage("card.csv line 4: price_usd 'abc' is not a decimal number");
        assertThatThrownBy(() -> card("Brazil,PMP,marketing"))
                .hasMessage("card.csv line 2: expected 4 comma-separated fields, got 3 in 'Brazil,PMP,marketing'");
        assertThatThrownBy(() -> card("Brazil,PMP,marketing,-0.01"))
                .hasMessage("card.csv line 2: price_usd -0.01 is negative");
        assertThatThrownBy(() -> card("Brazil,PMP,marketing,0.0000001"))
                .hasMessageContaining("card.csv line 2: price_usd 0.0000001 has more than 6 decimal places");
        assertThatThrownBy(() -> card("Brazil,XYZ,marketing,0.01"))
                .hasMessage("card.csv line 2: pricing_model 'XYZ' is not CBP, PMP or *");
        assertThatThrownBy(() -> card("Brazil,PMP,,0.01"))
                .hasMessage("card.csv line 2: empty pricing_category (use * to match any value)");
        assertThatThrownBy(() -> card("Brazil,PMP,marketing,0.01", "India,PMP,marketing,0.02", "brazil,pmp,Marketing,0.03"))
                .hasMessage("card.csv line 4: duplicate of line 2 (same billing_region, pricing_model and pricing_category)");
    }

    @Test
    void loadsAFileAndReportsAMissingOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rates.csv");
        Files.writeString(file, "\uFEFF" + RateCard.HEADER + "\r\nIndia,PMP,utility,0.0014\r\n");
        RateCard card = RateCard.load(file.toString());
        assertThat(card.match("India", "PMP", "utility").priceMicros).isEqualTo(1_400);
        assertThat(card.sourceName()).isEqualTo(file.toString());

        String missing = dir.resolve("nope.csv").toString();
        assertThatThrownBy(() -> RateCard.load(missing)).hasMessage("WhatsApp rate card file not found: " + missing);
    }

    @Test
    void loadsARateCardBundledOnTheClasspath() {
        RateCard card = RateCard.load("classpath:/fees/test-rate-card.csv");
        assertThat(card.match("Brazil", "PMP", "marketing").priceMicros).isEqualTo(62_500);
        assertThatThrownBy(() -> RateCard.load("classpath:/fees/none.csv"))
                .hasMessage("WhatsApp rate card not found on the classpath: classpath:/fees/none.csv");
    }
}
