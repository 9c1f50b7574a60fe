package com.example.eum.analytics.decode;

import com.example.eum.analytics.model.RawRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-thread decode throughput over the sample records (test resources samples/) (a benchmark, not a test). Run from the repository root:
 * <pre>
 * mvn -B -q -o -f job/pom.xml test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp "job/target/test-classes:job/target/classes:$(cat job/target/test-cp.txt)" \
 *   com.example.eum.analytics.decode.DecodeThroughput [seconds]
 * </pre>
 */
public final class DecodeThroughput {
    private DecodeThroughput() {}

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        RecordDecoder d = Samples.decoder();
        List<RawRecord> records = new ArrayList<>();
        for (Path p : Samples.all()) {
            records.add(Samples.record(Samples.bytes(p.getFileName().toString())));
        }
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (RawRecord r : records) {
                d.decode(r);
            }
        }
        long n = 0;
        long events = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (RawRecord r : records) {
                events += d.decode(r).events().size();
                n++;
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("records/s=%.0f events/s=%.0f (%d sample files, %.1f s, 1 thread)%n", n / s, events / s, records.size(), s);
    }
}
