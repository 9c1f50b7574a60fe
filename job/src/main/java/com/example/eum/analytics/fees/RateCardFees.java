package com.example.eum.analytics.fees;

import com.example.eum.analytics.config.JobConfig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;

/**
 * WhatsApp fees from a Meta rate card plus the AWS per-message fee (rules in schemas/fees.md): the Meta fee is the
 * rate-card price for the recipient country's billing region, the pricing model and the category, charged only for
 * billable messages (billable true and a pricing type that is not one of Meta's free types); the AWS fee applies to
 * every message sent or received. Plain Java, validated at construction: a rate-card row naming a region that the
 * billing-region table does not know is rejected, since it could never match.
 */
public final class RateCardFees implements WhatsAppFees {
    private static final long serialVersionUID = 1L;

    private final RateCard rateCard;
    private final BillingRegions regions;
    private final long awsFeeMicros;

    public RateCardFees(RateCard rateCard, BillingRegions regions, long awsFeeMicros) {
        if (awsFeeMicros < 0) {
            throw new IllegalArgumentException("the AWS WhatsApp message fee must not be negative, got " + awsFeeMicros + " micro-USD");
        }
        Set<String> known = regions.regions();
        for (RateCard.Row row : rateCard.rows()) {
            if (!RateCard.ANY.equals(row.region) && known.stream().noneMatch(r -> r.equalsIgnoreCase(row.region))) {
                throw new IllegalArgumentException(rateCard.sourceName() + " line " + row.line + ": billing_region '"
                        + row.region + "' is not a WhatsApp billing region (known: " + String.join(", ", known) + ")");
            }
        }
        this.rateCard = rateCard;
        this.regions = regions;
        this.awsFeeMicros = awsFeeMicros;
    }

    /**
     * The fees the configuration asks for: the rate card at {@code whatsappRateCard} (no Meta fees when it is not
     * set), the shipped billing regions, and {@code whatsappAwsFeeUsd} as the AWS per-message fee.
     */
    public static WhatsAppFees fromConfig(JobConfig config) {
        String path = config.whatsappRateCard;
        RateCard card = path == null || path.trim().isEmpty() ? RateCard.EMPTY : RateCard.load(path.trim());
        return new RateCardFees(card, BillingRegions.load(), usdToMicros(config.whatsappAwsFeeUsd));
    }

    /** USD (as configured) to micro-USD, rounded half-up to the micro-dollar. */
    static long usdToMicros(double usd) {
        if (Double.isNaN(usd) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("the AWS WhatsApp message fee must be a number, got " + usd);
        }
        return BigDecimal.valueOf(usd).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @Override
    public long metaFeeMicros(String isoCountryCode, String pricingModel, String pricingCategory, String pricingType,
                              boolean billable) {
        if (!billable || isFreeType(pricingType)) {
            return 0;
        }
        RateCard.Row row = rateCard.match(regions.regionOf(isoCountryCode), pricingModel, pricingCategory);
        return row == null ? 0 : row.priceMicros;
    }

    @Override
    public long awsMessageFeeMicros() {
        return awsFeeMicros;
    }

    /** Meta's PMP types {@code free_customer_service} and {@code free_entry_point} cost nothing. */
    private static boolean isFreeType(String pricingType) {
        return pricingType != null && pricingType.trim().toLowerCase(Locale.ROOT).startsWith("free_");
    }
}
