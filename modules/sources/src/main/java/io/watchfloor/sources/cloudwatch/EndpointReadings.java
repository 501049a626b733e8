package io.watchfloor.sources.cloudwatch;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * One endpoint's datapoints turned into the normalised endpoint signals.
 *
 * <p>All figures come from one period: the newest one in which any count (invocations, errors, throttles) has a
 * datapoint. Taking each metric's own newest datapoint instead would divide errors of one minute by requests of
 * another. Within that period a count without a datapoint was zero: CloudWatch publishes nothing, rather than 0,
 * for a minute without errors or throttles.
 */
final class EndpointReadings {
    private EndpointReadings() {
    }

    /**
     * @param series datapoints per signal of this endpoint (absent: no datapoint in the window)
     */
    static Reading reading(EndpointConfig endpoint, Map<Signal, NavigableMap<Instant, Double>> series,
                           PollWindow window, String sourceId) {
        Instant at = newestCountPeriod(series);
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        if (at == null) {
            // no request at all in the window: no traffic, which is not 0% errors
            m.put(Metric.REQUESTS_PM, 0.0);
            putNewest(m, Metric.UTIL_PCT, series.get(Signal.GPU_UTIL));
            return reading(endpoint, window.latestPeriodStart(), m, sourceId);
        }
        double invocations = count(series, Signal.INVOCATIONS, at);
        double clientErrors = count(series, Signal.CLIENT_ERRORS, at);
        double serverErrors = count(series, Signal.SERVER_ERRORS, at);
        m.put(Metric.REQUESTS_PM, window.perMinute(invocations));
        if (invocations > 0) {
            // Invocations counts every request the provider accepted, failed ones included
            m.put(Metric.ERROR_PCT, 100 * (clientErrors + serverErrors) / invocations);
            m.put(Metric.CLIENT_ERROR_PCT, 100 * clientErrors / invocations);
            m.put(Metric.SERVER_ERROR_PCT, 100 * serverErrors / invocations);
        }
        if (hasSignal(endpoint, Signal.THROTTLES)) {
            double throttles = count(series, Signal.THROTTLES, at);
            // Throttled requests are not in Invocations (Bedrock rejects them before accepting them), so the share
            // of throttled requests is taken of everything that was sent: accepted plus throttled.
            if (invocations + throttles > 0) {
                m.put(Metric.THROTTLE_PCT, 100 * throttles / (invocations + throttles));
            }
        }
        latency(endpoint, series, at, m);
        Double tokensIn = at(series, Signal.TOKENS_IN, at);
        Double tokensOut = at(series, Signal.TOKENS_OUT, at);
        m.put(Metric.TOKENS_IN_PM, tokensIn == null ? null : window.perMinute(tokensIn));
        m.put(Metric.TOKENS_OUT_PM, tokensOut == null ? null : window.perMinute(tokensOut));
        putNewest(m, Metric.UTIL_PCT, series.get(Signal.GPU_UTIL));
        return reading(endpoint, at, m, sourceId);
    }

    /**
     * p50/p95 when CloudWatch has percentiles, else the average (views say it is one). SageMaker's ModelLatency
     * leaves out SageMaker's own overhead; its mean OverheadLatency is added so that SageMaker latencies compare
     * with Bedrock's InvocationLatency, which is measured at the service's edge. The overhead is small and steady,
     * so adding its mean shifts the percentiles without changing their shape much.
     */
    private static void latency(EndpointConfig endpoint, Map<Signal, NavigableMap<Instant, Double>> series,
                                Instant at, Map<Metric, Double> m) {
        Double overhead = scaled(endpoint, series, Signal.OVERHEAD_AVG, at);
        double extra = overhead == null ? 0 : overhead;
        Double p50 = scaled(endpoint, series, Signal.LATENCY_P50, at);
        Double p95 = scaled(endpoint, series, Signal.LATENCY_P95, at);
        if (p50 != null || p95 != null) {
            m.put(Metric.P50_MS, p50 == null ? null : p50 + extra);
            m.put(Metric.P95_MS, p95 == null ? null : p95 + extra);
            return;
        }
        Double avg = scaled(endpoint, series, Signal.LATENCY_AVG, at);
        m.put(Metric.AVG_MS, avg == null ? null : avg + extra);
    }

    private static Instant newestCountPeriod(Map<Signal, NavigableMap<Instant, Double>> series) {
        Instant newest = null;
        for (Signal s : Set.of(Signal.INVOCATIONS, Signal.CLIENT_ERRORS, Signal.SERVER_ERRORS, Signal.THROTTLES)) {
            NavigableMap<Instant, Double> points = series.get(s);
            if (points != null && !points.isEmpty() && (newest == null || points.lastKey().isAfter(newest))) {
                newest = points.lastKey();
            }
        }
        return newest;
    }

    private static double count(Map<Signal, NavigableMap<Instant, Double>> series, Signal signal, Instant at) {
        Double v = at(series, signal, at);
        return v == null ? 0 : v;
    }

    private static Double at(Map<Signal, NavigableMap<Instant, Double>> series, Signal signal, Instant at) {
        NavigableMap<Instant, Double> points = series.get(signal);
        return points == null ? null : points.get(at);
    }

    private static Double scaled(EndpointConfig endpoint, Map<Signal, NavigableMap<Instant, Double>> series,
                                 Signal signal, Instant at) {
        Double v = at(series, signal, at);
        if (v == null) {
            return null;
        }
        for (MetricQuery q : ProviderMetrics.queries(endpoint.provider())) {
            if (q.signal() == signal) {
                return v * q.toMillis();
            }
        }
        return v;
    }

    /** Instance gauges are not tied to traffic: the newest value in the window. */
    private static void putNewest(Map<Metric, Double> m, Metric metric, NavigableMap<Instant, Double> points) {
        if (points != null && !points.isEmpty()) {
            m.put(metric, points.lastEntry().getValue());
        }
    }

    private static boolean hasSignal(EndpointConfig endpoint, Signal signal) {
        return ProviderMetrics.queries(endpoint.provider()).stream().anyMatch(q -> q.signal() == signal);
    }

    private static Reading reading(EndpointConfig endpoint, Instant at, Map<Metric, Double> m, String sourceId) {
        return new Reading(TileKey.endpoint(endpoint.id()), endpoint.describe(), sourceId, at, m, Set.of());
    }
}
