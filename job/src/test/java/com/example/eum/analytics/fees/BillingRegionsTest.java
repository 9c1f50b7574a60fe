package com.example.eum.analytics.fees;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingRegionsTest {
    private final BillingRegions regions = BillingRegions.load();

    @Test
    void shippedTableHasEveryCountryOfTheSource() {
        assertThat(regions.size()).isEqualTo(247);
        assertThat(regions.regions()).hasSize(32).contains("North America", "Rest of Africa", "Other");
    }

    @Test
    void mapsCountriesToTheirRegionIgnoringCase() {
        assertThat(regions.regionOf("US")).isEqualTo("North America");
        assertThat(regions.regionOf("ca")).isEqualTo("North America");
        assertThat(regions.regionOf("BR")).isEqualTo("Brazil");
        assertThat(regions.regionOf("DZ")).isEqualTo("Rest of Africa");
        assertThat(regions.regionOf("AT")).isEqualTo("Rest of Western Europe");
        assertThat(regions.regionOf("LI")).isEqualTo("Other");
    }

    @Test
    void unknownOrMissingCountryIsOther() {
        assertThat(regions.regionOf("CU")).isEqualTo(BillingRegions.OTHER); // absent from the source table
        assertThat(regions.regionOf("ZZ")).isEqualTo(BillingRegions.OTHER);
        assertThat(regions.regionOf(null)).isEqualTo(BillingRegions.OTHER);
    }

    @Test
    void badTablesAreRejectedWithTheLine() {
        assertThatThrownBy(() -> BillingRegions.parse(new StringReader("iso,region\n"), "t.csv"))
                .hasMessageContaining("t.csv line 1: expected header");
        assertThatThrownBy(() -> BillingRegions.parse(new StringReader(
                "iso_country_code,country_name,billing_region\nUS,United States,North America\nUS,Again,Other\n"), "t.csv"))
                .hasMessage("t.csv line 3: country US listed twice");
        assertThatThrownBy(() -> BillingRegions.parse(new StringReader(
                "iso_country_code,country_name,billing_region\n\nUSA,United States,North America\n"), "t.csv"))
                .hasMessageContaining("t.csv line 3: expected a two-letter country code");
    }
}
