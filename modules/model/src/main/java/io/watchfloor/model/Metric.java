package io.watchfloor.model;

/** The normalised metrics a tile can carry. The wire name is used in state JSON and cache series keys. */
public enum Metric {
    UTIL_PCT("util_pct", "%"),
    MEM_USED_MIB("mem_used_mib", "MiB"),
    MEM_TOTAL_MIB("mem_total_mib", "MiB"),
    TEMP_C("temp_c", "°C"),
    POWER_W("power_w", "W"),
    SM_CLOCK_MHZ("sm_clock_mhz", "MHz"),
    /** Last Xid error code reported (DCGM_FI_DEV_XID_ERRORS); 0 means none. */
    XID_LAST("xid_last", ""),
    /** Bitmask of active clock throttle reasons (DCGM_FI_DEV_CLOCK_THROTTLE_REASONS / CLOCKS_EVENT_REASONS). */
    THROTTLE_REASONS("throttle_reasons", ""),
    /** Total uncorrectable (double-bit) ECC errors, volatile. */
    ECC_DBE("ecc_dbe", ""),
    /** Rows waiting for a row remap at the next GPU reset (A100 and later); 1 = pending. */
    REMAP_PENDING("remap_pending", ""),
    /** A row remap failed: the GPU needs service (A100 and later); 1 = failed. */
    REMAP_FAILED("remap_failed", ""),
    /** Pages waiting to be retired at the next reset (before A100); 1 = pending. */
    RETIRED_PENDING("retired_pending", ""),
    /** Compute processes on the GPU (nvidia-smi --query-compute-apps). */
    PROCESSES("processes", ""),
    CPU_PCT("cpu_pct", "%"),
    /** Configured model services on the host that are not active (systemctl is-active). */
    SERVICES_DOWN("services_down", ""),
    DISK_USED_PCT("disk_used_pct", "%"),

    // LLM endpoints, normalised across providers (per minute where it says so, over the provider's last period)
    REQUESTS_PM("rpm", "req/min"),
    /** All failed requests in percent of requests (client plus server errors; throttles are apart). */
    ERROR_PCT("error_pct", "%"),
    CLIENT_ERROR_PCT("client_error_pct", "%"),
    SERVER_ERROR_PCT("server_error_pct", "%"),
    /** Throttled requests (HTTP 429, InvocationThrottles) in percent of requests. */
    THROTTLE_PCT("throttle_pct", "%"),
    P50_MS("p50_ms", "ms"),
    P95_MS("p95_ms", "ms"),
    /** Mean latency, for providers that report no percentiles; views say it is an average. */
    AVG_MS("avg_ms", "ms"),
    TOKENS_IN_PM("tokens_in_pm", "tok/min"),
    TOKENS_OUT_PM("tokens_out_pm", "tok/min"),
    /** Availability the provider or an external prober reports, 0-100 (blackbox probe_success x 100, ...). */
    AVAILABILITY_PCT("availability_pct", "%"),
    /** Requests being served and queued (vLLM/TGI), and KV-cache use in percent. */
    REQUESTS_RUNNING("requests_running", ""),
    REQUESTS_WAITING("requests_waiting", ""),
    KV_CACHE_PCT("kv_cache_pct", "%"),

    // The console's own probe of an endpoint
    /** 1 when the probe passed, 0 when it failed; absent when the console could not judge (its own network). */
    PROBE_UP("probe_up", ""),
    PROBE_MS("probe_ms", "ms"),
    /** HTTP status of the probe's answer, absent when there was none. */
    PROBE_HTTP_STATUS("probe_http_status", ""),
    /** Days until the endpoint's TLS certificate expires (fractional; negative once expired). */
    TLS_DAYS_LEFT("tls_days_left", "d");

    private final String wireName;
    private final String unit;

    Metric(String wireName, String unit) {
        this.wireName = wireName;
        this.unit = unit;
    }

    public String wireName() {
        return wireName;
    }

    public String unit() {
        return unit;
    }

    public static Metric fromWireName(String name) {
        for (Metric m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric: " + name);
    }
}
