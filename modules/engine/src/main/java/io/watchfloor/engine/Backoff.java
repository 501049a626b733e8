package io.watchfloor.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before polling a failing source again.
 *
 * <p>After {@code n} consecutive failures: {@code min(cap, interval * 2^(n-1))}, multiplied by a jitter factor
 * drawn uniformly from [0.8, 1.2], and never less than the interval. So one failure retries after about one
 * interval, then 2x, 4x ... up to the cap (5 min by default).
 *
 * <p>Why proportional +-20% jitter rather than full or decorrelated jitter: the jitter only has to pull apart
 * sources that failed together (a network blip takes every source down at once, and they must not come back in
 * lock step), and a wall has tens of sources, not thousands of clients. Full jitter could retry a broken source
 * almost at once and makes "next try in ~40 s" meaningless to the operator; a bounded factor keeps the
 * schedule both spread and predictable.
 *
 * <p>Thread-safe: the generator is only touched under a lock because most {@link RandomGenerator}s are not.
 * Deterministic in tests with a seeded or scripted generator.
 */
public final class Backoff {
    public static final double MIN_JITTER = 0.8;
    public static final double MAX_JITTER = 1.2;

    private final Duration cap;
    private final RandomGenerator random;

    public Backoff(Duration cap, RandomGenerator random) {
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
        if (cap.isNegative() || cap.isZero()) {
            throw new IllegalArgumentException("cap must be positive");
        }
    }

    /** Draws a jitter factor in [0.8, 1.2]; callers that retry a compare-and-set draw it once, outside the loop. */
    public double nextJitter() {
        synchronized (random) {
            return random.nextDouble(MIN_JITTER, Math.nextUp(MAX_JITTER));
        }
    }

    /** The wait after {@code failures} consecutive failures, with a fresh jitter draw. */
    public Duration delay(int failures, Duration interval) {
        return delay(failures, interval, nextJitter());
    }

    /** The wait after {@code failures} consecutive failures with the given jitter factor (clamped to [0.8, 1.2]). */
    public Duration delay(int failures, Duration interval, double jitter) {
        if (failures <= 0) {
            return interval;
        }
        long intervalMs = Math.max(1, interval.toMillis());
        long capMs = cap.toMillis();
        // 2^(n-1) overflows long quickly; anything past 2^40 intervals is far beyond any sane cap anyway.
        int shift = Math.min(failures - 1, 40);
        long grown = intervalMs > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : intervalMs << shift;
        long base = Math.min(capMs, grown);
        double factor = Math.max(MIN_JITTER, Math.min(MAX_JITTER, jitter));
        long jittered = Math.round(base * factor);
        return Duration.ofMillis(Math.max(intervalMs, jittered));
    }

    public Duration cap() {
        return cap;
    }
}
