package com.example.eum.analytics.generator;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry points of the generator outside Flink: write N minutes of traffic to a replay file, or put it into a
 * Kinesis stream, then print the ground truth table. The CLI calls {@link #settings(Map)} and the writers; this
 * class also runs standalone:
 *
 * <pre>
 *   GeneratorMain --out traffic.jsonl.gz [options]
 *   GeneratorMain --to-kinesis STREAM --region us-east-1 [--endpoint http://localhost:4567] [options]
 *   options: --rate 50 --duration 10m --drain 10m --seed 42 --start 2025-06-02T14:00:00Z|now
 *            --countries US:40,IN:20 --whatsapp-share 0.2 --feedback-share 0.3 --mms-share 0.1
 *            --inbound-share 0.03 --duplicate-share 0.015 --late-share 0.005 --malformed-share 0.005
 *            --incident country=IN,from=10m,delivery=0.4,conversion=0.2 --speed 0 --max-records 0
 * </pre>
 */
public final class GeneratorMain {
    private GeneratorMain() {}

    /** Settings from option names (without leading dashes) to values; unknown names are rejected. */
    public static GeneratorSettings settings(Map<String, String> options) {
        GeneratorSettings s = new GeneratorSettings();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "rate": s.rate = Double.parseDouble(v); break;
                case "duration": s.duration = "unbounded".equals(v) ? null : GeneratorSettings.parseDuration(v); break;
                case "drain": s.drain = GeneratorSettings.parseDuration(v); break;
                case "seed": s.seed = Long.parseLong(v); break;
                case "start": s.startTime = "now".equals(v) ? System.currentTimeMillis() : Instant.parse(v).toEpochMilli(); break;
                case "countries": s.countryMix = GeneratorSettings.parseCountryMix(v); break;
                case "whatsapp-share": s.whatsappShare = share(v); break;
                case "feedback-share": s.feedbackShare = share(v); break;
                case "mms-share": s.mmsShare = share(v); break;
                case "inbound-share": s.inboundShare = share(v); break;
                case "duplicate-share": s.duplicateShare = share(v); break;
                case "late-share": s.lateShare = share(v); break;
                case "malformed-share": s.malformedShare = share(v); break;
                case "incident": s.incident = GeneratorSettings.Incident.parse(v); break;
                case "speed": s.speed = Double.parseDouble(v); break;
                default: throw new IllegalArgumentException("unknown generator option --" + e.getKey());
            }
        }
        if (s.whatsappShare + s.inboundShare > 1) {
            throw new IllegalArgumentException("whatsapp-share + inbound-share must not exceed 1");
        }
        return s;
    }

    private static double share(String v) {
        double d = Double.parseDouble(v);
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException("a share must be within 0..1, got " + v);
        }
        return d;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unexpected arguments " + rest + "; options are --name value");
        }
        String out = opts.remove("out");
        String stream = opts.remove("to-kinesis");
        String region = opts.remove("region");
        String endpoint = opts.remove("endpoint");
        String max = opts.remove("max-records");
        GeneratorSettings settings = settings(opts);
        PrintStream console = System.out;
        if ((out == null) == (stream == null)) {
            throw new IllegalArgumentException("give exactly one of --out FILE or --to-kinesis STREAM");
        }
        if (out != null) {
            ReplayFileWriter.write(settings, Paths.get(out), new Progress(console, "replay " + out, 5000));
        } else {
            try (KinesisWriter w = new KinesisWriter(KinesisWriter.client(region == null ? "us-east-1" : region, endpoint, null), stream)) {
                w.write(settings, max == null ? 0 : Long.parseLong(max), new Progress(console, "kinesis " + stream, 5000));
            }
        }
        if (settings.isBounded()) {
            console.println(GroundTruthTable.format(GroundTruth.of(settings)));
        }
    }
}
