package io.watchfloor.usage.report;

import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import io.watchfloor.usage.ledger.GpuHour;
import io.watchfloor.usage.ledger.UsageSums;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;

/** Trend lines from ledger steps; a step without rows stays NaN (a gap in the chart, never a zero). */
final class Trends {
    static final long HOUR_MILLIS = 3_600_000L;

    /** The usage metrics, in the order reports list them. */
    static final List<TrendMetric> USAGE_METRICS = List.of(TrendMetric.REQUESTS, TrendMetric.TOKENS_IN,
            TrendMetric.TOKENS_OUT, TrendMetric.ERRORS, TrendMetric.THROTTLES, TrendMetric.P50_MS,
            TrendMetric.P95_MS);

    private Trends() {
    }

    /** Step starts from {@code from}, the last step possibly cut short by {@code to}. */
    static long[] bucketStarts(Instant from, Instant to, long stepMillis) {
        if (stepMillis <= 0) {
            throw new IllegalArgumentException("a trend step must be positive, was " + stepMillis + " ms");
        }
        long f = from.toEpochMilli();
        long span = Math.max(0, to.toEpochMilli() - f);
        int n = (int) ((span + stepMillis - 1) / stepMillis);
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = f + i * stepMillis;
        }
        return starts;
    }

    static TrendSeries usage(String subject, TrendMetric metric, long[] starts, long stepMillis,
                             NavigableMap<Long, UsageSums> steps) {
        double[] values = new double[starts.length];
        for (int i = 0; i < starts.length; i++) {
            UsageSums s = steps.get(starts[i]);
            values[i] = s == null ? Double.NaN : value(metric, s);
        }
        return new TrendSeries(subject, metric, stepMillis, starts, values);
    }

    /** Idle-but-held share of all observed GPU time in each step, in percent. */
    static TrendSeries idleHeld(String subject, long[] starts, long stepMillis, List<GpuHour> hours) {
        double[] idle = new double[starts.length];
        double[] observed = new double[starts.length];
        long first = starts.length == 0 ? 0 : starts[0];
        for (GpuHour g : hours) {
            long t = g.hour().toEpochMilli();
            if (starts.length == 0 || t < first) {
                continue;
            }
            int i = (int) ((t - first) / stepMillis);
            if (i < starts.length) {
                idle[i] += g.idleHeldMillis();
                observed[i] += g.observedMillis();
            }
        }
        double[] values = new double[starts.length];
        Arrays.setAll(values, i -> observed[i] > 0 ? 100.0 * idle[i] / observed[i] : Double.NaN);
        return new TrendSeries(subject, TrendMetric.GPU_IDLE_HELD_PCT, stepMillis, starts, values);
    }

    private static double value(TrendMetric metric, UsageSums s) {
        return switch (metric) {
            case REQUESTS -> s.requests();
            case TOKENS_IN -> s.tokensIn();
            case TOKENS_OUT -> s.tokensOut();
            case ERRORS -> s.errors();
            case THROTTLES -> s.throttles();
            case P50_MS -> s.p50Weight() > 0 ? s.p50Sum() / s.p50Weight() : Double.NaN;
            case P95_MS -> s.p95Weight() > 0 ? s.p95Sum() / s.p95Weight() : Double.NaN;
            case GPU_IDLE_HELD_PCT -> throw new IllegalArgumentException("GPU idle time is not in the usage ledger's"
                    + " endpoint steps");
        };
    }
}
