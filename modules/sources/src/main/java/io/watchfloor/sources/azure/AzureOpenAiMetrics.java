package io.watchfloor.sources.azure;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.sources.azure.EndpointPlan.Call;
import io.watchfloor.sources.azure.EndpointPlan.MetricUse;
import io.watchfloor.sources.azure.EndpointPlan.Role;
import java.util.List;

/**
 * Azure OpenAI deployments (Microsoft.CognitiveServices/accounts). Metric names, units, aggregations and
 * dimensions are those of "Supported metrics for Microsoft.CognitiveServices/accounts"
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-cognitiveservices-accounts-metrics,
 * categories "Azure OpenAI - HTTP Requests", "Azure OpenAI - Latency", "Azure OpenAI - Usage"):
 * <ul>
 *   <li>AzureOpenAIRequests: Count, Total; dimensions include ModelDeploymentName and StatusCode;</li>
 *   <li>ProcessedPromptTokens, GeneratedTokens: Count, Total; ModelDeploymentName, no StatusCode;</li>
 *   <li>AzureOpenAITimeToResponse: MilliSeconds, Minimum/Maximum/Average only (no percentiles, so it becomes
 *       {@link Metric#AVG_MS}, never P50/P95); ModelDeploymentName;</li>
 *   <li>AzureOpenAIAvailabilityRate: Percent, Minimum/Maximum/Average, "(Total Calls - Server Errors)/Total
 *       Calls"; ModelDeploymentName, no StatusCode.</li>
 * </ul>
 * Three calls per account serve all its deployments: each splits by {@code ModelDeploymentName eq '*'} and the
 * series are matched to endpoints by their metadata value, rather than one set of calls per deployment. They
 * cannot be fewer: a filter on StatusCode fails for the metrics without that dimension, and one aggregation per
 * call must suit all its metrics (Total for counts, Average for latency and availability).
 */
final class AzureOpenAiMetrics {
    static final String NAMESPACE = "Microsoft.CognitiveServices/accounts";
    static final String DEPLOYMENT = "ModelDeploymentName";
    static final String STATUS = "StatusCode";

    private AzureOpenAiMetrics() {
    }

    static EndpointPlan plan(EndpointConfig endpoint, String resource) {
        String byDeployment = DEPLOYMENT + " eq '*'";
        List<Call> calls = List.of(
                Call.of(resource, NAMESPACE, Aggregation.TOTAL, byDeployment + " and " + STATUS + " eq '*'",
                        new MetricUse("AzureOpenAIRequests", Metric.REQUESTS_PM, Role.REQUESTS)),
                Call.of(resource, NAMESPACE, Aggregation.TOTAL, byDeployment,
                        new MetricUse("ProcessedPromptTokens", Metric.TOKENS_IN_PM, Role.SUM),
                        new MetricUse("GeneratedTokens", Metric.TOKENS_OUT_PM, Role.SUM)),
                Call.of(resource, NAMESPACE, Aggregation.AVERAGE, byDeployment,
                        new MetricUse("AzureOpenAITimeToResponse", Metric.AVG_MS, Role.LEVEL),
                        new MetricUse("AzureOpenAIAvailabilityRate", Metric.AVAILABILITY_PCT, Role.LEVEL)));
        return new EndpointPlan(endpoint, resource, DEPLOYMENT, endpoint.identity("deployment"), STATUS, calls);
    }
}
