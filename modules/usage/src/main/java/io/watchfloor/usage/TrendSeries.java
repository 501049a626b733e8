package io.watchfloor.usage;

import java.util.Objects;

/**
 * One metric over a window in equal steps, for charts. A step without data is NaN, which charts draw as a break in
 * the line (a gap, not a drop to zero).
 *
 * @param subject      endpoint id, or "" for the sum over the report's endpoints
 * @param bucketStarts epoch millis of each step's start
 */
public record TrendSeries(String subject, TrendMetric metric, long stepMillis, long[] bucketStarts, double[] values) {
    public TrendSeries {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(metric, "metric");
        if (bucketStarts.length != values.length) {
            throw new IllegalArgumentException("bucketStarts and values differ in length");
        }
    }

    public int size() {
        return values.length;
    }
}
