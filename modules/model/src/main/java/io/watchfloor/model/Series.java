package io.watchfloor.model;

/** A read-only time series (epoch millis, values) ordered by time; used for sparklines. */
public record Series(long[] times, double[] values) {
    public static final Series EMPTY = new Series(new long[0], new double[0]);

    public Series {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
    }

    public int size() {
        return times.length;
    }

    /** Cache series key of a tile's metric: "gpu-a1/gpu0|util_pct". */
    public static String key(String tileId, Metric metric) {
        return tileId + "|" + metric.wireName();
    }
}
