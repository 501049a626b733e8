package io.watchfloor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Series;
import org.junit.jupiter.api.Test;

class SparklineRingTest {
    private static final long HOUR = 3_600_000L;
    private static final long BASE = 1_700_000_000_000L - (1_700_000_000_000L % 30_000); // a bucket boundary

    @Test
    void anHourOfSecondsIsDownSampledToTheBound() {
        SparklineRing ring = new SparklineRing(120, HOUR);
        for (int s = 0; s < 3600; s++) {
            ring.add(BASE + s * 1000L, s % 100);
        }
        Series series = ring.toSeries();
        assertThat(series.size()).isEqualTo(120);
        assertThat(series.times()).isSorted();
        // each point is the average of its 30 s bucket
        assertThat(series.values()[0]).isEqualTo(14.5);
    }

    @Test
    void neverHoldsMoreThanCapacityNorOlderThanTheWindow() {
        SparklineRing ring = new SparklineRing(10, HOUR);
        for (int i = 0; i < 10_000; i++) {
            ring.add(BASE + i * 7 * 60_000L, i);
            assertThat(ring.size()).isLessThanOrEqualTo(10);
        }
        Series s = ring.toSeries();
        long newest = s.times()[s.size() - 1];
        assertThat(s.times()[0]).isGreaterThanOrEqualTo(newest - HOUR);
    }

    @Test
    void ignoresRepeatedAndOutOfOrderSamplesAndNaN() {
        SparklineRing ring = new SparklineRing(120, HOUR);
        ring.add(BASE + 60_000, 10);
        ring.add(BASE + 60_000, 99);
        ring.add(BASE, 50);
        ring.add(BASE + 120_000, Double.NaN);
        assertThat(ring.toSeries().values()).containsExactly(10.0);
    }

    @Test
    void theSeriesIsCachedUntilTheNextSample() {
        SparklineRing ring = new SparklineRing(120, HOUR);
        ring.add(BASE, 1);
        Series first = ring.toSeries();
        assertThat(ring.toSeries()).isSameAs(first);
        ring.add(BASE + 60_000, 2);
        assertThat(ring.toSeries()).isNotSameAs(first);
        assertThat(first.size()).isEqualTo(1);
    }
}
