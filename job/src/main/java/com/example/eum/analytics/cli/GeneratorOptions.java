package com.example.eum.analytics.cli;

import com.example.eum.analytics.config.DurationFormat;
import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.InjectedIncident;

import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Traffic options shared by {@code local} and {@code generate}: what the built-in generator produces. */
public class GeneratorOptions {
    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "3m", converter = DurationOption.class,
            description = "Traffic to generate: span of message requests, in event time. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--rate", paramLabel = "MSGS_PER_S", defaultValue = "50", description = "Messages per second of event time. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "2m", converter = DurationOption.class,
            description = "Receipts and feedback keep arriving this long after the last request. Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "4",
            description = "Event time per wall-clock time: 1 = real time, 4 = four times faster, 0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Generator seed: the same seed gives the same traffic. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2025-06-02T14:00:00Z",
            description = "Event time of the first request (ISO-8601 instant, or 'now'). Default: ${DEFAULT-VALUE}.")
    String start;

    @Option(names = "--countries", paramLabel = "CC:WEIGHT,...", defaultValue = "US:40,IN:20,BR:10,GB:10,DE:10,ID:10",
            description = "Country mix, ISO code:weight. Default: ${DEFAULT-VALUE}.")
    String countries;

    @Option(names = "--incident", paramLabel = "SPEC",
            description = {"Inject an incident or decoy (repeatable), key=value pairs:",
                    "  carrier=310-260[,delivery=0.1]   carrier outage (mcc-mnc): its SMS fail as carrier-unreachable",
                    "  country=IN,delivery=0.3          whole-country delivery drop (may add conversion=)",
                    "  country=IN,conversion=0.4[,use-case=otp-login]   OTP conversion drop",
                    "  country=SL,pumping=5x|2/s[,prefix=+23276]   SMS pumping: extra OTPs to one prefix, never confirmed",
                    "  country=DE,spend=6x              spend spike: SMS grow to 6x their parts",
                    "  country=US,blast=6x              decoy: marketing blast, extra PROMOTIONAL SMS delivered normally",
                    "  country=BR,viral=3x              decoy: viral launch, extra OTPs converting normally",
                    "Each takes from=30m (offset from the start), for=1h (or to=) and label=NAME. Nx = the country's volume"
                            + " times N; an absolute rate (2/s, 30/min, 600/h) also works for a country not in --countries."})
    List<String> incidents = new ArrayList<>();

    @Option(names = "--generator", paramLabel = "KEY=VALUE",
            description = "Further generator settings: whatsapp-share, cbp-share (WhatsApp messages priced per "
                    + "conversation, as before July 2025), feedback-share, mms-share, inbound-share, "
                    + "duplicate-share, late-share, malformed-share (0..1); incident=SPEC[;SPEC...] as --incident.")
    Map<String, String> generatorExtras = new LinkedHashMap<>();

    /**
     * The generator settings these options describe. Every option is checked here, before a command touches any
     * output; a bad value is a usage error naming the option and what a valid value looks like.
     */
    GeneratorSettings settings() {
        if (duration.isZero()) {
            throw new Main.UserError("--duration must be positive, like 3m; got " + DurationFormat.format(duration));
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new Main.UserError("--rate must be a positive number of messages per second, like 50; got " + rate);
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new Main.UserError("--speed must be 0 (as fast as possible) or a positive factor, like 4; got " + speed);
        }
        if (!"now".equals(start)) {
            try {
                Instant.parse(start);
            } catch (DateTimeParseException e) {
                throw new Main.UserError("--start must be an ISO-8601 instant like 2025-06-02T14:00:00Z, or 'now'; got '" + start + "'");
            }
        }
        try {
            GeneratorSettings.parseCountryMix(countries);
        } catch (RuntimeException e) {
            throw new Main.UserError("--countries must be ISO code:weight pairs with positive weights, like US:40,IN:30,BR:30; got '"
                    + countries + "'");
        }
        for (String spec : incidents) {
            try {
                InjectedIncident.parseAll(spec);
            } catch (RuntimeException e) {
                throw new Main.UserError("--incident '" + spec + "': " + e.getMessage());
            }
        }
        for (Map.Entry<String, String> e : generatorExtras.entrySet()) {
            if ("incident".equals(e.getKey())) {
                continue;
            }
            try {
                Double.parseDouble(e.getValue());
            } catch (NumberFormatException notANumber) {
                throw new Main.UserError("--generator " + e.getKey() + " must be a number within 0..1; got '" + e.getValue() + "'");
            }
        }
        Map<String, String> o = new LinkedHashMap<>(generatorExtras);
        o.put("rate", Double.toString(rate));
        o.put("duration", duration.getSeconds() + "s");
        o.put("drain", drain.getSeconds() + "s");
        o.put("seed", Long.toString(seed));
        o.put("start", start);
        o.put("countries", countries);
        o.put("speed", Double.toString(speed));
        List<String> allIncidents = new ArrayList<>(incidents);
        if (generatorExtras.containsKey("incident")) {
            allIncidents.add(generatorExtras.get("incident"));
        }
        if (!allIncidents.isEmpty()) {
            o.put("incident", String.join(";", allIncidents));
        }
        try {
            return GeneratorSettings.fromOptions(o);
        } catch (RuntimeException e) {
            throw new Main.UserError("invalid traffic option: " + e.getMessage());
        }
    }

    /** One line for the console: what will be generated and how fast. */
    String describe() {
        long span = duration.plus(drain).getSeconds();
        return String.format("generating %s of traffic at %.0f messages/s (+%s of late receipts), seed %d, %s", human(duration), rate, human(drain), seed,
                speed > 0 ? String.format("about %.0f s of wall time", span / speed) : "as fast as possible");
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
