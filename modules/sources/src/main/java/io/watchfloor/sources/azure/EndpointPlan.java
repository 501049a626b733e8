package io.watchfloor.sources.azure;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Metric;
import java.util.List;

/**
 * What an azure-monitor source reads for one endpoint: the calls, and which Azure metric becomes which
 * normalised {@link Metric}.
 *
 * @param resourceId      the ARM id the calls go to (normalised)
 * @param splitDimension  the dimension that tells the endpoint's series apart from the other deployments' on the
 *                        same resource, null when the endpoint is the whole resource
 * @param deployment      the value of that dimension for this endpoint, null with it
 * @param statusDimension the dimension of the request metric holding the HTTP status code
 */
record EndpointPlan(EndpointConfig endpoint, String resourceId, String splitDimension, String deployment,
                    String statusDimension, List<Call> calls) {
    EndpointPlan {
        calls = List.copyOf(calls);
    }

    /** How a metric's values are turned into the endpoint's figures. */
    enum Role {
        /** Request counts per time grain, split by status code: requests per minute, error/throttle shares. */
        REQUESTS,
        /** Counts summed over the window and given per minute (tokens). */
        SUM,
        /** A level per time grain (latency, availability), averaged over the window weighted by requests. */
        LEVEL
    }

    record MetricUse(String azureName, Metric metric, Role role) {
    }

    /** One metrics call and what each of its metrics is used for. */
    record Call(MetricsQuery query, List<MetricUse> uses) {
        Call {
            uses = List.copyOf(uses);
            if (!query.metricNames().equals(uses.stream().map(MetricUse::azureName).toList())) {
                throw new IllegalArgumentException("a call must ask for exactly the metrics it uses");
            }
        }

        static Call of(String resourceId, String namespace, Aggregation aggregation, String filter, MetricUse... uses) {
            List<MetricUse> list = List.of(uses);
            return new Call(new MetricsQuery(resourceId, namespace, list.stream().map(MetricUse::azureName).toList(),
                    aggregation, filter), list);
        }
    }

    /** The plan for an endpoint of either Azure provider (the provider and resource id were checked before). */
    static EndpointPlan of(EndpointConfig endpoint) {
        String resource = ResourceIds.normalise(endpoint.identity("resource"));
        return switch (endpoint.provider()) {
            case AZURE_OPENAI -> AzureOpenAiMetrics.plan(endpoint, resource);
            case AZURE_ML -> AzureMlMetrics.plan(endpoint, resource);
            default -> throw new IllegalArgumentException("not an Azure endpoint: " + endpoint.provider());
        };
    }
}
