package io.watchfloor.sources.cloudwatch;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Provider;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * Which CloudWatch metrics each provider's endpoints are read from, and under which dimensions. One line per
 * metric: each line costs one "metric requested" per poll (see {@link CloudWatchCost}).
 *
 * <p>Not read: CPUUtilization and GPUMemoryUtilization of /aws/sagemaker/Endpoints. SageMaker sums them over the
 * instance's cores or GPUs (0-100 each), the console has no endpoint metric for them, and CPU_PCT on an endpoint
 * tile would be judged by the host CPU thresholds.
 */
final class ProviderMetrics {
    static final String BEDROCK = "AWS/Bedrock";
    static final String SAGEMAKER = "AWS/SageMaker";
    static final String SAGEMAKER_INSTANCES = "/aws/sagemaker/Endpoints";
    static final String DEFAULT_VARIANT = "AllTraffic";

    private static final List<MetricQuery> BEDROCK_QUERIES = List.of(
            MetricQuery.of(Signal.INVOCATIONS, BEDROCK, "Invocations", "Sum"),
            MetricQuery.of(Signal.CLIENT_ERRORS, BEDROCK, "InvocationClientErrors", "Sum"),
            MetricQuery.of(Signal.SERVER_ERRORS, BEDROCK, "InvocationServerErrors", "Sum"),
            MetricQuery.of(Signal.THROTTLES, BEDROCK, "InvocationThrottles", "Sum"),
            MetricQuery.of(Signal.LATENCY_P50, BEDROCK, "InvocationLatency", "p50"),
            MetricQuery.of(Signal.LATENCY_P95, BEDROCK, "InvocationLatency", "p95"),
            MetricQuery.of(Signal.LATENCY_AVG, BEDROCK, "InvocationLatency", "Average"),
            MetricQuery.of(Signal.TOKENS_IN, BEDROCK, "InputTokenCount", "Sum"),
            MetricQuery.of(Signal.TOKENS_OUT, BEDROCK, "OutputTokenCount", "Sum"));

    private static final List<MetricQuery> SAGEMAKER_QUERIES = List.of(
            MetricQuery.of(Signal.INVOCATIONS, SAGEMAKER, "Invocations", "Sum"),
            MetricQuery.of(Signal.CLIENT_ERRORS, SAGEMAKER, "Invocation4XXErrors", "Sum"),
            MetricQuery.of(Signal.SERVER_ERRORS, SAGEMAKER, "Invocation5XXErrors", "Sum"),
            MetricQuery.micros(Signal.LATENCY_P50, SAGEMAKER, "ModelLatency", "p50"),
            MetricQuery.micros(Signal.LATENCY_P95, SAGEMAKER, "ModelLatency", "p95"),
            MetricQuery.micros(Signal.LATENCY_AVG, SAGEMAKER, "ModelLatency", "Average"),
            MetricQuery.micros(Signal.OVERHEAD_AVG, SAGEMAKER, "OverheadLatency", "Average"),
            MetricQuery.of(Signal.GPU_UTIL, SAGEMAKER_INSTANCES, "GPUUtilization", "Average"));

    private ProviderMetrics() {
    }

    /** The queries for an endpoint of this provider; empty for providers CloudWatch does not serve. */
    static List<MetricQuery> queries(Provider provider) {
        return switch (provider) {
            case BEDROCK -> BEDROCK_QUERIES;
            case SAGEMAKER -> SAGEMAKER_QUERIES;
            default -> List.of();
        };
    }

    /** Bedrock metrics are per ModelId; both SageMaker namespaces per EndpointName and VariantName. */
    static List<Dimension> dimensions(EndpointConfig endpoint) {
        return switch (endpoint.provider()) {
            case BEDROCK -> List.of(dimension("ModelId", endpoint.identity("model")));
            case SAGEMAKER -> List.of(dimension("EndpointName", endpoint.identity("endpointName")),
                    dimension("VariantName", variant(endpoint)));
            default -> List.of();
        };
    }

    static String variant(EndpointConfig endpoint) {
        String v = endpoint.identity("variant");
        return v == null || v.isBlank() ? DEFAULT_VARIANT : v;
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
