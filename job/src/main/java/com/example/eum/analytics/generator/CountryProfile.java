package com.example.eum.analytics.generator;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How traffic to one destination country behaves: SMS delivery rate, typical receipt delay, how often the carrier
 * sends a second final receipt (TEXT_SUCCESSFUL then TEXT_DELIVERED), how often no final receipt ever comes, OTP
 * conversion, price per part and carrier fee (micro-USD), carriers (name, MCC, MNC) and sender ids (E.164 long codes
 * in the fictional 555-01xx range, or alphanumeric sender ids where the country uses them). Values are illustrative
 * but plausible; countries outside the built-in table get {@link #generic(String)}.
 */
public final class CountryProfile implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A mobile network. */
    public static final class Carrier implements Serializable {
        private static final long serialVersionUID = 1L;
        public final String name;
        public final String mcc;
        public final String mnc;

        Carrier(String name, String mcc, String mnc) {
            this.name = name;
            this.mcc = mcc;
            this.mnc = mnc;
        }

        /** {@code mcc-mnc}, as the job keys carriers. */
        public String mccMnc() {
            return mcc + "-" + mnc;
        }
    }

    public final String iso;
    /** Share of SMS/MMS messages with a final success receipt (before horizon effects). */
    public final double deliveryRate;
    /** Median delay from request to the final receipt, ms (log-normal around it). */
    public final long medianDelayMs;
    /** Share of delivered messages that get TEXT_SUCCESSFUL and, about a minute later, TEXT_DELIVERED. */
    public final double doubleFinalShare;
    /** Share of undelivered messages that never get a carrier receipt (TEXT_UNKNOWN after 72 h). */
    public final double neverFinalShare;
    /** Share of delivered OTPs the user confirms (feedback RECEIVED). */
    public final double otpConversion;
    /** Share of WhatsApp messages delivered. */
    public final double whatsappDeliveryRate;
    public final long pricePerPartMicros;
    public final long carrierFeePerPartMicros;
    public final boolean mms;
    public final List<Carrier> carriers;
    public final List<String> senders;

    private CountryProfile(String iso, double deliveryRate, long medianDelayMs, double doubleFinalShare, double neverFinalShare,
            double otpConversion, double whatsappDeliveryRate, long pricePerPartMicros, long carrierFeePerPartMicros, boolean mms,
            List<Carrier> carriers, List<String> senders) {
        this.iso = iso;
        this.deliveryRate = deliveryRate;
        this.medianDelayMs = medianDelayMs;
        this.doubleFinalShare = doubleFinalShare;
        this.neverFinalShare = neverFinalShare;
        this.otpConversion = otpConversion;
        this.whatsappDeliveryRate = whatsappDeliveryRate;
        this.pricePerPartMicros = pricePerPartMicros;
        this.carrierFeePerPartMicros = carrierFeePerPartMicros;
        this.mms = mms;
        this.carriers = Collections.unmodifiableList(carriers);
        this.senders = Collections.unmodifiableList(senders);
    }

    private static final Map<String, CountryProfile> BUILT_IN = new HashMap<>();

    private static void add(CountryProfile p) {
        BUILT_IN.put(p.iso, p);
    }

    private static Carrier c(String name, String mcc, String mnc) {
        return new Carrier(name, mcc, mnc);
    }

    static {
        List<String> usLongCodes = Arrays.asList("+12065550100", "+12065550101", "+18335550102");
        add(new CountryProfile("US", 0.97, 2_500, 0.70, 0.10, 0.88, 0.97, 5_810, 3_020, true,
                Arrays.asList(c("T-Mobile USA", "310", "260"), c("AT&T Mobility", "310", "410"), c("Verizon Wireless", "311", "480")),
                usLongCodes));
        add(new CountryProfile("CA", 0.96, 3_000, 0.60, 0.10, 0.86, 0.97, 7_520, 0, true,
                Arrays.asList(c("Rogers Wireless", "302", "720"), c("Bell Mobility", "302", "610"), c("Telus Mobility", "302", "220")),
                Arrays.asList("+14165550110", "+16045550111")));
        add(new CountryProfile("IN", 0.90, 15_000, 0.20, 0.20, 0.78, 0.95, 2_430, 0, false,
                Arrays.asList(c("Reliance Jio", "405", "857"), c("Bharti Airtel", "404", "10"), c("Vodafone Idea", "404", "20")),
                Arrays.asList("EXMPLE", "EXOTPS")));
        add(new CountryProfile("BR", 0.92, 8_000, 0.50, 0.15, 0.82, 0.96, 24_500, 0, false,
                Arrays.asList(c("Vivo", "724", "06"), c("Claro", "724", "05"), c("TIM", "724", "02")),
                Arrays.asList("+12065550100", "+12065550101")));
        add(new CountryProfile("GB", 0.98, 2_000, 0.60, 0.05, 0.90, 0.98, 39_500, 0, false,
                Arrays.asList(c("EE", "234", "30"), c("O2 UK", "234", "10"), c("Vodafone UK", "234", "15")),
                Arrays.asList("ExampleCo", "ExampleOTP")));
        add(new CountryProfile("DE", 0.97, 3_000, 0.60, 0.05, 0.89, 0.98, 85_300, 0, false,
                Arrays.asList(c("Telekom Deutschland", "262", "01"), c("Vodafone DE", "262", "02"), c("Telefonica O2 DE", "262", "03")),
                Arrays.asList("ExampleCo")));
        add(new CountryProfile("ID", 0.85, 30_000, 0.10, 0.30, 0.75, 0.94, 329_000, 0, false,
                Arrays.asList(c("Telkomsel", "510", "10"), c("Indosat Ooredoo", "510", "01"), c("XL Axiata", "510", "11")),
                Arrays.asList("EXAMPLE")));
        add(new CountryProfile("MX", 0.91, 10_000, 0.40, 0.15, 0.80, 0.96, 21_000, 0, false,
                Arrays.asList(c("Telcel", "334", "020"), c("AT&T Mexico", "334", "090"), c("Movistar", "334", "030")),
                Arrays.asList("+12065550100")));
        add(new CountryProfile("FR", 0.97, 3_000, 0.50, 0.05, 0.88, 0.98, 74_000, 0, false,
                Arrays.asList(c("Orange", "208", "01"), c("SFR", "208", "10"), c("Bouygues Telecom", "208", "20")),
                Arrays.asList("ExampleCo")));
    }

    /** The country whose built-in profile has the carrier {@code mccMnc} ({@code 310-260}), or null. */
    public static String countryOfCarrier(String mccMnc) {
        for (CountryProfile p : BUILT_IN.values()) {
            for (Carrier c : p.carriers) {
                if (c.mccMnc().equals(mccMnc)) {
                    return p.iso;
                }
            }
        }
        return null;
    }

    /** The built-in carriers per country, for an error message: {@code US: 310-260, 310-410, ...}. */
    static String carrierList() {
        return "carriers are " + new java.util.TreeMap<>(BUILT_IN).values().stream()
                .map(p -> p.iso + " " + p.carriers.stream().map(Carrier::mccMnc).collect(java.util.stream.Collectors.joining("/")))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The built-in profile for {@code iso}, or a generic one. */
    public static CountryProfile of(String iso) {
        CountryProfile p = BUILT_IN.get(iso.toUpperCase(Locale.ROOT));
        return p != null ? p : generic(iso.toUpperCase(Locale.ROOT));
    }

    /** A middle-of-the-road profile for a country without a built-in one; sends from a US long code. */
    public static CountryProfile generic(String iso) {
        return new CountryProfile(iso, 0.93, 10_000, 0.40, 0.15, 0.82, 0.96, 50_000, 0, false,
                Arrays.asList(c("Example Mobile " + iso, "001", "01")), Arrays.asList("+12065550100"));
    }
}
