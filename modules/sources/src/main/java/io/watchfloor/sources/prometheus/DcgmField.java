package io.watchfloor.sources.prometheus;

import java.util.HashMap;
import java.util.Map;

/**
 * The dcgm-exporter series the GPU wall reads. One instant query per field and poll: a query per
 * field (not per GPU) keeps the request count flat however large the fleet is.
 */
public enum DcgmField {
    GPU_UTIL("DCGM_FI_DEV_GPU_UTIL"),
    FB_USED("DCGM_FI_DEV_FB_USED"),
    FB_FREE("DCGM_FI_DEV_FB_FREE"),
    /** Only newer exporters report it; counted into the total when present. */
    FB_RESERVED("DCGM_FI_DEV_FB_RESERVED"),
    GPU_TEMP("DCGM_FI_DEV_GPU_TEMP"),
    POWER_USAGE("DCGM_FI_DEV_POWER_USAGE"),
    SM_CLOCK("DCGM_FI_DEV_SM_CLOCK"),
    XID_ERRORS("DCGM_FI_DEV_XID_ERRORS"),
    CLOCK_THROTTLE_REASONS("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS"),
    /** DCGM 3.3 renamed the throttle bitmask; exporters in the field publish either name. */
    CLOCKS_EVENT_REASONS("DCGM_FI_DEV_CLOCKS_EVENT_REASONS"),
    ECC_DBE_VOL_TOTAL("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL"),
    ROW_REMAP_FAILURE("DCGM_FI_DEV_ROW_REMAP_FAILURE"),
    RETIRED_PENDING("DCGM_FI_DEV_RETIRED_PENDING");

    private static final Map<String, DcgmField> BY_METRIC = new HashMap<>();

    static {
        for (DcgmField f : values()) {
            BY_METRIC.put(f.metricName, f);
        }
    }

    private final String metricName;

    DcgmField(String metricName) {
        this.metricName = metricName;
    }

    /** The Prometheus metric name, e.g. {@code DCGM_FI_DEV_GPU_UTIL}. */
    public String metricName() {
        return metricName;
    }

    /** The field for a metric name, or null for series the wall does not use. */
    public static DcgmField byMetricName(String metricName) {
        return BY_METRIC.get(metricName);
    }
}
