package io.watchfloor.sources.prometheus;

import io.watchfloor.model.PollResult;
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
 * The GPU wall fed from dcgm-exporter series stored in a Prometheus-compatible server. Each poll
 * sends one instant query per {@link DcgmField}, all at once, and groups the answers per GPU.
 */
public final class PrometheusGpuSource implements Source {
    public static final String TYPE = "prometheus";

    /** Failure kinds by how much they tell the operator: a bad token explains every other symptom. */
    private static final List<Kind> MOST_TELLING_FIRST =
            List.of(Kind.AUTH, Kind.UNREACHABLE, Kind.TIMEOUT, Kind.HTTP, Kind.MALFORMED, Kind.QUERY);

    private final String id;
    private final Duration interval;
    private final PrometheusClient client;
    private final String selector;
    private final SourceContext context;

    /**
     * @param selector PromQL label matchers applied to every metric ({@code cluster="a",namespace="gpu"}),
     *                 with or without braces; null or blank for none
     */
    public PrometheusGpuSource(String id, Duration interval, PrometheusClient client, String selector,
                               SourceContext context) {
        this.id = id;
        this.interval = interval;
        this.client = client;
        this.selector = normalise(selector);
        this.context = context;
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
        Map<DcgmField, CompletableFuture<QueryResult>> pending = new EnumMap<>(DcgmField.class);
        for (DcgmField f : DcgmField.values()) {
            pending.put(f, client.queryAsync(queryFor(f), null));
        }
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
                Thread.currentThread().interrupt();
                throw new SourceException(Kind.TIMEOUT, "poll interrupted", ex);
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
        if (failures.size() == pending.size()) {
            throw mostTelling(failures.values());
        }
        List<String> all = new ArrayList<>();
        failures.forEach((field, ex) -> all.add(field.metricName() + ": " + ex.getMessage()));
        all.addAll(warnings);
        var readings = grouper.readings();
        if (readings.isEmpty() && failures.isEmpty()) {
            // reachable but nothing matched: usually a wrong selector or no dcgm-exporter scraped
            all.add("no dcgm-exporter GPU series found" + (selector.isEmpty() ? "" : " for {" + selector + "}"));
        }
        return new PollResult(readings, all, pending.size());
    }

    PrometheusClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    private static SourceException mostTelling(Iterable<SourceException> failures) {
        SourceException best = null;
        for (SourceException ex : failures) {
            if (best == null || MOST_TELLING_FIRST.indexOf(ex.kind()) < MOST_TELLING_FIRST.indexOf(best.kind())) {
                best = ex;
            }
        }
        return best;
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
