package io.watchfloor.sources.cloudwatch;

import io.watchfloor.config.EndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Every query a poll sends, grouped by region (a GetMetricData call reads one region), each with an id that
 * leads back to its endpoint and signal. Built once per source: the endpoints do not change while it runs.
 */
final class QueryPlan {
    /** A query of one endpoint. */
    record Entry(String id, EndpointConfig endpoint, MetricQuery query) {
        String describe() {
            return endpoint.id() + " " + query.namespace() + " " + query.metricName() + " " + query.stat();
        }
    }

    private final Map<String, Map<String, Entry>> byRegion = new LinkedHashMap<>();
    private final Map<String, MetricDataQuery> wire = new LinkedHashMap<>();
    private final Map<String, Entry> byId = new LinkedHashMap<>();

    /** @param sourceRegion the region of endpoints that name none */
    QueryPlan(List<EndpointConfig> endpoints, String sourceRegion, Duration period) {
        for (int i = 0; i < endpoints.size(); i++) {
            EndpointConfig e = endpoints.get(i);
            String region = regionOf(e, sourceRegion);
            for (MetricQuery q : ProviderMetrics.queries(e.provider())) {
                // the endpoint's position, not its id, goes into the query id: ids allow only [a-zA-Z0-9_]
                Entry entry = new Entry("e" + i + "_" + q.signal().code(), e, q);
                byRegion.computeIfAbsent(region, r -> new LinkedHashMap<>()).put(entry.id(), entry);
                byId.put(entry.id(), entry);
                wire.put(entry.id(), toWire(entry, period));
            }
        }
    }

    static String regionOf(EndpointConfig endpoint, String sourceRegion) {
        String r = endpoint.identity("region");
        return r == null || r.isBlank() ? sourceRegion : r.strip();
    }

    List<String> regions() {
        return List.copyOf(byRegion.keySet());
    }

    Collection<Entry> entries(String region) {
        return byRegion.getOrDefault(region, Map.of()).values();
    }

    Entry entry(String id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }

    /** The region's queries in requests of at most {@code max} (GetMetricData takes up to 500). */
    List<List<MetricDataQuery>> batches(String region, int max) {
        List<List<MetricDataQuery>> batches = new ArrayList<>();
        List<MetricDataQuery> current = new ArrayList<>();
        for (Entry e : entries(region)) {
            if (current.size() == max) {
                batches.add(List.copyOf(current));
                current.clear();
            }
            current.add(wire.get(e.id()));
        }
        if (!current.isEmpty()) {
            batches.add(List.copyOf(current));
        }
        return batches;
    }

    private static MetricDataQuery toWire(Entry entry, Duration period) {
        MetricQuery q = entry.query();
        Metric metric = Metric.builder().namespace(q.namespace()).metricName(q.metricName())
                .dimensions(ProviderMetrics.dimensions(entry.endpoint())).build();
        return MetricDataQuery.builder()
                .id(entry.id())
                .label(entry.endpoint().id() + " " + q.metricName() + " " + q.stat())
                .metricStat(MetricStat.builder().metric(metric).period((int) period.toSeconds()).stat(q.stat()).build())
                .returnData(true)
                .build();
    }
}
