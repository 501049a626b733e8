package io.watchfloor.sources.prometheus;

import static io.watchfloor.sources.prometheus.PromQl.select;

import io.watchfloor.sources.prometheus.EndpointTarget.Server;
import java.util.function.UnaryOperator;

/**
 * Every instant query asked about LLM endpoints, one per signal and server kind. Each expression is written for
 * one endpoint's label matchers and answers in the server's own units (per second, seconds, fractions);
 * {@link EndpointReadings} converts to the console's units. Aggregations collapse replicas behind one selector.
 * An expression that matches nothing answers an empty vector, which leaves the metric absent, never zero.
 *
 * <p>Metric names:
 * <ul>
 *   <li>vLLM: "Production Metrics" (docs.vllm.ai/en/stable/usage/metrics) and docs/design/metrics.md of
 *       vllm-project/vllm (V1 engine). {@code vllm:kv_cache_usage_perc} replaced {@code vllm:gpu_cache_usage_perc}
 *       (both 0-1, "1 means 100 percent"). The API server also exports {@code http_requests_total{handler, method,
 *       status}} through prometheus-fastapi-instrumentator, with status grouped as "2xx".."5xx" by default.</li>
 *   <li>TGI: "Metrics" reference of text-generation-inference (huggingface.co/docs/text-generation-inference/
 *       reference/metrics); failures are {@code tgi_request_failure{err=...}} counted by the router.</li>
 *   <li>Vertex AI: Cloud Monitoring metrics {@code aiplatform.googleapis.com/prediction/online/response_count}
 *       (DELTA INT64, label response_code) and {@code .../prediction_latencies} (DELTA DISTRIBUTION in ms, label
 *       latency_type overhead|model|total) on the monitored resource aiplatform.googleapis.com/Endpoint. PromQL
 *       names follow Google's "Mapping Cloud Monitoring metrics to PromQL": the first "/" becomes ":", every other
 *       "." and "/" becomes "_", and a distribution is read as a histogram through its {@code _bucket} series.</li>
 *   <li>Probes: blackbox_exporter's {@code probe_success} and {@code probe_duration_seconds}; a plain scrape
 *       target's {@code up} when there is no probe.</li>
 * </ul>
 */
enum EndpointSignal {
    VLLM_RUNNING(Server.VLLM, "requests running", m -> "sum(" + select("vllm:num_requests_running", m) + ")"),
    VLLM_WAITING(Server.VLLM, "requests waiting", m -> "sum(" + select("vllm:num_requests_waiting", m) + ")"),
    /** The busiest replica's cache: one full replica is what starts queueing. Old name only when the new is absent. */
    VLLM_KV_CACHE(Server.VLLM, "KV-cache use", m -> "max(" + select("vllm:kv_cache_usage_perc", m) + ") or max("
            + select("vllm:gpu_cache_usage_perc", m) + ")"),
    VLLM_P50(Server.VLLM, "p50 latency", m -> quantile("0.5", select("vllm:e2e_request_latency_seconds_bucket", m))),
    VLLM_P95(Server.VLLM, "p95 latency", m -> quantile("0.95", select("vllm:e2e_request_latency_seconds_bucket", m))),
    VLLM_PROMPT_TOKENS(Server.VLLM, "prompt tokens", m -> sumRate(select("vllm:prompt_tokens_total", m))),
    VLLM_GENERATION_TOKENS(Server.VLLM, "generated tokens", m -> sumRate(select("vllm:generation_tokens_total", m))),
    /** Finished requests only; the request rate when the HTTP counter is not there. */
    VLLM_FINISHED(Server.VLLM, "finished requests", m -> sumRate(select("vllm:request_success_total", m))),
    /**
     * All inference calls (POST: /v1/models and health checks are GETs) by status. http_requests_total is a generic
     * name every FastAPI app may export, so it is only asked for with a selector naming the vLLM server.
     */
    VLLM_HTTP_BY_STATUS(Server.VLLM, "HTTP requests by status", true,
            m -> "sum by (status) (" + rate(select("http_requests_total", m, "method=\"POST\"")) + ")"),

    TGI_RUNNING(Server.TGI, "batch size", m -> "sum(" + select("tgi_batch_current_size", m) + ")"),
    TGI_WAITING(Server.TGI, "queue size", m -> "sum(" + select("tgi_queue_size", m) + ")"),
    TGI_P50(Server.TGI, "p50 latency", m -> quantile("0.5", select("tgi_request_duration_bucket", m))),
    TGI_P95(Server.TGI, "p95 latency", m -> quantile("0.95", select("tgi_request_duration_bucket", m))),
    TGI_INPUT_TOKENS(Server.TGI, "input tokens", m -> sumRate(select("tgi_request_input_length_sum", m))),
    TGI_GENERATED_TOKENS(Server.TGI, "generated tokens", m -> sumRate(select("tgi_request_generated_tokens_sum", m))),
    TGI_REQUESTS(Server.TGI, "requests", m -> sumRate(select("tgi_request_count", m))),
    TGI_FAILURES_BY_ERR(Server.TGI, "failures by kind",
            m -> "sum by (err) (" + rate(select("tgi_request_failure", m)) + ")"),

    VERTEX_RESPONSES_BY_CODE(Server.VERTEX, "responses by code", m -> "sum by (response_code) ("
            + rate(select("aiplatform_googleapis_com:prediction_online_response_count", m)) + ")"),
    VERTEX_P50(Server.VERTEX, "p50 latency", m -> quantile("0.5", select(
            "aiplatform_googleapis_com:prediction_online_prediction_latencies_bucket", m, "latency_type=\"total\""))),
    VERTEX_P95(Server.VERTEX, "p95 latency", m -> quantile("0.95", select(
            "aiplatform_googleapis_com:prediction_online_prediction_latencies_bucket", m, "latency_type=\"total\""))),

    /** Share of probes (or scrapes) that succeeded, 0-1; the probe's own result wins over the target's up. */
    PROBE_SUCCESS(Server.BLACKBOX, "availability", m -> "avg(" + select("probe_success", m) + ") or avg("
            + select("up", m) + ")"),
    PROBE_DURATION(Server.BLACKBOX, "duration", m -> "avg(" + select("probe_duration_seconds", m) + ")");

    /** Long enough to hold several scrapes (and Vertex's 60 s deltas), short enough to follow an incident. */
    static final String RATE_WINDOW = "5m";

    private final Server server;
    private final String description;
    private final boolean needsSelector;
    private final UnaryOperator<String> expression;

    EndpointSignal(Server server, String description, UnaryOperator<String> expression) {
        this(server, description, false, expression);
    }

    EndpointSignal(Server server, String description, boolean needsSelector, UnaryOperator<String> expression) {
        this.server = server;
        this.description = description;
        this.needsSelector = needsSelector;
        this.expression = expression;
    }

    Server server() {
        return server;
    }

    /** For warnings: "vLLM p95 latency". */
    String description() {
        return server.label() + " " + description;
    }

    boolean appliesTo(EndpointTarget target) {
        return target.server() == server && !(needsSelector && target.matchers().isEmpty());
    }

    /** The PromQL for one endpoint. */
    String expressionFor(EndpointTarget target) {
        return expression.apply(target.matchers());
    }

    private static String rate(String selector) {
        return "rate(" + selector + "[" + RATE_WINDOW + "])";
    }

    private static String sumRate(String selector) {
        return "sum(" + rate(selector) + ")";
    }

    /** NaN when no request finished in the window (0/0): read as no latency, which is what it is. */
    private static String quantile(String q, String bucketSelector) {
        return "histogram_quantile(" + q + ", sum by (le) (" + rate(bucketSelector) + "))";
    }
}
