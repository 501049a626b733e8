package io.watchfloor.sources.azure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * One GET of Azure Monitor Metrics - List for one resource: several metrics that share an aggregation and a
 * dimension filter. Equal queries are sent once per poll, however many endpoints read them.
 *
 * @param namespace the metric namespace (the resource type); naming it spares Azure the lookup
 * @param filter    the {@code $filter}, e.g. {@code ModelDeploymentName eq '*'} (split into one series per
 *                  deployment); null for the resource's totals
 */
record MetricsQuery(String resourceId, String namespace, List<String> metricNames, Aggregation aggregation,
                    String filter) {
    /** The stable Resource Manager version of Metrics - List (specification/monitor/.../stable/2023-10-01). */
    static final String API_VERSION = "2023-10-01";
    /** The finest time grain Azure Monitor keeps; every metric read here has it (supported metrics pages). */
    static final Duration GRAIN = Duration.ofMinutes(1);
    /**
     * How many series one metric may return when split ({@code top}; Azure's default is 10, too few for
     * deployments x status codes). An answer with this many series may have been cut and is reported.
     */
    static final int TOP = 500;
    /** Metrics - List takes at most 20 metric names per call. */
    static final int MAX_METRICS = 20;

    MetricsQuery {
        metricNames = List.copyOf(metricNames);
        if (metricNames.isEmpty() || metricNames.size() > MAX_METRICS) {
            throw new IllegalArgumentException("a metrics call names 1 to " + MAX_METRICS + " metrics");
        }
    }

    /** {base}{resourceId}/providers/Microsoft.Insights/metrics?api-version=...&metricnames=a,b&... */
    HttpUrl url(HttpUrl base, Instant start, Instant end) {
        // addPathSegments after a trailing "/" replaces the empty segment, so bases with or without one work
        HttpUrl.Builder url = base.newBuilder()
                .addPathSegments(strip(resourceId) + "/providers/Microsoft.Insights/metrics")
                .addQueryParameter("api-version", API_VERSION)
                .addQueryParameter("metricnamespace", namespace)
                .addQueryParameter("metricnames", String.join(",", metricNames))
                .addQueryParameter("aggregation", aggregation.wireName())
                .addQueryParameter("interval", GRAIN.toString())
                .addQueryParameter("timespan", start + "/" + end);
        if (filter != null) {
            url.addQueryParameter("$filter", filter).addQueryParameter("top", Integer.toString(TOP));
        }
        return url.build();
    }

    private static String strip(String id) {
        String s = id.startsWith("/") ? id.substring(1) : id;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
