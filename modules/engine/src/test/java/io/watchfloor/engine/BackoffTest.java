package io.watchfloor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration TEN_S = Duration.ofSeconds(10);
    private final Backoff backoff = new Backoff(Duration.ofMinutes(5), new SplittableRandom(7));

    @Test
    void growsByDoublingFromTheInterval() {
        assertThat(backoff.delay(0, TEN_S, 1.0)).isEqualTo(TEN_S);
        assertThat(backoff.delay(1, TEN_S, 1.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(2, TEN_S, 1.0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delay(3, TEN_S, 1.0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(5, TEN_S, 1.0)).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void stopsAtTheCapEvenForHugeFailureCounts() {
        assertThat(backoff.delay(6, TEN_S, 1.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(1_000_000, TEN_S, 1.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(Integer.MAX_VALUE, Duration.ofDays(365), 1.0)).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void jitterStaysWithinTwentyPercentAndSpreads() {
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(backoff.delay(3, TEN_S).toMillis());
        }
        assertThat(seen).allSatisfy(ms -> assertThat(ms).isBetween(32_000L, 48_000L));
        assertThat(seen.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(33_000L);
        assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(47_000L);
        // at the cap the jitter still applies, so sources stuck together come apart
        long capped = backoff.delay(30, TEN_S, 1.2).toMillis();
        assertThat(capped).isEqualTo(360_000L);
    }

    @Test
    void neverBelowTheInterval() {
        assertThat(backoff.delay(1, TEN_S, 0.8)).isEqualTo(TEN_S);
        Backoff tightCap = new Backoff(Duration.ofSeconds(5), new SplittableRandom(1));
        assertThat(tightCap.delay(4, Duration.ofSeconds(30), 0.8)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterFactorsOutOfRangeAreClamped() {
        assertThat(backoff.delay(2, TEN_S, 5.0)).isEqualTo(Duration.ofSeconds(24));
        assertThat(backoff.delay(2, TEN_S, 0.0)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void deterministicWithAnInjectedGenerator() {
        Backoff a = new Backoff(Duration.ofMinutes(5), new SplittableRandom(42));
        Backoff b = new Backoff(Duration.ofMinutes(5), new SplittableRandom(42));
        for (int n = 1; n < 12; n++) {
            assertThat(a.delay(n, TEN_S)).isEqualTo(b.delay(n, TEN_S));
        }
        RandomGenerator lowest = () -> 0L;
        RandomGenerator highest = () -> -1L;
        assertThat(new Backoff(Duration.ofMinutes(5), lowest).nextJitter()).isEqualTo(0.8);
        assertThat(new Backoff(Duration.ofMinutes(5), highest).nextJitter()).isBetween(1.1999, 1.2);
    }

    @Test
    void rejectsANonPositiveCap() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
