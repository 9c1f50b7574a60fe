package com.example.eum.analytics.alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the rules remember about one key: rate baselines (conversion, failed share, Protect share, cost per
 * message), the
 * seasonal volume baseline, the spend history (only for keys SPEND_SURGE watches), both CUSUMs, and the open
 * incidents. About 1.5 KiB, plus 8 bytes per window of spend history. {@link #write}/{@link #read} give it a
 * versioned binary form for an explicit state serializer (no Java serialization, no Kryo).
 */
public final class KeyState {
    /** 2 added the new-key totals of SMS_PUMPING; version 1 reads with them at 0. */
    private static final int VERSION = 2;
    /** Weight of the account's cost norm in a key's cost per message, in messages. */
    static final double COST_PRIOR_MESSAGES = 50;

    final RateBaseline conversion;
    final RateBaseline failure;
    final RateBaseline protect;
    /** Cost per message: spend micros over messages, as a decayed ratio. */
    final RateBaseline cost;
    final VolumeBaseline volume;
    private RobustBaseline spend;
    final BernoulliCusum conversionCusum;
    final BernoulliCusum deliveryCusum;
    /** First window of the current run of windows with any pumping signal; MIN_VALUE when none. */
    long pumpingRunStart = Long.MIN_VALUE;
    /**
     * Totals of a key's windows while it has no volume baseline (a new country or prefix): SMS_PUMPING judges a new
     * key on everything it has sent so far, so low-and-slow traffic to a new prefix is seen within minutes.
     */
    long newKeyMessages;
    long newKeyTracked;
    long newKeyConverted;
    long newKeySpendMicros;
    long newKeyProtect;
    /** Tracked messages of the last window observed (its conversions spill into the next one). */
    long lastTracked;
    /** First window of the current run of windows the baselines did not learn from; MIN_VALUE when learning. */
    long learningPausedSince = Long.MIN_VALUE;
    /** End of the last window observed (windows at or before it are not observed again); MIN_VALUE when none. */
    long lastWindowEnd = Long.MIN_VALUE;
    final Map<AlertRule, AlertLifecycle> open;

    public KeyState() {
        this(new RateBaseline(), new RateBaseline(), new RateBaseline(), new RateBaseline(), new VolumeBaseline(), null,
                new BernoulliCusum(), new BernoulliCusum(), new EnumMap<>(AlertRule.class));
    }

    private KeyState(RateBaseline conversion, RateBaseline failure, RateBaseline protect, RateBaseline cost,
            VolumeBaseline volume,
            RobustBaseline spend, BernoulliCusum conversionCusum, BernoulliCusum deliveryCusum,
            Map<AlertRule, AlertLifecycle> open) {
        this.conversion = conversion;
        this.failure = failure;
        this.protect = protect;
        this.cost = cost;
        this.volume = volume;
        this.spend = spend;
        this.conversionCusum = conversionCusum;
        this.deliveryCusum = deliveryCusum;
        this.open = open;
    }

    /** The key's conversion baseline: its country's prior shrunk toward its own history. */
    public double conversionRate(AlertContext c, AlertKey key) {
        return conversion.estimate(c.priors.rate(RatePriors.Kind.CONVERSION, key.country()), c.settings.priorStrength);
    }

    /** The key's failed-final share baseline. */
    public double failureRate(AlertContext c, AlertKey key) {
        return failure.estimate(c.priors.rate(RatePriors.Kind.FAILURE, key.country()), c.settings.priorStrength);
    }

    /** The key's Protect recommended share baseline. */
    public double protectRate(AlertContext c, AlertKey key) {
        return protect.estimate(c.priors.rate(RatePriors.Kind.PROTECT, key.country()), c.settings.priorStrength);
    }

    /**
     * The key's usual cost per message, micro-USD: its own history shrunk toward the account's norm (worth
     * {@link #COST_PRIOR_MESSAGES} messages), so a new key is judged against the account; NaN when neither is known.
     */
    public double costPerMessage(AlertContext c) {
        double norm = c.accountCostPerMessageMicros;
        if (Double.isNaN(norm) || norm <= 0) {
            return cost.trials() > 0 ? cost.estimate(0, 0) : Double.NaN;
        }
        return cost.estimate(norm, COST_PRIOR_MESSAGES);
    }

    RobustBaseline spend(AlertSettings settings) {
        if (spend == null) {
            spend = new RobustBaseline(settings.spendHistoryWindows);
        }
        return spend;
    }

    /** Whether any incident is open on this key. */
    public boolean hasOpenIncident() {
        return !open.isEmpty();
    }

    /** End of the last window observed, epoch ms; MIN_VALUE before the first. */
    public long lastWindowEnd() {
        return lastWindowEnd;
    }

    /**
     * The messages the window's conversions are counted against: its tracked messages, with
     * {@link AlertSettings#conversionSpill} of them replaced by the previous window's (whose last messages
     * convert in this one); the previous window counts as empty when the key skipped it.
     */
    long conversionTrials(WindowCounts w, AlertSettings settings) {
        long previous = lastWindowEnd == w.windowStart ? lastTracked : 0;
        double spill = settings.conversionSpill(w.windowEnd - w.windowStart);
        return Math.round((1 - spill) * w.feedbackTracked + spill * previous);
    }

    /** Lets every baseline learn one window judged normal. */
    void learn(WindowCounts w, AlertSettings settings, boolean watchesSpend) {
        long halfLife = settings.historyHalfLife.toMillis();
        long trials = conversionTrials(w, settings);
        conversion.learn(Math.min(w.converted, trials), trials, w.windowEnd, halfLife);
        failure.learn(w.failedFinal, w.outcomes(), w.windowEnd, halfLife);
        protect.learn(w.protectRecommended, w.messages, w.windowEnd, halfLife);
        cost.learn(w.spendMicros, w.messages, w.windowEnd, halfLife);
        if (watchesSpend && volume.windows() >= settings.spendAfterVolumeWindows) {
            double season = volume.seasonalFactor(w.windowStart, settings);
            spend(settings).learn(Math.round(w.spendMicros / season));
        }
        volume.learn(w.messages, w.windowStart);
    }

    /** Writes the state in its versioned binary form. */
    public void write(DataOutput out) throws IOException {
        out.writeByte(VERSION);
        conversion.write(out);
        failure.write(out);
        protect.write(out);
        cost.write(out);
        volume.write(out);
        out.writeBoolean(spend != null);
        if (spend != null) {
            spend.write(out);
        }
        conversionCusum.write(out);
        deliveryCusum.write(out);
        out.writeLong(pumpingRunStart);
        out.writeLong(learningPausedSince);
        out.writeLong(lastWindowEnd);
        out.writeLong(newKeyMessages);
        out.writeLong(newKeyTracked);
        out.writeLong(newKeyConverted);
        out.writeLong(newKeySpendMicros);
        out.writeLong(newKeyProtect);
        out.writeLong(lastTracked);
        out.writeByte(open.size());
        for (Map.Entry<AlertRule, AlertLifecycle> e : open.entrySet()) {
            out.writeUTF(e.getKey().name());
            e.getValue().write(out);
        }
    }

    /** Reads what {@link #write} wrote, in this version or an earlier one. */
    public static KeyState read(DataInput in) throws IOException {
        int version = in.readByte();
        if (version < 1 || version > VERSION) {
            throw new IOException("unknown alert key state version " + version + " (this release reads 1 to " + VERSION
                    + ")");
        }
        RateBaseline conversion = RateBaseline.read(in);
        RateBaseline failure = RateBaseline.read(in);
        RateBaseline protect = RateBaseline.read(in);
        RateBaseline cost = RateBaseline.read(in);
        VolumeBaseline volume = VolumeBaseline.read(in);
        RobustBaseline spend = in.readBoolean() ? RobustBaseline.read(in) : null;
        BernoulliCusum conversionCusum = BernoulliCusum.read(in);
        BernoulliCusum deliveryCusum = BernoulliCusum.read(in);
        KeyState s = new KeyState(conversion, failure, protect, cost, volume, spend, conversionCusum, deliveryCusum,
                new EnumMap<>(AlertRule.class));
        s.pumpingRunStart = in.readLong();
        s.learningPausedSince = in.readLong();
        s.lastWindowEnd = in.readLong();
        if (version >= 2) {
            s.newKeyMessages = in.readLong();
            s.newKeyTracked = in.readLong();
            s.newKeyConverted = in.readLong();
            s.newKeySpendMicros = in.readLong();
            s.newKeyProtect = in.readLong();
            s.lastTracked = in.readLong();
        }
        int n = in.readByte();
        for (int i = 0; i < n; i++) {
            AlertRule rule = AlertRule.valueOf(in.readUTF());
            s.open.put(rule, AlertLifecycle.read(in));
        }
        return s;
    }
}
