package com.example.eum.analytics.metrics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencySketchTest {

    /** The value at rank ceil(q * n) of the sorted sample (1-based). */
    private static long nearestRank(List<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = Math.max(1, (int) Math.ceil(q * sorted.size()));
        return sorted.get(rank - 1);
    }

    private static LatencySketch sketchOf(List<Long> values) {
        LatencySketch s = new LatencySketch();
        values.forEach(s::add);
        return s;
    }

    @Test
    void emptySketchHasNoQuantile() {
        LatencySketch s = new LatencySketch();
        assertThat(s.quantile(0.5)).isNull();
        assertThat(s.count).isZero();
        assertThat(s.size()).isZero();
    }

    @Test
    void identicalValuesAreExact() {
        LatencySketch s = new LatencySketch();
        for (int i = 0; i < 1000; i++) {
            s.add(12_345);
        }
        assertThat(s.quantile(0.5)).isEqualTo(12_345L);
        assertThat(s.quantile(0.95)).isEqualTo(12_345L);
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.count).isEqualTo(1000);
    }

    @Test
    void smallValuesAreExactAndRanksAreNearestRank() {
        // 1..10: p50 = value at rank 5 = 5, p95 = rank ceil(9.5) = 10
        LatencySketch s = new LatencySketch();
        for (long v = 10; v >= 1; v--) {
            s.add(v);
        }
        assertThat(s.quantile(0.5)).isEqualTo(5L);
        assertThat(s.quantile(0.95)).isEqualTo(10L);
        assertThat(s.quantile(0.0)).isEqualTo(1L);
        assertThat(s.quantile(1.0)).isEqualTo(10L);
    }

    @Test
    void nonPositiveLatenciesCountAsZero() {
        LatencySketch s = new LatencySketch();
        s.add(-40);
        s.add(0);
        s.add(900);
        // sorted: 0, 0, 900 -> p50 = rank 2 = 0, p95 = rank 3 = 900
        assertThat(s.zeroCount).isEqualTo(2);
        assertThat(s.quantile(0.5)).isZero();
        assertThat(s.quantile(0.95)).isEqualTo(900L);
    }

    @Test
    void mergeEqualsAddingEverythingToOneSketch() {
        LatencySketch a = sketchOf(List.of(5L, 70L, 1_000L, 1_000L, 250_000L));
        LatencySketch b = sketchOf(List.of(0L, 70L, 3_600_000L));
        LatencySketch all = sketchOf(List.of(5L, 70L, 1_000L, 1_000L, 250_000L, 0L, 70L, 3_600_000L));
        a.merge(b);
        assertThat(a.indices).containsExactly(all.indices);
        assertThat(a.counts).containsExactly(all.counts);
        assertThat(a.count).isEqualTo(8);
        assertThat(a.zeroCount).isEqualTo(1);
        assertThat(a.min).isZero();
        assertThat(a.max).isEqualTo(3_600_000L);
        // sorted: 0 5 70 70 1000 1000 250000 3600000 -> p50 = rank 4 = 70
        assertThat(a.quantile(0.5)).isEqualTo(70L);
    }

    @Test
    void mergingAnEmptySketchChangesNothing() {
        LatencySketch a = sketchOf(List.of(42L));
        a.merge(new LatencySketch());
        new LatencySketch().merge(new LatencySketch());
        assertThat(a.quantile(0.5)).isEqualTo(42L);
        assertThat(a.min).isEqualTo(42L);
        assertThat(a.count).isEqualTo(1);
    }

    @Test
    void storageIsBoundedWhateverTheInput() {
        LatencySketch s = new LatencySketch();
        // every millisecond value from 1 ms to 72 h, sampled densely at the low end and geometrically above
        for (long v = 1; v <= 72L * 3600 * 1000; v = v < 10_000 ? v + 1 : v + v / 500) {
            s.add(v);
        }
        s.add(Long.MAX_VALUE);
        assertThat(s.size()).isLessThanOrEqualTo(LatencySketch.MAX_BUCKETS);
        // below 100 ms at most one integer per bucket: 100 buckets; 100 ms .. 72 h (2.592e8 ms) in 0.5% buckets:
        // ln(2.592e6) / ln(1.01005) = 14.77 / 0.0100 ~ 1,470 buckets; plus one for Long.MAX_VALUE: ~1,571
        assertThat(s.size()).isBetween(1_550, 1_600);
        assertThat(LatencySketch.MAX_BUCKETS).isBetween(4_300, 4_400);
    }

    @Test
    void rejectsQuantilesOutsideZeroToOne() {
        LatencySketch s = sketchOf(List.of(1L));
        assertThatThrownBy(() -> s.quantile(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }

    @Property(tries = 300)
    void p50AndP95AreWithinOnePercentOfNearestRank(
            @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = 300_000_000L) Long> values) {
        LatencySketch s = sketchOf(values);
        for (double q : new double[] {0.5, 0.95}) {
            long exact = nearestRank(values, q);
            long estimate = s.quantile(q);
            assertThat((double) Math.abs(estimate - exact)).as("q=%s exact=%s", q, exact)
                    .isLessThanOrEqualTo(0.01 * exact);
        }
        assertThat(s.count).isEqualTo(values.size());
        assertThat(s.size()).isLessThanOrEqualTo(values.size());
    }

    @Property(tries = 200)
    void smallLatenciesAreExact(@ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 99) Long> values) {
        LatencySketch s = sketchOf(values);
        assertThat(s.quantile(0.5)).isEqualTo(nearestRank(values, 0.5));
        assertThat(s.quantile(0.95)).isEqualTo(nearestRank(values, 0.95));
    }

    @Property(tries = 100)
    void mergedHalvesGiveTheSameQuantilesAsOneSketch(
            @ForAll @Size(min = 2, max = 300) List<@LongRange(min = 0, max = 10_000_000L) Long> values,
            @ForAll @IntRange(min = 0, max = 300) int cut) {
        int at = Math.min(cut, values.size());
        LatencySketch left = sketchOf(values.subList(0, at));
        left.merge(sketchOf(values.subList(at, values.size())));
        LatencySketch whole = sketchOf(values);
        assertThat(left.quantile(0.5)).isEqualTo(whole.quantile(0.5));
        assertThat(left.quantile(0.95)).isEqualTo(whole.quantile(0.95));
        assertThat(left.indices).containsExactly(whole.indices);
    }

    @Test
    void aTakenBackSampleLeavesNoBucketBehind() {
        LatencySketch s = new LatencySketch();
        s.add(800);
        s.add(76_000);
        s.add(76_000, -1);
        assertThat(s.count).isEqualTo(1);
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.quantile(0.95)).isEqualTo(800L);
        LatencySketch back = new LatencySketch();
        back.add(800, -1);
        s.merge(back);
        assertThat(s.count).isZero();
        assertThat(s.size()).isZero();
        assertThat(s.quantile(0.5)).isNull();
    }

    @Test
    void theHistogramIsTheBucketsWithZeroLatencyUnderMinusOne() {
        LatencySketch s = new LatencySketch();
        s.add(0);
        s.add(800);
        s.add(800);
        double gamma = 1.005 / 0.995;
        int bucket = (int) Math.ceil(Math.log(800) / Math.log(gamma));
        assertThat(s.histogram()).containsExactly(java.util.Map.entry(LatencySketch.ZERO_BUCKET, 1L), java.util.Map.entry(bucket, 2L));
        assertThat(Math.abs(2 * Math.pow(gamma, bucket) / (gamma + 1) - 800)).isLessThan(800 * 0.005);
    }
}
