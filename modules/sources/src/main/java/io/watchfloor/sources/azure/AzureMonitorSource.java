package io.watchfloor.sources.azure;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Provider;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.sources.azure.EndpointPlan.Call;
import io.watchfloor.sources.azure.MetricsAnswer.MetricData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * LLM endpoint metrics of Azure OpenAI deployments and Azure ML online endpoints from Azure Monitor. Each poll
 * asks for the last {@link #WINDOW_GRAINS} minutes of every configured resource, each distinct call once and all at
 * once, and emits one ENDPOINT reading per endpoint.
 * <p>
 * Failures: a token problem, throttling (per subscription) or an unreachable Resource Manager fails the poll; a
 * failure that concerns one resource (no permission, rejected query, a 5xx for it) is a warning while other
 * resources answer, and fails the poll only when nothing answered. After an HTTP 429 no call goes out until the
 * Retry-After instant has passed: polling on would only extend the throttle.
 */
public final class AzureMonitorSource implements Source {
    public static final String TYPE = "azure-monitor";
    /** The window asked for, in time grains: enough to see past Azure Monitor's ingestion delay of a few minutes. */
    static final int WINDOW_GRAINS = 5;


    private final String id;
    private final Duration interval;
    private final MonitorClient client;
    private final ArmTokens tokens;
    private final Clock clock;
    private final List<EndpointPlan> plans = new ArrayList<>();
    private final List<String> configWarnings = new ArrayList<>();
    /** Set by an HTTP 429: no call before then. Polls run one at a time, but not always on the same thread. */
    private volatile Instant throttledUntil;

    AzureMonitorSource(String id, Duration interval, MonitorClient client, ArmTokens tokens,
                       List<EndpointConfig> endpoints, Clock clock) {
        this.id = id;
        this.interval = interval;
        this.client = client;
        this.tokens = tokens;
        this.clock = clock;
        for (EndpointConfig e : endpoints) {
            String problem = ResourceIds.problem(e.provider(), e.identity("resource"));
            if (problem == null && e.provider() == Provider.AZURE_OPENAI && blank(e.identity("deployment"))) {
                problem = "an azure-openai endpoint needs deployment: (the model deployment name)";
            }
            if (problem != null) {
                configWarnings.add("endpoint " + e.id() + ": " + problem);
            } else {
                plans.add(EndpointPlan.of(e));
            }
        }
        if (endpoints.isEmpty()) {
            configWarnings.add("no endpoint names this source (source: " + id + " under endpoints:)");
        }
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

    @Override
    public PollResult poll() throws SourceException {
        Instant now = clock.instant();
        if (throttledUntil != null && now.isBefore(throttledUntil)) {
            throw new SourceException(Kind.HTTP, "Azure Resource Manager is throttling metric reads (HTTP 429);"
                    + " throttled until " + throttledUntil.truncatedTo(ChronoUnit.SECONDS) + ", no call goes out before then");
        }
        List<String> warnings = new ArrayList<>(configWarnings);
        if (plans.isEmpty()) {
            return new PollResult(List.of(), warnings, 0);
        }
        String bearer = tokens.bearer();
        if (tokens.refreshProblem() != null) {
            warnings.add(tokens.refreshProblem());
        }
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(MetricsQuery.GRAIN.multipliedBy(WINDOW_GRAINS));

        List<MetricsQuery> queries = queries();
        Map<MetricsQuery, CompletableFuture<MetricsAnswer>> pending = new LinkedHashMap<>();
        for (MetricsQuery q : queries) {
            pending.put(q, client.fetch(q, start, end, bearer));
        }
        Map<MetricsQuery, MetricsAnswer> answers = new HashMap<>();
        Map<MetricsQuery, MonitorCallException> failures = new LinkedHashMap<>();
        collect(pending, answers, failures);

        List<MonitorCallException> sourceWide = failures.values().stream().filter(f -> !f.resourceScoped()).toList();
        if (!sourceWide.isEmpty()) {
            for (MonitorCallException f : sourceWide) {
                if (f.retryAt() != null) {
                    throttledUntil = f.retryAt();
                }
                if (f.status() == 401) {
                    tokens.invalidate(); // whatever Resource Manager disliked, the next poll starts with a new token
                }
            }
            throw SourceException.mostTelling(sourceWide);
        }
        if (failures.size() == queries.size()) {
            throw SourceException.mostTelling(failures.values());
        }
        throttledUntil = null;
        failures.values().stream().map(SourceException::getMessage).distinct().forEach(warnings::add);
        answers.forEach((q, a) -> warnings.addAll(metricWarnings(q, a)));

        List<Reading> readings = new ArrayList<>();
        for (EndpointPlan plan : plans) {
            Reading r = EndpointReader.read(plan, answers, start, end, id);
            if (r != null) {
                readings.add(r);
            }
        }
        return new PollResult(readings, warnings.stream().distinct().toList(), queries.size());
    }

    private static void collect(Map<MetricsQuery, CompletableFuture<MetricsAnswer>> pending,
                                Map<MetricsQuery, MetricsAnswer> answers,
                                Map<MetricsQuery, MonitorCallException> failures) throws SourceException {
        for (Map.Entry<MetricsQuery, CompletableFuture<MetricsAnswer>> e : pending.entrySet()) {
            try {
                answers.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException ex) {
                failures.put(e.getKey(), ex.getCause() instanceof MonitorCallException m ? m
                        : new MonitorCallException(Kind.MALFORMED, String.valueOf(ex.getCause()), 200, null, null,
                                ex.getCause()));
            } catch (InterruptedException ex) {
                pending.values().forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new SourceException(Kind.TIMEOUT, "poll interrupted", ex);
            }
        }
    }

    /** Metrics that failed inside a successful answer, and splits that may have been cut at {@code top}. */
    private static List<String> metricWarnings(MetricsQuery query, MetricsAnswer answer) {
        List<String> out = new ArrayList<>();
        String resource = ResourceIds.shortName(query.resourceId());
        for (MetricData m : answer.metrics()) {
            if (m.failed()) {
                out.add(m.name() + " on " + resource + ": " + m.errorCode()
                        + (m.errorMessage() == null ? "" : ": " + m.errorMessage()));
            } else if (m.series().size() >= MetricsQuery.TOP) {
                out.add(m.name() + " on " + resource + " returned " + m.series().size()
                        + " series, the most one call returns: some deployments or status codes may be missing");
            }
        }
        for (String asked : query.metricNames()) {
            if (answer.metric(asked) == null) {
                out.add(asked + " on " + resource + ": not in Azure Monitor's answer");
            }
        }
        return out;
    }


    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The distinct calls one poll makes, in the order they go out. */
    List<MetricsQuery> queries() {
        Set<MetricsQuery> out = new LinkedHashSet<>();
        plans.forEach(p -> p.calls().stream().map(Call::query).forEach(out::add));
        return List.copyOf(out);
    }

    @Override
    public void close() {
        client.close();
    }
}
