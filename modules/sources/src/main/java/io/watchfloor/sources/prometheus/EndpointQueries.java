package io.watchfloor.sources.prometheus;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.TileKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads the LLM endpoints a prometheus source serves. A poll asks one instant query per {@link EndpointSignal} for
 * all endpoints it applies to: each endpoint's expression is tagged with its id through label_replace and the
 * pieces are joined with {@code or}, so 30 vLLM servers cost the same 9 requests as one. Long batches are cut
 * so the GET URL stays short. A batch the server rejects as a bad query (usually one endpoint's selector) is asked
 * again endpoint by endpoint, so one typo does not blank every other endpoint.
 */
final class EndpointQueries {
    /** The label that carries the endpoint id through a batched answer. */
    static final String ENDPOINT_LABEL = "watchfloor_endpoint";
    /** PromQL characters per request; URL-encoded, this stays well below the 8 KiB request lines proxies accept. */
    static final int MAX_QUERY_CHARS = 2000;

    /** One request: a signal for some endpoints. */
    record Batch(EndpointSignal signal, List<EndpointTarget> targets, String promql) {
        String describe() {
            return signal.description() + " for " + String.join(", ", targets.stream().map(EndpointTarget::id).toList());
        }
    }

    private final String sourceId;
    private final Clock clock;
    private final int configured;
    private final List<EndpointTarget> targets = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final List<Batch> batches;

    EndpointQueries(String sourceId, List<EndpointConfig> endpoints, Clock clock) {
        this.sourceId = sourceId;
        this.clock = clock;
        this.configured = endpoints.size();
        for (EndpointConfig e : endpoints) {
            try {
                targets.add(EndpointTarget.of(e));
            } catch (IllegalArgumentException badConfig) {
                // validation reports these with file and line; a poll still says why the endpoint has no data
                unreadable.add(badConfig.getMessage());
            }
        }
        this.batches = List.copyOf(plan(targets));
    }

    /** No endpoint names this source. */
    boolean isEmpty() {
        return configured == 0;
    }

    /** The requests a poll sends, in order. */
    List<Batch> batches() {
        return batches;
    }

    /** Sends every batch at once (OkHttp threads do the waiting); {@link Round#finish()} collects. */
    Round start(PrometheusClient client) {
        return new Round(client);
    }

    private static List<Batch> plan(List<EndpointTarget> targets) {
        List<Batch> out = new ArrayList<>();
        for (EndpointSignal signal : EndpointSignal.values()) {
            List<EndpointTarget> chunk = new ArrayList<>();
            List<String> pieces = new ArrayList<>();
            int length = 0;
            for (EndpointTarget t : targets) {
                if (!signal.appliesTo(t)) {
                    continue;
                }
                String piece = piece(signal, t);
                if (!pieces.isEmpty() && length + 4 + piece.length() > MAX_QUERY_CHARS) {
                    out.add(new Batch(signal, List.copyOf(chunk), String.join(" or ", pieces)));
                    chunk.clear();
                    pieces.clear();
                    length = 0;
                }
                length += (pieces.isEmpty() ? 0 : 4) + piece.length();
                chunk.add(t);
                pieces.add(piece);
            }
            if (!pieces.isEmpty()) {
                out.add(new Batch(signal, List.copyOf(chunk), String.join(" or ", pieces)));
            }
        }
        return out;
    }

    private static String piece(EndpointSignal signal, EndpointTarget t) {
        return PromQl.withLabel(signal.expressionFor(t), ENDPOINT_LABEL, t.id());
    }

    /** What a poll learnt about the endpoints. */
    record Outcome(List<Reading> readings, List<String> warnings, List<SourceException> failures, int requests,
                   int failedRequests) {
    }

    /** One poll's requests in flight. */
    final class Round {
        private final PrometheusClient client;
        private final Map<Batch, CompletableFuture<QueryResult>> pending = new LinkedHashMap<>();
        private final Map<String, Map<EndpointSignal, List<QueryResult.Sample>>> answers = new LinkedHashMap<>();
        /** Endpoint ids with at least one signal answered, and with at least one signal failed. */
        private final Set<String> answered = new HashSet<>();
        private final Set<String> failedSome = new HashSet<>();
        private final Set<String> warnings = new LinkedHashSet<>();
        private final List<SourceException> failures = new ArrayList<>();
        private int requests;
        private int failedRequests;

        private Round(PrometheusClient client) {
            this.client = client;
            for (Batch b : batches) {
                pending.put(b, client.queryAsync(b.promql(), null));
            }
            requests = pending.size();
        }

        /** Waits for every answer, asks rejected batches again one endpoint at a time, and builds the readings. */
        Outcome finish() throws InterruptedException {
            List<Batch> retry = new ArrayList<>();
            for (Map.Entry<Batch, CompletableFuture<QueryResult>> e : pending.entrySet()) {
                SourceException failure = await(e.getKey(), e.getValue());
                if (failure != null && failure.kind() == Kind.QUERY && e.getKey().targets().size() > 1) {
                    failedRequests++;
                    failures.add(failure);
                    for (EndpointTarget t : e.getKey().targets()) {
                        retry.add(new Batch(e.getKey().signal(), List.of(t), piece(e.getKey().signal(), t)));
                    }
                } else if (failure != null) {
                    fail(e.getKey(), failure);
                }
            }
            if (!retry.isEmpty()) {
                Map<Batch, CompletableFuture<QueryResult>> again = new LinkedHashMap<>();
                retry.forEach(b -> again.put(b, client.queryAsync(b.promql(), null)));
                pending.putAll(again);
                requests += again.size();
                for (Map.Entry<Batch, CompletableFuture<QueryResult>> e : again.entrySet()) {
                    SourceException failure = await(e.getKey(), e.getValue());
                    if (failure != null) {
                        fail(e.getKey(), failure);
                    }
                }
            }
            List<String> all = new ArrayList<>(unreadable);
            List<Reading> readings = new ArrayList<>();
            for (EndpointTarget t : targets) {
                if (!answered.contains(t.id())) {
                    continue; // every query about it failed: its tile goes stale rather than blank
                }
                Reading r = reading(t);
                if (!hasSamples(t) && t.server() != EndpointTarget.Server.VERTEX && !failedSome.contains(t.id())) {
                    // vLLM, TGI and probes always have gauges; Vertex metrics are silent while no traffic flows
                    all.add("no " + t.server().label() + " series found for endpoint '" + t.id() + "'"
                            + (t.matchers().isEmpty() ? "" : " with {" + t.matchers() + "}"));
                }
                readings.add(r);
            }
            all.addAll(warnings);
            return new Outcome(readings, all, failures, requests, failedRequests);
        }

        /** Cancels whatever is still in flight (the poll was interrupted). */
        void cancel() {
            pending.values().forEach(f -> f.cancel(true));
        }

        /** @return the failure, or null when the answer was taken in */
        private SourceException await(Batch batch, CompletableFuture<QueryResult> future) throws InterruptedException {
            QueryResult result;
            try {
                result = future.get();
            } catch (ExecutionException ex) {
                return ex.getCause() instanceof SourceException s ? s
                        : new SourceException(Kind.MALFORMED, String.valueOf(ex.getCause()), ex.getCause());
            } catch (InterruptedException ex) {
                cancel();
                throw ex;
            }
            result.warnings().forEach(w -> warnings.add("Prometheus warning: " + w));
            if (!(result instanceof QueryResult.Vector v)) {
                warnings.add(batch.describe() + ": expected a vector, got " + result.getClass().getSimpleName());
                batch.targets().forEach(t -> failedSome.add(t.id()));
                return null;
            }
            Map<String, EndpointTarget> byId = new LinkedHashMap<>();
            batch.targets().forEach(t -> byId.put(t.id(), t));
            for (QueryResult.Sample s : v.samples()) {
                String id = s.labels().get(ENDPOINT_LABEL);
                if (id != null && byId.containsKey(id)) {
                    answers.computeIfAbsent(id, k -> new EnumMap<>(EndpointSignal.class))
                            .computeIfAbsent(batch.signal(), k -> new ArrayList<>()).add(s);
                }
            }
            answered.addAll(byId.keySet());
            return null;
        }

        private void fail(Batch batch, SourceException failure) {
            failedRequests++;
            failures.add(failure);
            warnings.add(batch.describe() + ": " + failure.getMessage());
            batch.targets().forEach(t -> failedSome.add(t.id()));
        }

        private boolean hasSamples(EndpointTarget t) {
            return answers.getOrDefault(t.id(), Map.of()).values().stream().anyMatch(l -> !l.isEmpty());
        }

        private Reading reading(EndpointTarget t) {
            Map<EndpointSignal, List<QueryResult.Sample>> mine = answers.getOrDefault(t.id(), Map.of());
            Map<Metric, Double> metrics = EndpointReadings.metrics(t.server(), mine);
            long newest = mine.values().stream().flatMap(List::stream)
                    .mapToLong(QueryResult.Sample::timestampMillis).max().orElse(Long.MIN_VALUE);
            Instant at = newest == Long.MIN_VALUE ? clock.instant() : Instant.ofEpochMilli(newest);
            return new Reading(TileKey.endpoint(t.id()), t.config().describe(), sourceId, at, metrics, Set.of());
        }
    }
}
