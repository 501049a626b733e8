package io.watchfloor.sources.prometheus;

import io.watchfloor.model.Metric;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one endpoint's answers (per-second rates, seconds, fractions, split by status where asked) into the
 * normalised endpoint metrics. Pure: the samples may come from the API or from a test. A signal without a finite
 * value leaves its metric absent; percentages need traffic (no requests in the window: no error rate).
 */
final class EndpointReadings {
    private static final double PER_MINUTE = 60.0;

    /** TGI's error kinds answered with a 4xx that is the caller's doing (422 Unprocessable Entity). */
    static final Set<String> TGI_CLIENT_ERRORS =
            Set.of("validation", "template_error", "missing_template_variable", "tool_error");
    /** TGI answers 429 when its concurrency limit is reached. */
    static final String TGI_THROTTLED = "overloaded";
    /** The caller went away before its request was scheduled: not a failure of the endpoint. */
    static final String TGI_DROPPED = "dropped";

    private EndpointReadings() {
    }

    /**
     * @param answers per signal, the samples this endpoint got (labels other than the grouping one are ignored)
     */
    static Map<Metric, Double> metrics(EndpointTarget.Server server,
                                       Map<EndpointSignal, List<QueryResult.Sample>> answers) {
        Answers a = new Answers(answers);
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        switch (server) {
            case VLLM -> {
                m.put(Metric.REQUESTS_RUNNING, a.value(EndpointSignal.VLLM_RUNNING));
                m.put(Metric.REQUESTS_WAITING, a.value(EndpointSignal.VLLM_WAITING));
                m.put(Metric.KV_CACHE_PCT, times(a.value(EndpointSignal.VLLM_KV_CACHE), 100));
                m.put(Metric.P50_MS, times(a.value(EndpointSignal.VLLM_P50), 1000));
                m.put(Metric.P95_MS, times(a.value(EndpointSignal.VLLM_P95), 1000));
                m.put(Metric.TOKENS_IN_PM, times(a.value(EndpointSignal.VLLM_PROMPT_TOKENS), PER_MINUTE));
                m.put(Metric.TOKENS_OUT_PM, times(a.value(EndpointSignal.VLLM_GENERATION_TOKENS), PER_MINUTE));
                Map<String, Double> byStatus = a.byLabel(EndpointSignal.VLLM_HTTP_BY_STATUS, "status");
                if (!byStatus.isEmpty()) {
                    statusSplit(byStatus, m);
                } else {
                    m.put(Metric.REQUESTS_PM, times(a.value(EndpointSignal.VLLM_FINISHED), PER_MINUTE));
                }
            }
            case TGI -> {
                m.put(Metric.REQUESTS_RUNNING, a.value(EndpointSignal.TGI_RUNNING));
                m.put(Metric.REQUESTS_WAITING, a.value(EndpointSignal.TGI_WAITING));
                m.put(Metric.P50_MS, times(a.value(EndpointSignal.TGI_P50), 1000));
                m.put(Metric.P95_MS, times(a.value(EndpointSignal.TGI_P95), 1000));
                m.put(Metric.TOKENS_IN_PM, times(a.value(EndpointSignal.TGI_INPUT_TOKENS), PER_MINUTE));
                m.put(Metric.TOKENS_OUT_PM, times(a.value(EndpointSignal.TGI_GENERATED_TOKENS), PER_MINUTE));
                tgiSplit(a.value(EndpointSignal.TGI_REQUESTS), a.byLabel(EndpointSignal.TGI_FAILURES_BY_ERR, "err"), m);
            }
            case VERTEX -> {
                // prediction_latencies is already in milliseconds
                m.put(Metric.P50_MS, a.value(EndpointSignal.VERTEX_P50));
                m.put(Metric.P95_MS, a.value(EndpointSignal.VERTEX_P95));
                Map<String, Double> byCode = a.byLabel(EndpointSignal.VERTEX_RESPONSES_BY_CODE, "response_code");
                if (!byCode.isEmpty()) {
                    statusSplit(byCode, m);
                }
            }
            case BLACKBOX -> {
                m.put(Metric.AVAILABILITY_PCT, times(a.value(EndpointSignal.PROBE_SUCCESS), 100));
                m.put(Metric.AVG_MS, times(a.value(EndpointSignal.PROBE_DURATION), 1000));
            }
        }
        m.values().removeIf(v -> v == null || !Double.isFinite(v));
        return m;
    }

    /**
     * Requests per second by HTTP status, exact ("429") or grouped by class ("4xx", as vLLM's instrumentator does).
     * Throttles are only known when codes are exact; with classes, 429s stay inside the client errors.
     */
    static void statusSplit(Map<String, Double> perSecondByStatus, Map<Metric, Double> out) {
        double total = 0;
        double client = 0;
        double server = 0;
        boolean exact = false;
        for (Map.Entry<String, Double> e : perSecondByStatus.entrySet()) {
            String code = e.getKey().strip();
            double rate = e.getValue();
            total += rate;
            exact |= code.matches("\\d{3}");
            if (code.startsWith("4")) {
                client += rate;
            } else if (code.startsWith("5")) {
                server += rate;
            }
        }
        Double throttled = exact ? perSecondByStatus.getOrDefault("429", 0.0) : null;
        if (throttled != null) {
            client -= throttled;
        }
        out.put(Metric.REQUESTS_PM, total * PER_MINUTE);
        percentages(total, client, server, throttled, out);
    }

    /** TGI: every request is counted; failures are counted by kind, and a kind never seen has no series (zero). */
    static void tgiSplit(Double requestsPerSecond, Map<String, Double> failuresByKind, Map<Metric, Double> out) {
        if (requestsPerSecond == null) {
            return;
        }
        double client = 0;
        double server = 0;
        double throttled = 0;
        for (Map.Entry<String, Double> e : failuresByKind.entrySet()) {
            String kind = e.getKey();
            if (kind.equals(TGI_THROTTLED)) {
                throttled += e.getValue();
            } else if (TGI_CLIENT_ERRORS.contains(kind)) {
                client += e.getValue();
            } else if (!kind.equals(TGI_DROPPED)) {
                server += e.getValue();
            }
        }
        out.put(Metric.REQUESTS_PM, requestsPerSecond * PER_MINUTE);
        percentages(requestsPerSecond, client, server, throttled, out);
    }

    /** Errors (client plus server, throttles apart) in percent of all requests; nothing without traffic. */
    private static void percentages(double total, double client, double server, Double throttled,
                                    Map<Metric, Double> out) {
        if (!(total > 0)) {
            return;
        }
        out.put(Metric.CLIENT_ERROR_PCT, 100 * Math.max(0, client) / total);
        out.put(Metric.SERVER_ERROR_PCT, 100 * server / total);
        out.put(Metric.ERROR_PCT, 100 * (Math.max(0, client) + server) / total);
        if (throttled != null) {
            out.put(Metric.THROTTLE_PCT, 100 * throttled / total);
        }
    }

    private static Double times(Double v, double factor) {
        return v == null ? null : v * factor;
    }

    /** Lookup helpers over one endpoint's samples; non-finite values (NaN quantiles) count as no answer. */
    private record Answers(Map<EndpointSignal, List<QueryResult.Sample>> bySignal) {
        /** The single value of an aggregated signal, or null. */
        Double value(EndpointSignal s) {
            for (QueryResult.Sample sample : bySignal.getOrDefault(s, List.of())) {
                if (Double.isFinite(sample.value())) {
                    return sample.value();
                }
            }
            return null;
        }

        /** Values of a signal grouped by one label ("status" -> rate); series without the label are left out. */
        Map<String, Double> byLabel(EndpointSignal s, String label) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (QueryResult.Sample sample : bySignal.getOrDefault(s, List.of())) {
                String key = sample.labels().get(label);
                if (key != null && Double.isFinite(sample.value())) {
                    out.merge(key, sample.value(), Double::sum);
                }
            }
            return out;
        }
    }
}
