package com.example.eum.analytics.fees;

import java.io.Serializable;

/**
 * WhatsApp cost of one message, in micro-USD. The lifecycle asks once per message, when it first learns the
 * message's pricing; implementations are plain Java (rate card + billing regions), unit-tested directly.
 */
public interface WhatsAppFees extends Serializable {
    /**
     * Meta's fee for a billable outbound message: the rate-card price for the recipient country's billing region,
     * pricing model and category. 0 when not billable, or when no rate-card row matches.
     */
    long metaFeeMicros(String isoCountryCode, String pricingModel, String pricingCategory, String pricingType, boolean billable);

    /** AWS End User Messaging per-message fee (charged for every WhatsApp message sent or received). */
    long awsMessageFeeMicros();

    /** No rate card configured: every fee is 0. */
    WhatsAppFees NONE = new WhatsAppFees() {
        @Override
        public long metaFeeMicros(String c, String m, String cat, String t, boolean b) {
            return 0;
        }

        @Override
        public long awsMessageFeeMicros() {
            return 0;
        }
    };
}
