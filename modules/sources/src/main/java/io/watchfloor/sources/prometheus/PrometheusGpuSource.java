package io.watchfloor.sources.prometheus;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.sources.SourceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A Prometheus-compatible server as a source: the GPU wall from dcgm-exporter series (one instant query per
 * {@link DcgmField}, grouped per GPU) and the LLM endpoints whose {@code source:} names it ({@link EndpointQueries}).
 * All queries of a poll are in flight together. A failed query is a warning; only a poll where every query failed
 * is a failed poll.
 */
public final class PrometheusGpuSource implements Source {
    public static final String TYPE = "prometheus";

    /** Failure kinds by how much they tell the operator: a bad token explains every other symptom. */

    private final String id;
    private final Duration interval;
    private final PrometheusClient client;
    private final String selector;
    private final boolean gpus;
    private final SourceContext context;
    private final EndpointQueries endpoints;

    /**
     * @param selector PromQL label matchers applied to every metric ({@code cluster="a",namespace="gpu"}),
     *                 with or without braces; null or blank for none
     */
    public PrometheusGpuSource(String id, Duration interval, PrometheusClient client, String selector,
                               SourceContext context) {
        this(id, interval, client, selector, true, context);
    }

    /**
     * @param gpus false to skip the dcgm-exporter queries (a server that only holds endpoint metrics, e.g. Google
     *             Managed Prometheus read for Vertex AI)
     */
    public PrometheusGpuSource(String id, Duration interval, PrometheusClient client, String selector, boolean gpus,
                               SourceContext context) {
        this.id = id;
        this.interval = interval;
        this.client = client;
        this.selector = normalise(selector);
        this.gpus = gpus;
        this.context = context;
        this.endpoints = new EndpointQueries(id, context.endpointsOf(id), context.clock());
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

    /** The PromQL sent for a field, e.g. {@code DCGM_FI_DEV_GPU_UTIL{cluster="a"}}. */
    public String queryFor(DcgmField field) {
        return selector.isEmpty() ? field.metricName() : field.metricName() + "{" + selector + "}";
    }

    @Override
    public PollResult poll() throws SourceException {
        if (!gpus && endpoints.isEmpty()) {
            return new PollResult(List.of(), List.of("nothing to poll: gpus is false and no endpoint names source '"
                    + id + "'"), 0);
        }
        Map<DcgmField, CompletableFuture<QueryResult>> pending = new EnumMap<>(DcgmField.class);
        if (gpus) {
            for (DcgmField f : DcgmField.values()) {
                pending.put(f, client.queryAsync(queryFor(f), null));
            }
        }
        EndpointQueries.Round endpointRound = endpoints.start(client);
        DcgmGrouper grouper = new DcgmGrouper(id, context.thresholds());
        Set<String> warnings = new LinkedHashSet<>();
        Map<DcgmField, SourceException> failures = new EnumMap<>(DcgmField.class);
        for (Map.Entry<DcgmField, CompletableFuture<QueryResult>> e : pending.entrySet()) {
            QueryResult result;
            try {
                result = e.getValue().get();
            } catch (ExecutionException ex) {
                failures.put(e.getKey(), asSourceException(ex.getCause()));
                continue;
            } catch (InterruptedException ex) {
                pending.values().forEach(f -> f.cancel(true));
                endpointRound.cancel();
                throw interrupted(ex);
            }
            result.warnings().forEach(w -> warnings.add("Prometheus warning: " + w));
            if (result instanceof QueryResult.Vector v) {
                for (QueryResult.Sample s : v.samples()) {
                    grouper.add(e.getKey().metricName(), s.labels(), s.value(), s.timestampMillis());
                }
            } else {
                warnings.add(e.getKey().metricName() + ": expected a vector, got " + result.getClass().getSimpleName());
            }
        }
        EndpointQueries.Outcome ends;
        try {
            ends = endpointRound.finish();
        } catch (InterruptedException ex) {
            throw interrupted(ex);
        }
        int requests = pending.size() + ends.requests();
        if (requests > 0 && failures.size() + ends.failedRequests() == requests) {
            List<SourceException> all = new ArrayList<>(failures.values());
            all.addAll(ends.failures());
            throw SourceException.mostTelling(all);
        }
        List<String> all = new ArrayList<>();
        failures.forEach((field, ex) -> all.add(field.metricName() + ": " + ex.getMessage()));
        all.addAll(warnings);
        List<Reading> readings = new ArrayList<>(grouper.readings());
        if (gpus && readings.isEmpty() && failures.isEmpty()) {
            // reachable but nothing matched: usually a wrong selector or no dcgm-exporter scraped
            all.add("no dcgm-exporter GPU series found" + (selector.isEmpty() ? "" : " for {" + selector + "}")
                    + (endpoints.isEmpty() ? "" : "; set gpus: false if this server holds no GPU metrics"));
        }
        all.addAll(ends.warnings());
        readings.addAll(ends.readings());
        return new PollResult(readings, new ArrayList<>(new LinkedHashSet<>(all)), requests);
    }

    /** The endpoint side of a poll, for tests. */
    EndpointQueries endpoints() {
        return endpoints;
    }

    private static SourceException interrupted(InterruptedException ex) {
        Thread.currentThread().interrupt();
        return new SourceException(Kind.TIMEOUT, "poll interrupted", ex);
    }

    PrometheusClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }


    private static SourceException asSourceException(Throwable t) {
        return t instanceof SourceException s ? s : new SourceException(Kind.MALFORMED, String.valueOf(t), t);
    }

    private static String normalise(String selector) {
        if (selector == null) {
            return "";
        }
        String s = selector.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}
