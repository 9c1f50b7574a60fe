package com.example.eum.analytics.generator;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Decides, deterministically from (settings, index), what happens to message number {@code index}: country,
 * channel, sender and destination, price, the sequence of status receipts with realistic delays (pending, single or
 * double finals, failures of a plausible mix, a few never-final ones that turn TEXT_UNKNOWN after 72 h), OTP
 * feedback, WhatsApp sent / delivered / read / failed with pricing, inbound WhatsApp messages, and the transport of
 * every event to the stream (envelope, delay, duplicates, hours-late records, malformed extras).
 *
 * <p>Message {@code i} is requested at {@code start + floor(i * 1000 / rate)} ms, so the index range of any request
 * time window is known without generating anything.
 */
public final class TrafficModel implements Serializable {
    private static final long serialVersionUID = 1L;

    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    /** Carriers report within 72 h or the service reports TEXT_UNKNOWN. */
    static final long FINAL_RECEIPT_LIMIT = 72 * HOUR;
    /** Feedback not RECEIVED within this long after the request counts as failed (PutMessageFeedback auto-FAILED). */
    public static final long FEEDBACK_TIMEOUT = HOUR;
    /** Latest arrival of any record relative to its message's request (72 h receipt + 6 h late transport + slack). */
    static final long MAX_SPAN = FINAL_RECEIPT_LIMIT + 7 * HOUR;

    static final String ACCOUNT = "111122223333";
    static final String WABA_ID = "100000000000001";

    private final GeneratorSettings settings;
    private final RequestSchedule schedule;
    private final String[] countries;
    private final double[] countryCumulative;

    public TrafficModel(GeneratorSettings settings) {
        if (!(settings.rate > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.settings = settings;
        settings.validateIncidents();
        this.schedule = new RequestSchedule(settings);
        this.countries = settings.countryMix.keySet().toArray(new String[0]);
        this.countryCumulative = new double[countries.length];
        double total = 0;
        for (int w : settings.countryMix.values()) {
            total += w;
        }
        double acc = 0;
        int i = 0;
        for (Map.Entry<String, Integer> e : settings.countryMix.entrySet()) {
            acc += e.getValue() / total;
            countryCumulative[i++] = acc;
            PhoneNumberPool.numbers(e.getKey());
        }
        countryCumulative[countries.length - 1] = 1.0;
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Request time of message {@code index} (never before that of a smaller index). */
    public long requestTime(long index) {
        return schedule.requestTime(index);
    }

    /** Smallest index whose request time is at or after {@code t}. */
    public long firstIndexAtOrAfter(long t) {
        return schedule.firstIndexAtOrAfter(t);
    }

    /** Number of messages of a bounded run, incidents' extra traffic included (Long.MAX_VALUE when unbounded). */
    public long messageCount() {
        return schedule.size();
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * The plan of message {@code index}. A message of the run's own stream draws from a seed of its index within
     * that stream, and a surge message from one of its surge and index, so injecting a surge leaves every other
     * message as it was.
     */
    MessagePlan plan(long index) {
        RequestSchedule.Slot slot = schedule.slot(index);
        RequestSchedule.Stream stream = schedule.stream(slot.stream);
        MessagePlan p = new MessagePlan();
        p.index = index;
        long streamSeed = slot.stream == 0 ? settings.seed * 0x9E3779B97F4A7C15L
                : mix(settings.seed * 0x9E3779B97F4A7C15L + slot.stream * 0x632BE59BD9B4E019L);
        p.messageSeed = mix(streamSeed + slot.local + 1);
        SplittableRandom r = new SplittableRandom(p.messageSeed);
        p.requestTime = stream.time(slot.local);
        InjectedIncident surge = stream.incident;
        if (surge != null) {
            planSurge(p, r, surge);
        } else {
            p.country = pickCountry(r.nextDouble());
            CountryProfile prof = CountryProfile.of(p.country);
            List<String> pool = PhoneNumberPool.numbers(p.country);
            p.destination = pool.get(r.nextInt(pool.size()));
            double channelDraw = r.nextDouble();
            if (channelDraw < settings.inboundShare) {
                planInbound(p, r);
            } else if (channelDraw < settings.inboundShare + settings.whatsappShare) {
                planWhatsApp(p, r, prof);
            } else {
                planSms(p, r, prof, null);
            }
        }
        if (r.nextDouble() < settings.malformedShare) {
            MessagePlan.Malformed m = MessagePlan.Malformed.values()[r.nextInt(MessagePlan.Malformed.values().length)];
            p.addRecord(new int[0], p.requestTime + 200 + r.nextInt(5000), false, m);
        }
        return p;
    }

    private String pickCountry(double u) {
        for (int i = 0; i < countries.length; i++) {
            if (u < countryCumulative[i]) {
                return countries[i];
            }
        }
        return countries[countries.length - 1];
    }

    /** The first incident of {@code kind} covering message {@code p}, or null. */
    private InjectedIncident active(MessagePlan p, InjectedIncident.Kind kind) {
        for (InjectedIncident i : settings.incidents) {
            if (i.kind == kind && i.covers(p.country, p.requestTime, settings)) {
                return i;
            }
        }
        return null;
    }

    /** A country delivery drop's rate when one covers the message, else {@code normal}. */
    private double deliveryRate(MessagePlan p, double normal) {
        InjectedIncident drop = active(p, InjectedIncident.Kind.DELIVERY_DROP);
        return drop != null ? drop.delivery : normal;
    }

    /** The outage of the message's carrier, or null. */
    private InjectedIncident outage(MessagePlan p) {
        if (p.carrier == null) {
            return null;
        }
        InjectedIncident o = active(p, InjectedIncident.Kind.CARRIER_OUTAGE);
        return o != null && o.carrier.equals(p.carrier.mccMnc()) ? o : null;
    }

    /** Share of the message's delivered OTPs that users confirm: a conversion or delivery drop's, else the country's. */
    private double conversion(MessagePlan p, CountryProfile prof) {
        for (InjectedIncident i : settings.incidents) {
            if ((i.kind == InjectedIncident.Kind.CONVERSION_DROP || i.kind == InjectedIncident.Kind.DELIVERY_DROP)
                    && i.conversion != null && i.covers(p.country, p.requestTime, settings)
                    && (i.useCase == null || i.useCase.equals(p.useCase))) {
                return i.conversion;
            }
        }
        return prof.otpConversion;
    }

    /**
     * A message a surge adds: an SMS to the surge's country (pumping: to a number within its prefix), an OTP for
     * pumping and a viral launch, a PROMOTIONAL newsletter for a marketing blast.
     */
    private void planSurge(MessagePlan p, SplittableRandom r, InjectedIncident surge) {
        p.country = surge.country;
        List<String> pool = surge.kind == InjectedIncident.Kind.SMS_PUMPING ? surge.destinations() : PhoneNumberPool.numbers(p.country);
        p.destination = pool.get(r.nextInt(pool.size()));
        planSms(p, r, CountryProfile.of(p.country), surge);
    }

    /** A random (version 4 shaped) UUID from {@code r}. */
    static String uuid(SplittableRandom r) {
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** Standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 11). */
    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Log-normal delay around {@code median}, at least 100 ms, at most {@code cap}. */
    private static long lognormal(SplittableRandom r, long median, double sigma, long cap) {
        long d = (long) (median * Math.exp(sigma * gaussian(r)));
        return Math.max(100, Math.min(cap, d));
    }

    /** Final receipt delay: seconds to minutes, and for 3% hours (log-uniform 1 h..72 h). */
    private static long receiptDelay(SplittableRandom r, CountryProfile prof) {
        if (r.nextDouble() < 0.03) {
            return (long) (HOUR * Math.exp(r.nextDouble() * Math.log(72)));
        }
        return lognormal(r, prof.medianDelayMs, 1.2, 15 * MINUTE);
    }

    // ---------------------------------------------------------------------------------------- SMS / MMS

    private static final String[][] SMS_FAILURES = {
        // eventType suffix, weight (percent)
        {"CARRIER_UNREACHABLE", "26"}, {"BLOCKED", "16"}, {"SPAM", "8"}, {"CARRIER_BLOCKED", "4"}, {"INVALID", "14"},
        {"UNREACHABLE", "6"}, {"TTL_EXPIRED", "8"}, {"PROTECT_BLOCKED", "14"}, {"UNKNOWN", "4"},
    };
    private static final String[][] MMS_FAILURES = {
        {"CARRIER_UNREACHABLE", "30"}, {"BLOCKED", "15"}, {"INVALID", "15"}, {"UNREACHABLE", "10"}, {"TTL_EXPIRED", "10"},
        {"FILE_TYPE_UNSUPPORTED", "8"}, {"FILE_SIZE_EXCEEDED", "8"}, {"UNKNOWN", "4"},
    };

    private static String weighted(SplittableRandom r, String[][] table) {
        int total = 0;
        for (String[] row : table) {
            total += Integer.parseInt(row[1]);
        }
        int x = r.nextInt(total);
        for (String[] row : table) {
            x -= Integer.parseInt(row[1]);
            if (x < 0) {
                return row[0];
            }
        }
        return table[table.length - 1][0];
    }

    private static final String[][] OUTAGE_FAILURES = {{"CARRIER_UNREACHABLE", "80"}, {"UNREACHABLE", "20"}};

    /** An SMS/MMS of the run's own traffic ({@code surge} null) or one a surge adds (always SMS, its use case fixed). */
    private void planSms(MessagePlan p, SplittableRandom r, CountryProfile prof, InjectedIncident surge) {
        boolean mms = prof.mms && r.nextDouble() < settings.mmsShare && surge == null;
        p.kind = mms ? MessagePlan.Kind.MMS : MessagePlan.Kind.SMS;
        String prefix = mms ? "MEDIA_" : "TEXT_";
        p.messageId = uuid(r);
        p.origination = prof.senders.get(r.nextInt(prof.senders.size()));
        p.carrier = prof.carriers.get(r.nextInt(prof.carriers.size()));
        double useDraw = r.nextDouble();
        p.feedbackEnabled = useDraw < settings.feedbackShare;
        if (p.feedbackEnabled) {
            p.useCase = "otp-login";
            p.messageType = "TRANSACTIONAL";
        } else if (useDraw < settings.feedbackShare + (1 - settings.feedbackShare) * 0.6) {
            p.useCase = "order-update";
            p.messageType = "TRANSACTIONAL";
        } else {
            p.useCase = "marketing-newsletter";
            p.messageType = "PROMOTIONAL";
        }
        if (surge != null) {
            boolean otp = surge.kind != InjectedIncident.Kind.MARKETING_BLAST;
            p.feedbackEnabled = otp;
            p.useCase = otp ? "otp-login" : "marketing-newsletter";
            p.messageType = otp ? "TRANSACTIONAL" : "PROMOTIONAL";
        }
        double partsDraw = r.nextDouble();
        p.parts = mms ? 1 : partsDraw < 0.80 ? 1 : partsDraw < 0.95 ? 2 : 3;
        InjectedIncident spend = mms ? null : active(p, InjectedIncident.Kind.SPEND_SPIKE);
        if (spend != null) {
            p.parts *= (int) spend.factor;
        }
        p.encoding = r.nextDouble() < ("IN".equals(p.country) || "ID".equals(p.country) ? 0.35 : 0.10) ? "Unicode" : "GSM";
        long perPart = mms ? prof.pricePerPartMicros * 4 : prof.pricePerPartMicros;
        p.priceMicros = perPart * p.parts;
        p.carrierFeeMicros = prof.carrierFeePerPartMicros * p.parts;
        double env = r.nextDouble();
        p.envelope = env < 0.40 ? MessagePlan.Envelope.RAW : env < 0.65 ? MessagePlan.Envelope.SNS
                : env < 0.80 ? MessagePlan.Envelope.EVENTBRIDGE : MessagePlan.Envelope.CLOUDWATCH_LOGS;
        if (p.feedbackEnabled && p.envelope == MessagePlan.Envelope.EVENTBRIDGE) {
            // EventBridge drops the context map, which marks feedback tracking: OTPs come through a configured destination
            p.envelope = MessagePlan.Envelope.RAW;
        }
        p.omitIsoCountryCode = p.envelope != MessagePlan.Envelope.EVENTBRIDGE && r.nextDouble() < 0.05;

        long t0 = p.requestTime;
        double outcome = r.nextDouble();
        InjectedIncident outage = outage(p);
        double dr = outage != null ? outage.delivery : deliveryRate(p, prof.deliveryRate);
        boolean delivered = outcome < dr;
        // a carrier in an outage answers every message: carrier-unreachable failures, none left without a receipt
        boolean neverFinal = !delivered && r.nextDouble() < prof.neverFinalShare && outage == null;
        String failure = delivered || neverFinal ? null
                : weighted(r, outage != null ? OUTAGE_FAILURES : mms ? MMS_FAILURES : SMS_FAILURES);
        long finalDelay = receiptDelay(r, prof);
        List<MessagePlan.Event> ev = p.events;
        int successEvent = -1;
        int secondFinal = -1;
        if ("PROTECT_BLOCKED".equals(failure)) {
            p.protectConfigurationId = "protect-" + Long.toHexString(mix(settings.seed)).replace('-', '0') + "example";
            p.protectStatus = "FILTER";
            p.protectRecommendation = "BLOCK";
            p.priceMicros = 0;
            p.carrierFeeMicros = 0;
            p.carrier = null;
            p.addEvent(prefix + failure, t0 + 40 + r.nextInt(200), true, false);
        } else {
            boolean pumped = surge != null && surge.kind == InjectedIncident.Kind.SMS_PUMPING;
            if (pumped ? r.nextDouble() < InjectedIncident.PUMPING_PROTECT_SHARE : delivered && r.nextDouble() < 0.02) {
                p.protectConfigurationId = "protect-" + Long.toHexString(mix(settings.seed + 1)) + "example";
                p.protectStatus = "MONITOR";
                p.protectRecommendation = "BLOCK";
            }
            boolean pending = neverFinal || finalDelay > MINUTE || r.nextDouble() < 0.3;
            if (pending) {
                p.addEvent(prefix + "PENDING", t0 + 300 + r.nextInt(1700), false, false);
            }
            if (neverFinal) {
                p.addEvent(prefix + "UNKNOWN", t0 + FINAL_RECEIPT_LIMIT + r.nextInt(60_000), true, false);
            } else if (delivered) {
                double shape = r.nextDouble();
                if (shape < prof.doubleFinalShare) {
                    successEvent = p.addEvent(prefix + "SUCCESSFUL", t0 + finalDelay, true, false);
                    secondFinal = p.addEvent(prefix + "DELIVERED", t0 + finalDelay + 45_000 + r.nextInt(60_000), true, false);
                } else if (shape < prof.doubleFinalShare + (1 - prof.doubleFinalShare) * 0.5) {
                    successEvent = p.addEvent(prefix + "SUCCESSFUL", t0 + finalDelay, true, false);
                } else {
                    successEvent = p.addEvent(prefix + "DELIVERED", t0 + finalDelay, true, false);
                }
            } else {
                long at = "TTL_EXPIRED".equals(failure) ? t0 + 10 * MINUTE + r.nextInt((int) (50 * MINUTE)) : t0 + finalDelay;
                p.addEvent(prefix + failure, at, true, false);
            }
        }
        if (p.feedbackEnabled) {
            boolean pumped = surge != null && surge.kind == InjectedIncident.Kind.SMS_PUMPING;
            planFeedback(p, r, pumped ? 0 : conversion(p, prof), successEvent >= 0 ? ev.get(successEvent).time : -1);
        }
        transport(p, r, successEvent, secondFinal);
    }

    /** OTP feedback; {@code conversion} 0 (pumped numbers) means no RECEIVED at all, not even a late one. */
    private void planFeedback(MessagePlan p, SplittableRandom r, double conversion, long deliveredAt) {
        long deadline = p.requestTime + FEEDBACK_TIMEOUT;
        double u = r.nextDouble();
        if (deliveredAt >= 0) {
            if (u < conversion) {
                long t = deliveredAt + lognormal(r, 25_000, 1.0, 45 * MINUTE);
                p.addEvent("FEEDBACK_RECEIVED", t == deadline ? t + 1 : t, true, false);
            } else if (conversion > 0 && u < conversion + 0.03) {
                p.addEvent("FEEDBACK_RECEIVED", deadline + MINUTE + r.nextInt((int) HOUR), true, false);
            } else if (r.nextDouble() < 0.4) {
                p.addEvent("FEEDBACK_FAILED", p.requestTime + 2 * MINUTE + r.nextInt((int) (57 * MINUTE)), true, false);
            }
        } else if (u < 0.5) {
            // the application's own timer reports FAILED, as AWS recommends
            p.addEvent("FEEDBACK_FAILED", deadline + r.nextInt(5000), true, false);
        }
    }

    // ---------------------------------------------------------------------------------------- WhatsApp

    private static final String[][] WA_CATEGORIES = {{"marketing", "30"}, {"utility", "35"}, {"authentication", "25"}, {"service", "10"}};
    /** Meta error code, weight; the failure class each maps to is in {@link GroundTruth#whatsappFailureClass}. */
    private static final String[][] WA_ERRORS = {{"131047", "30"}, {"131026", "35"}, {"131048", "15"}, {"131049", "10"}, {"131000", "10"}};

    private static final long CBP_SALT = 0x43425053414C54L;

    private void planWhatsApp(MessagePlan p, SplittableRandom r, CountryProfile prof) {
        p.kind = MessagePlan.Kind.WHATSAPP;
        p.messageId = "wamid.GEN" + String.format("%016X%016X", r.nextLong(), r.nextLong());
        p.category = weighted(r, WA_CATEGORIES);
        boolean freeWindow = "service".equals(p.category) || ("utility".equals(p.category) && r.nextDouble() < 0.2);
        p.pricingType = freeWindow ? "free_customer_service" : "regular";
        p.billable = !freeWindow;
        // its own draw, so a CBP share changes no other decision of the message
        if (new SplittableRandom(p.messageSeed ^ CBP_SALT).nextDouble() < settings.cbpShare) {
            p.pricingModel = "CBP";
            p.pricingType = null; // the type field came with PMP
            // one conversation per user, category and UTC day (a conversation lasts at most 24 h); no number in the id
            long day = Math.floorDiv(p.requestTime, 24 * HOUR);
            p.conversationId = String.format("GENCONV%016X", mix(p.destination.hashCode() * 0x9E3779B97F4A7C15L
                    + p.category.hashCode() * 31L + day));
        }
        boolean marketingNumber = "marketing".equals(p.category) || "utility".equals(p.category);
        p.origination = marketingNumber ? "+12065550150" : "+12065550151";
        p.phoneNumberId = marketingNumber ? "200000000000150" : "200000000000151";
        p.envelope = r.nextDouble() < 0.5 ? MessagePlan.Envelope.RAW : MessagePlan.Envelope.SNS;
        long t0 = p.requestTime;
        double outcome = r.nextDouble();
        double dr = deliveryRate(p, prof.whatsappDeliveryRate);
        int deliveredEvent = -1;
        if (outcome < dr) {
            long sent = t0 + 500 + r.nextInt(2500);
            p.addEvent("sent", sent, false, true);
            long del = sent + 300 + lognormal(r, 1500, 1.0, 10 * MINUTE);
            boolean reads = r.nextDouble() < 0.6;
            long read = del + (r.nextDouble() < 0.05 ? HOUR + r.nextInt((int) (11 * HOUR)) : lognormal(r, 60_000, 2.0, 15 * MINUTE));
            if (reads && r.nextDouble() < 0.1) {
                // delivered and read together: Meta skips the delivered webhook; pricing moves to read
                deliveredEvent = p.addEvent("read", del, false, true);
            } else {
                deliveredEvent = p.addEvent("delivered", del, false, true);
                if (reads) {
                    // Meta repeats the pricing object on sent, delivered and read statuses (not on failed)
                    p.addEvent("read", read, false, true);
                }
            }
        } else if (r.nextDouble() < 0.7) {
            p.errorCode = Integer.parseInt(weighted(r, WA_ERRORS));
            p.addEvent("failed", t0 + 500 + r.nextInt(3000), true, false);
        } else {
            p.addEvent("sent", t0 + 500 + r.nextInt(2500), false, true);
        }
        transport(p, r, deliveredEvent, -1);
    }

    private static final String[] INBOUND_TEXTS = {
        "Hi, is my order on the way?", "STOP", "Thanks!", "What time do you open?", "I did not get the code", "Yes, confirm",
    };
    private static final String[] CONTACT_NAMES = {"Alex", "Sam", "Kim", "Robin", "Jordan", "Taylor"};

    private void planInbound(MessagePlan p, SplittableRandom r) {
        p.kind = MessagePlan.Kind.WHATSAPP_INBOUND;
        p.messageId = "wamid.GENIN" + String.format("%016X%016X", r.nextLong(), r.nextLong());
        p.origination = "+12065550151";
        p.phoneNumberId = "200000000000151";
        p.envelope = r.nextDouble() < 0.5 ? MessagePlan.Envelope.RAW : MessagePlan.Envelope.SNS;
        p.inboundText = INBOUND_TEXTS[r.nextInt(INBOUND_TEXTS.length)];
        p.contactName = CONTACT_NAMES[r.nextInt(CONTACT_NAMES.length)];
        p.addEvent("INBOUND", p.requestTime, true, false);
        transport(p, r, -1, -1);
    }

    // ---------------------------------------------------------------------------------------- transport

    /**
     * One record per event (CloudWatch Logs sometimes batches both final receipts into one record), each with a
     * transport delay that depends on the envelope plus random jitter (bounded disorder), a few hours-late ones,
     * and duplicates.
     */
    private void transport(MessagePlan p, SplittableRandom r, int firstFinal, int secondFinal) {
        boolean batchFinals = p.envelope == MessagePlan.Envelope.CLOUDWATCH_LOGS && secondFinal >= 0 && r.nextDouble() < 0.5;
        int n = p.events.size();
        for (int e = 0; e < n; e++) {
            if (batchFinals && e == firstFinal) {
                continue;
            }
            int[] carried = batchFinals && e == secondFinal ? new int[] {firstFinal, secondFinal} : new int[] {e};
            MessagePlan.Event ev = p.events.get(e);
            boolean feedback = ev.type.startsWith("FEEDBACK_");
            long base;
            if (feedback) {
                base = 50 + r.nextInt(500);
            } else {
                switch (p.envelope) {
                    case SNS: base = 100 + r.nextInt(900); break;
                    case EVENTBRIDGE: base = 500 + r.nextInt(1500); break;
                    case CLOUDWATCH_LOGS: base = 1000 + r.nextInt(9000); break;
                    default: base = 200 + r.nextInt(2800); break;
                }
            }
            long jitter = Math.min(60_000, (long) (-Math.log(1.0 - r.nextDouble()) * 3000));
            boolean late = r.nextDouble() < settings.lateShare;
            long lateBy = late ? HOUR + MINUTE + r.nextInt((int) (5 * HOUR)) : 0;
            MessagePlan.Record rec = p.addRecord(carried, ev.time + base + jitter + lateBy, late, null);
            if (r.nextDouble() < settings.duplicateShare) {
                p.addDuplicate(rec, rec.arrival + SECOND + r.nextInt((int) (5 * MINUTE)));
            }
        }
    }
}
