package io.watchfloor.model.endpoint;

import io.watchfloor.model.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One LLM endpoint judged at a moment: what the Endpoints page, the wall band and the state JSON show.
 *
 * @param provider         provider wire name ("bedrock"), "unknown" when neither config nor readings say
 * @param reason           short operator text for the status ("probe: HTTP 503", "5xx 12%"); empty when UP
 * @param ageSeconds       age of the freshest reading the status was judged from (or, when nothing is fresh, of the
 *                         freshest reading there is); null when the endpoint has never been read
 * @param metrics          provider and probe metrics merged (the two never share a metric); a metric without a
 *                         reading is absent, never 0
 * @param probeOutcome     the probe's own words ("200 OK · 3 models", "connection refused"), null without a probe
 * @param latencyIsAverage the provider gives only an average latency (AVG_MS, no P50/P95): screens must say so
 * @param slaTargetPct     the uptime target, e.g. 99.5
 * @param configured       whether the endpoint is in the configuration (false: seen only in a source's readings)
 * @param demo             the readings come from the simulated DEMO source: screens must say so
 */
public record EndpointState(String id, String name, String provider, EndpointStatus status, String reason,
                            Double ageSeconds, Map<Metric, Double> metrics, String probeOutcome,
                            boolean latencyIsAverage, double slaTargetPct, boolean configured, boolean demo) {
    public EndpointState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        EnumMap<Metric, Double> m = new EnumMap<>(Metric.class);
        m.putAll(metrics);
        metrics = Collections.unmodifiableMap(m);
    }

    /** The value, or null when there is no reading. */
    public Double value(Metric metric) {
        return metrics.get(metric);
    }

    /** The latency figure to show and judge: p95, or the average where the provider has nothing else. */
    public Double latencyMs() {
        Double p95 = metrics.get(Metric.P95_MS);
        return p95 != null ? p95 : metrics.get(Metric.AVG_MS);
    }
}
