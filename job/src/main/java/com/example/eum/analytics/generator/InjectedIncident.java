package com.example.eum.analytics.generator;

import com.example.eum.analytics.config.DurationFormat;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One incident (or decoy) the generator injects, with its scope, its window of message requests and a label, so a
 * test or benchmark can match the alerts it should raise. Parsed from {@code key=value} pairs separated by commas;
 * the kind follows from the effect given:
 * <ul>
 *   <li>{@code carrier=310-260} (mcc-mnc, optionally {@code delivery=0.1}): {@link Kind#CARRIER_OUTAGE}, that
 *       carrier's SMS/MMS fail as carrier-unreachable (failure class UNREACHABLE);</li>
 *   <li>{@code country=IN,delivery=0.3} (optionally with {@code conversion=}): {@link Kind#DELIVERY_DROP} of every
 *       channel to the country;</li>
 *   <li>{@code country=IN,conversion=0.4} (optionally {@code use-case=otp-login}): {@link Kind#CONVERSION_DROP},
 *       the share of delivered OTPs users confirm;</li>
 *   <li>{@code country=SL,pumping=5x} or {@code pumping=2/s} (optionally {@code prefix=+23276}):
 *       {@link Kind#SMS_PUMPING}, extra OTPs to numbers of one destination prefix that never convert, a third of
 *       them flagged by Protect (MONITOR, BLOCK), priced like the country's other SMS;</li>
 *   <li>{@code country=DE,spend=6x}: {@link Kind#SPEND_SPIKE}, SMS to the country grow to that many times their
 *       parts (a template grown long), at normal volume;</li>
 *   <li>{@code country=US,blast=6x}: decoy {@link Kind#MARKETING_BLAST}, extra PROMOTIONAL SMS delivered
 *       normally;</li>
 *   <li>{@code country=BR,viral=3x}: decoy {@link Kind#VIRAL_LAUNCH}, extra OTPs converting normally.</li>
 * </ul>
 * {@code Nx} makes the country's volume N times its normal rate (the extra traffic is (N-1) times it); an absolute
 * rate ({@code 2/s}, {@code 30/min}, {@code 600/h}) adds that many messages, also to a country with no normal
 * traffic. Every kind takes {@code from=} (offset from the run start, default 0), {@code for=} (duration, default
 * to the end of the run) or {@code to=} (offset of the end), and {@code label=} (default: the spec itself).
 */
public final class InjectedIncident implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Share of pumped messages Protect flags (MONITOR mode, recommendation BLOCK). */
    public static final double PUMPING_PROTECT_SHARE = 0.30;

    /** What is injected. */
    public enum Kind {
        CARRIER_OUTAGE(false, false),
        DELIVERY_DROP(false, false),
        CONVERSION_DROP(false, false),
        SMS_PUMPING(true, false),
        SPEND_SPIKE(false, false),
        MARKETING_BLAST(true, true),
        VIRAL_LAUNCH(true, true);

        /** Whether the incident adds messages of its own (a surge) rather than changing existing ones. */
        public final boolean addsTraffic;
        /** A decoy: unusual but healthy traffic that should raise nothing critical. */
        public final boolean decoy;

        Kind(boolean addsTraffic, boolean decoy) {
            this.addsTraffic = addsTraffic;
            this.decoy = decoy;
        }
    }

    private static final String SYNTAX = "carrier=310-260 | country=IN,delivery=0.3 | country=IN,conversion=0.4"
            + " | country=SL,pumping=2/s | country=DE,spend=6x | country=US,blast=6x | country=BR,viral=3x,"
            + " each with optional from=30m, for=1h and label=NAME";

    public Kind kind;
    /** ISO country code. */
    public String country;
    /** mcc-mnc of a carrier outage, else null. */
    public String carrier;
    /** Destination prefix of pumping (E.164, at most 8 characters), else null. */
    public String prefix;
    /** The use case a conversion drop is limited to, or null = every OTP. */
    public String useCase;
    public Duration from = Duration.ZERO;
    /** End as an offset from the run start, or null = end of run. */
    public Duration to;
    /** Delivery rate during the incident, or null = unchanged. */
    public Double delivery;
    /** OTP conversion rate (of delivered OTPs) during the incident, or null = unchanged. */
    public Double conversion;
    /** Surge: the country's volume as a multiple of normal; spend spike: the parts multiple. NaN when absolute. */
    public double factor = Double.NaN;
    /** Surge: extra messages per second of event time, when given as an absolute rate; else NaN. */
    public double extraPerSecond = Double.NaN;
    public String label;

    /** Parses several incidents separated by {@code ;}. */
    public static List<InjectedIncident> parseAll(String specs) {
        List<InjectedIncident> out = new ArrayList<>();
        for (String spec : specs.split(";")) {
            if (!spec.isBlank()) {
                out.add(parse(spec));
            }
        }
        return out;
    }

    public static InjectedIncident parse(String spec) {
        InjectedIncident inc = new InjectedIncident();
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] e = part.trim().split("=", 2);
            if (e.length != 2 || e[1].trim().isEmpty()) {
                throw new IllegalArgumentException("incident entry must be key=value, got '" + part.trim() + "'; write " + SYNTAX);
            }
            kv.put(e[0].trim().toLowerCase(Locale.ROOT), e[1].trim());
        }
        List<Kind> kinds = new ArrayList<>();
        for (Map.Entry<String, String> e : kv.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "country":
                    if (!v.matches("[A-Za-z]{2}")) {
                        throw new IllegalArgumentException("incident country must be an ISO code like IN, got '" + v + "'");
                    }
                    inc.country = v.toUpperCase(Locale.ROOT);
                    break;
                case "carrier":
                    if (!v.matches("\\d{3}-\\d{2,3}")) {
                        throw new IllegalArgumentException("incident carrier must be mcc-mnc like 310-260, got '" + v + "'");
                    }
                    inc.carrier = v;
                    kinds.add(Kind.CARRIER_OUTAGE);
                    break;
                case "prefix":
                    if (!v.matches("\\+[1-9]\\d{0,6}")) {
                        throw new IllegalArgumentException("incident prefix must be + and 1 to 7 digits (an E.164 country code and"
                                + " a few more), like +23276, got '" + v + "'");
                    }
                    inc.prefix = v;
                    break;
                case "use-case": inc.useCase = v; break;
                case "from": inc.from = DurationFormat.parse(v); break;
                case "to": inc.to = DurationFormat.parse(v); break;
                case "for": break; // after from
                case "delivery": inc.delivery = rate(v, "delivery"); break;
                case "conversion": inc.conversion = rate(v, "conversion"); break;
                case "pumping": inc.surge(v, "pumping"); kinds.add(Kind.SMS_PUMPING); break;
                case "blast": inc.surge(v, "blast"); kinds.add(Kind.MARKETING_BLAST); break;
                case "viral": inc.surge(v, "viral"); kinds.add(Kind.VIRAL_LAUNCH); break;
                case "spend":
                    inc.factor = multiple(v, "spend");
                    if (inc.factor != Math.rint(inc.factor) || inc.factor > 10) {
                        throw new IllegalArgumentException("incident spend multiplies message parts: give a whole factor from 2x to 10x, got '" + v + "'");
                    }
                    kinds.add(Kind.SPEND_SPIKE);
                    break;
                case "label": inc.label = v; break;
                default:
                    throw new IllegalArgumentException("unknown incident key '" + e.getKey() + "'; write " + SYNTAX);
            }
        }
        if (kv.containsKey("for")) {
            if (inc.to != null) {
                throw new IllegalArgumentException("incident takes for= or to=, not both: '" + spec.trim() + "'");
            }
            inc.to = inc.from.plus(DurationFormat.parse(kv.get("for")));
        }
        if (inc.to != null && inc.to.compareTo(inc.from) <= 0) {
            throw new IllegalArgumentException("incident must end after it starts (to= after from=, or a positive for=): '" + spec.trim() + "'");
        }
        if (kinds.size() > 1) {
            throw new IllegalArgumentException("one incident per spec: '" + spec.trim() + "' has " + kinds.size()
                    + " effects; give each its own --incident");
        }
        if (kinds.isEmpty()) {
            if (inc.delivery != null) {
                kinds.add(Kind.DELIVERY_DROP);
            } else if (inc.conversion != null) {
                kinds.add(Kind.CONVERSION_DROP);
            } else {
                throw new IllegalArgumentException("incident '" + spec.trim() + "' has no effect; write " + SYNTAX);
            }
        }
        inc.kind = kinds.get(0);
        inc.checkKeys(kv);
        if (inc.kind == Kind.CARRIER_OUTAGE) {
            String owner = CountryProfile.countryOfCarrier(inc.carrier);
            if (inc.country == null) {
                if (owner == null) {
                    throw new IllegalArgumentException("carrier " + inc.carrier + " is none the generator uses; "
                            + CountryProfile.carrierList());
                }
                inc.country = owner;
            } else if (!inc.country.equals(owner)) {
                throw new IllegalArgumentException("carrier " + inc.carrier + " is not a carrier of " + inc.country + "; "
                        + CountryProfile.carrierList());
            }
            if (inc.delivery == null) {
                inc.delivery = 0.1;
            }
        }
        if (inc.country == null) {
            throw new IllegalArgumentException("incident '" + spec.trim() + "' needs country=XX (an ISO code like IN)");
        }
        if (inc.label == null) {
            inc.label = spec.trim();
        }
        return inc;
    }

    /** Rejects keys that mean nothing for the kind, so a typo never silently does something else. */
    private void checkKeys(Map<String, String> kv) {
        for (String key : kv.keySet()) {
            boolean ok;
            switch (key) {
                case "prefix": ok = kind == Kind.SMS_PUMPING; break;
                case "use-case": ok = kind == Kind.CONVERSION_DROP; break;
                case "delivery": ok = kind == Kind.DELIVERY_DROP || kind == Kind.CARRIER_OUTAGE; break;
                case "conversion": ok = kind == Kind.DELIVERY_DROP || kind == Kind.CONVERSION_DROP; break;
                default: ok = true;
            }
            if (!ok) {
                throw new IllegalArgumentException("incident key '" + key + "' does not apply to " + kind + "; write " + SYNTAX);
            }
        }
    }

    private void surge(String v, String name) {
        String s = v.toLowerCase(Locale.ROOT);
        int slash = s.indexOf('/');
        if (slash < 0) {
            factor = multiple(v, name);
            return;
        }
        double per;
        switch (s.substring(slash + 1)) {
            case "s": per = 1; break;
            case "min": per = 60; break;
            case "h": per = 3600; break;
            default: throw new IllegalArgumentException("incident " + name + " rate must be per s, min or h, like 2/s; got '" + v + "'");
        }
        double n = number(s.substring(0, slash), name, v);
        if (!(n > 0)) {
            throw new IllegalArgumentException("incident " + name + " rate must be positive, like 2/s; got '" + v + "'");
        }
        extraPerSecond = n / per;
    }

    private static double multiple(String v, String name) {
        String s = v.toLowerCase(Locale.ROOT);
        if (!s.endsWith("x")) {
            throw new IllegalArgumentException("incident " + name + " must be a multiple like 5x or a rate like 2/s, got '" + v + "'");
        }
        double f = number(s.substring(0, s.length() - 1), name, v);
        if (!(f > 1) || Double.isInfinite(f)) {
            throw new IllegalArgumentException("incident " + name + " multiple must be above 1x, like 5x; got '" + v + "'");
        }
        return f;
    }

    private static double number(String s, String name, String v) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("incident " + name + " must be a multiple like 5x or a rate like 2/s, got '" + v + "'");
        }
    }

    private static double rate(String v, String name) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("incident " + name + " must be within 0..1, got " + v);
        }
        return d;
    }

    /**
     * Checks the incident against the run: its country must have traffic unless it brings its own (an absolute
     * surge rate), and its window must start before the requests end.
     */
    void validate(GeneratorSettings s) {
        boolean inMix = s.countryMix.containsKey(country);
        if (!inMix && !(kind.addsTraffic && !Double.isNaN(extraPerSecond))) {
            throw new IllegalArgumentException("incident '" + label + "': " + country + " has no traffic in the country mix ("
                    + String.join(",", s.countryMix.keySet()) + "); add it to --countries"
                    + (kind.addsTraffic ? " or give an absolute rate like 2/s" : ""));
        }
        if (s.isBounded() && from.compareTo(s.duration) >= 0) {
            throw new IllegalArgumentException("incident '" + label + "' starts at " + DurationFormat.format(from)
                    + ", after the run's " + DurationFormat.format(s.duration) + " of requests; give an earlier from=");
        }
        if (kind == Kind.SMS_PUMPING) {
            try {
                destinations();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("incident '" + label + "': " + e.getMessage(), e);
            }
        }
    }

    /** Start of the incident's requests, epoch ms. */
    public long start(GeneratorSettings s) {
        return s.startTime + from.toMillis();
    }

    /** End (exclusive) of the incident's requests, epoch ms; the end of the run's requests when open-ended. */
    public long end(GeneratorSettings s) {
        long runEnd = s.requestEnd();
        return to == null ? runEnd : Math.min(runEnd, s.startTime + to.toMillis());
    }

    /** Whether a request at {@code requestTime} to {@code iso} falls in the incident. */
    boolean covers(String iso, long requestTime, GeneratorSettings s) {
        return country.equals(iso) && requestTime >= start(s) && requestTime < end(s);
    }

    /** Extra messages per second a surge adds. */
    double surgeRate(GeneratorSettings s) {
        if (!Double.isNaN(extraPerSecond)) {
            return extraPerSecond;
        }
        long total = s.countryMix.values().stream().mapToLong(Integer::longValue).sum();
        return (factor - 1) * s.rate * s.countryMix.get(country) / total;
    }

    /** Pumping: the numbers pumped, the generator's numbers of the country within {@link #prefix}. */
    List<String> destinations() {
        List<String> pool = PhoneNumberPool.numbers(country);
        String p = pumpedPrefix();
        List<String> in = pool.stream().filter(n -> n.startsWith(p)).collect(Collectors.toList());
        if (in.isEmpty()) {
            throw new IllegalArgumentException("no generated number of " + country + " starts with " + p
                    + "; give a prefix of " + pool.get(0) + ", like " + pool.get(0).substring(0, 6));
        }
        return in;
    }

    /** The pumped prefix (the default one when none was given). */
    public String pumpedPrefix() {
        List<String> pool = PhoneNumberPool.numbers(country);
        return prefix != null ? prefix : pool.get(0).substring(0, Math.min(6, pool.get(0).length()));
    }

    @Override
    public String toString() {
        return kind + " " + label;
    }
}
