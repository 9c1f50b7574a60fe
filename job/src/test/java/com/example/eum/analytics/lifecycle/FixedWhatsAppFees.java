package com.example.eum.analytics.lifecycle;

import com.example.eum.analytics.fees.WhatsAppFees;

import java.util.Locale;

/**
 * Stand-in rate card for lifecycle tests (the real one is built in the fees package): per category, the same
 * price in every country, so expected fees are easy to compute by hand. AWS fee 5,000 micro-USD per message.
 */
final class FixedWhatsAppFees implements WhatsAppFees {
    static final long AWS = 5_000;
    static final long MARKETING = 25_000;
    static final long UTILITY = 4_000;
    static final long AUTHENTICATION = 3_000;

    @Override
    public long metaFeeMicros(String iso, String model, String category, String type, boolean billable) {
        if (!billable || category == null) {
            return 0;
        }
        String c = category.toLowerCase(Locale.ROOT);
        if (c.startsWith("marketing")) {
            return MARKETING;
        }
        if (c.equals("utility")) {
            return UTILITY;
        }
        if (c.startsWith("authentication")) {
            return AUTHENTICATION;
        }
        return 0;
    }

    @Override
    public long awsMessageFeeMicros() {
        return AWS;
    }
}
