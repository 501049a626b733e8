package io.watchfloor.sources.azure;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.sources.azure.EndpointPlan.Call;
import io.watchfloor.sources.azure.EndpointPlan.MetricUse;
import io.watchfloor.sources.azure.EndpointPlan.Role;
import java.util.List;

/**
 * Azure Machine Learning managed online endpoints (Microsoft.MachineLearningServices/workspaces/onlineEndpoints).
 * From "Supported metrics for Microsoft.MachineLearningServices/workspaces/onlineEndpoints"
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-machinelearningservices-workspaces-onlineendpoints-metrics):
 * <ul>
 *   <li>RequestsPerMinute: Count, Average (the requests of each minute); dimensions deployment, statusCode,
 *       statusCodeClass, modelStatusCode. Split by statusCode, not statusCodeClass, to tell 429 from other 4xx;</li>
 *   <li>RequestLatency_P50 / _P95: Milliseconds, Average; dimension deployment. Percentiles exist here, so they
 *       become {@link Metric#P50_MS}/{@link Metric#P95_MS} and the plain RequestLatency average is not read.</li>
 * </ul>
 * Not read, because no normalised endpoint metric takes them: RequestLatency_P90/_P99, NetworkBytes,
 * ConnectionsActive, NewConnectionsPerSecond, and the per-deployment resource
 * (.../onlineEndpoints/deployments) with DeploymentCapacity, CPU/GPU utilisation. No availability metric exists.
 * <p>
 * An endpoint that names a deployment reads the calls split by {@code deployment eq '*'} (shared by every
 * deployment of the online endpoint); one without reads the whole online endpoint, unsplit, because latency
 * percentiles of several deployments cannot be combined into the endpoint's.
 */
final class AzureMlMetrics {
    static final String NAMESPACE = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints";
    static final String DEPLOYMENT = "deployment";
    static final String STATUS = "statusCode";

    private AzureMlMetrics() {
    }

    static EndpointPlan plan(EndpointConfig endpoint, String resource) {
        String deployment = endpoint.identity("deployment");
        boolean split = deployment != null && !deployment.isBlank();
        String byStatus = STATUS + " eq '*'";
        List<Call> calls = List.of(
                Call.of(resource, NAMESPACE, Aggregation.AVERAGE,
                        split ? DEPLOYMENT + " eq '*' and " + byStatus : byStatus,
                        new MetricUse("RequestsPerMinute", Metric.REQUESTS_PM, Role.REQUESTS)),
                Call.of(resource, NAMESPACE, Aggregation.AVERAGE, split ? DEPLOYMENT + " eq '*'" : null,
                        new MetricUse("RequestLatency_P50", Metric.P50_MS, Role.LEVEL),
                        new MetricUse("RequestLatency_P95", Metric.P95_MS, Role.LEVEL)));
        return new EndpointPlan(endpoint, resource, split ? DEPLOYMENT : null, split ? deployment.strip() : null,
                STATUS, calls);
    }
}
