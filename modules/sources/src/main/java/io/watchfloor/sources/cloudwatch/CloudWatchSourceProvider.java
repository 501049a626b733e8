package io.watchfloor.sources.cloudwatch;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.Options;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@code type: cloudwatch}: options region (required), profile, endpointUrl, period (default 60s); no url, auth,
 * headers or caFile. Serves the bedrock and sagemaker endpoints whose {@code source:} names it.
 */
public final class CloudWatchSourceProvider implements SourceProvider {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchSourceProvider.class);

    @Override
    public String type() {
        return CloudWatchSource.TYPE;
    }

    @Override
    public List<ConfigProblem> validate(SourceConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        CloudWatchOptions.parse(config, problems);
        return problems;
    }

    @Override
    public Source create(SourceConfig config, SourceContext context) {
        CloudWatchOptions options = Options.parsed(config, CloudWatchOptions::parse);
        return create(config, context, options, CloudWatchClients.defaultChain(options), true);
    }

    /**
     * Builds the source with the given credentials (tests pass static ones).
     *
     * @param ownsCredentials whether closing the source closes the provider
     */
    CloudWatchSource create(SourceConfig config, SourceContext context, AwsCredentialsProvider credentials,
                            boolean ownsCredentials) {
        return create(config, context, Options.parsed(config, CloudWatchOptions::parse), credentials, ownsCredentials);
    }

    private CloudWatchSource create(SourceConfig config, SourceContext context, CloudWatchOptions options,
                                    AwsCredentialsProvider credentials, boolean ownsCredentials) {
        List<EndpointConfig> served = new ArrayList<>();
        for (EndpointConfig e : context.endpointsOf(config.id())) {
            if (ProviderMetrics.queries(e.provider()).isEmpty()) {
                LOG.warn("cloudwatch source {}: endpoint {} (provider {}) has no CloudWatch metrics; it gets none "
                        + "from this source", config.id(), e.id(), e.provider().wireName());
            } else {
                served.add(e);
            }
        }
        Duration interval = interval(config, options);
        Duration timeout = config.timeout() == null ? SourceConfig.DEFAULT_TIMEOUT : config.timeout();
        QueryPlan plan = new QueryPlan(served, options.region(), options.period());
        CloudWatchClients clients = new CloudWatchClients(options, timeout, plan.regions(), credentials,
                ownsCredentials);
        CloudWatchSource source = new CloudWatchSource(config.id(), interval, timeout, options, context.clock(),
                clients, plan);
        LOG.info("cloudwatch source {}: {} endpoint(s) in {}; GetMetricData cost {}", config.id(), served.size(),
                plan.regions().isEmpty() ? options.region() : String.join(", ", plan.regions()),
                source.cost().describe());
        return source;
    }

    /**
     * Polling more often than the metric period would fetch (and pay for) the same datapoints again, so the
     * interval is at least one period.
     */
    private static Duration interval(SourceConfig config, CloudWatchOptions options) {
        Duration configured = config.interval() == null ? SourceConfig.DEFAULT_INTERVAL : config.interval();
        if (configured.compareTo(options.period()) < 0) {
            LOG.info("cloudwatch source {}: interval {}s is shorter than the metric period {}s; polling every {}s",
                    config.id(), configured.toSeconds(), options.period().toSeconds(), options.period().toSeconds());
            return options.period();
        }
        return configured;
    }
}
