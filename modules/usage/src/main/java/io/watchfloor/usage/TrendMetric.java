package io.watchfloor.usage;

/** What a trend line shows; counts are per step (requests per hour for an hourly step). */
public enum TrendMetric {
    REQUESTS("Requests", ""),
    TOKENS_IN("Tokens in", ""),
    TOKENS_OUT("Tokens out", ""),
    ERRORS("Errors", ""),
    THROTTLES("Throttled", ""),
    P50_MS("Latency p50", "ms"),
    P95_MS("Latency p95", "ms"),
    /** Share of GPU time held idle (memory allocated, under 5 % utilisation), per step. */
    GPU_IDLE_HELD_PCT("GPU idle but held", "%");

    private final String label;
    private final String unit;

    TrendMetric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }
}
