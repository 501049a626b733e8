package io.watchfloor.sources.cloudwatch;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Provider metrics of Bedrock models and SageMaker endpoints from CloudWatch. Each poll reads every endpoint of
 * the source with one GetMetricData batch per region (see {@link MetricDataFetcher}) and emits one ENDPOINT
 * reading per endpoint.
 */
public final class CloudWatchSource implements Source {
    public static final String TYPE = "cloudwatch";

    /** Failure kinds by how much they tell the operator: an expired login explains every other symptom. */

    private final String id;
    private final Duration interval;
    private final Duration timeout;
    private final CloudWatchOptions options;
    private final Clock clock;
    private final CloudWatchClients clients;
    private final QueryPlan plan;
    private final AwsFailures failures;
    private final CloudWatchCost cost;

    CloudWatchSource(String id, Duration interval, Duration timeout, CloudWatchOptions options, Clock clock,
                     CloudWatchClients clients, QueryPlan plan) {
        this.id = id;
        this.interval = interval;
        this.timeout = timeout;
        this.options = options;
        this.clock = clock;
        this.clients = clients;
        this.plan = plan;
        this.failures = new AwsFailures(options.profile());
        this.cost = CloudWatchCost.of(plan.size(), interval);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    /** The estimated monthly GetMetricData charges of this source's polling. */
    @Override
    public String costNote() {
        return String.format(java.util.Locale.ROOT, "GetMetricData about $%,.2f a month", cost.estimatedUsdPerMonth());
    }

    public CloudWatchCost cost() {
        return cost;
    }

    @Override
    public PollResult poll() throws SourceException {
        if (plan.size() == 0) {
            return new PollResult(List.of(), List.of("no bedrock or sagemaker endpoint names source " + id
                    + " (set source: " + id + " on the endpoint)"), 0);
        }
        Deadline deadline = Deadline.after(timeout);
        checkCredentials();
        PollWindow window = PollWindow.ending(clock.instant(), options.period());
        List<Reading> readings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, SourceException> failed = new LinkedHashMap<>();
        int requests = 0;
        for (String region : plan.regions()) {
            MetricDataFetcher fetcher = new MetricDataFetcher(clients.client(region), clients.describe(region), failures);
            MetricDataFetcher.Result result;
            try {
                result = fetcher.fetch(plan, region, window, deadline);
            } catch (SourceException e) {
                failed.put(region, e);
                continue;
            }
            requests += result.requests();
            warnings.addAll(result.warnings());
            readings.addAll(readings(region, result, window));
        }
        if (failed.size() == plan.regions().size()) {
            throw SourceException.mostTelling(failed.values());
        }
        failed.values().forEach(e -> warnings.add(e.getMessage()));
        return new PollResult(readings, warnings, requests);
    }

    /**
     * Resolves the credentials once before any call, so that an expired SSO login or a missing profile is
     * reported as such rather than as a failed request. The SDK caches them; this costs nothing most polls.
     */
    private void checkCredentials() throws SourceException {
        try {
            clients.credentials().resolveCredentials();
        } catch (SdkException e) {
            throw failures.credentials(e);
        }
    }

    private List<Reading> readings(String region, MetricDataFetcher.Result result, PollWindow window) {
        Map<EndpointConfig, Map<Signal, NavigableMap<Instant, Double>>> byEndpoint = new LinkedHashMap<>();
        for (QueryPlan.Entry e : plan.entries(region)) {
            Map<Signal, NavigableMap<Instant, Double>> signals =
                    byEndpoint.computeIfAbsent(e.endpoint(), k -> new EnumMap<>(Signal.class));
            NavigableMap<Instant, Double> points = result.series().get(e.id());
            if (points != null) {
                signals.put(e.query().signal(), points);
            }
        }
        List<Reading> out = new ArrayList<>();
        byEndpoint.forEach((endpoint, signals) -> out.add(EndpointReadings.reading(endpoint, signals, window, id)));
        return out;
    }

    @Override
    public void close() {
        clients.close();
    }

}
