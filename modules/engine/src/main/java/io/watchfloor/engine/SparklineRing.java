package io.watchfloor.engine;

import io.watchfloor.model.Series;

/**
 * A bounded sparkline of one tile: at most {@code capacity} points covering {@code window}.
 *
 * <p>Time is cut into buckets of {@code window / capacity} aligned on the epoch; samples that fall into the same
 * bucket are averaged into one point. That one rule both down-samples a long series read from the cache
 * (an hour of 1 s samples becomes 120 points of 30 s) and keeps live polling from squeezing the window: a source
 * polled every second and one polled every minute both show the last hour. Samples older than the newest point
 * are ignored (a source re-reporting the same sample must not draw a flat tail). Not thread-safe: owned by
 * {@link WallState}, which guards it.
 */
final class SparklineRing {
    private final long[] times;
    private final double[] values;
    private final long bucketMillis;
    private final long windowMillis;
    private int head;
    private int size;
    private long lastBucket = Long.MIN_VALUE;
    private double lastSum;
    private int lastCount;
    private Series cached = Series.EMPTY;

    SparklineRing(int capacity, long windowMillis) {
        this.times = new long[capacity];
        this.values = new double[capacity];
        this.windowMillis = windowMillis;
        this.bucketMillis = Math.max(1, windowMillis / capacity);
    }

    void add(long timeMillis, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        long bucket = Math.floorDiv(timeMillis, bucketMillis);
        if (size > 0) {
            long newest = times[index(size - 1)];
            if (timeMillis <= newest) {
                return;
            }
            if (bucket == lastBucket) {
                lastSum += value;
                lastCount++;
                int i = index(size - 1);
                times[i] = timeMillis;
                values[i] = lastSum / lastCount;
                cached = null;
                dropOlderThan(timeMillis - windowMillis);
                return;
            }
        }
        if (size == times.length) {
            head = (head + 1) % times.length;
            size--;
        }
        int i = index(size);
        times[i] = timeMillis;
        values[i] = value;
        size++;
        lastBucket = bucket;
        lastSum = value;
        lastCount = 1;
        cached = null;
        dropOlderThan(timeMillis - windowMillis);
    }

    /** An immutable copy, oldest first; cached until the next add so unchanged tiles cost nothing per snapshot. */
    Series toSeries() {
        if (cached == null) {
            long[] t = new long[size];
            double[] v = new double[size];
            for (int k = 0; k < size; k++) {
                t[k] = times[index(k)];
                v[k] = values[index(k)];
            }
            cached = new Series(t, v);
        }
        return cached;
    }

    int size() {
        return size;
    }

    private void dropOlderThan(long cutoff) {
        while (size > 1 && times[head] < cutoff) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    private int index(int k) {
        return (head + k) % times.length;
    }
}
