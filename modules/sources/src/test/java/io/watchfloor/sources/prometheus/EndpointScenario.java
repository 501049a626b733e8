package io.watchfloor.sources.prometheus;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Position;
import io.watchfloor.config.Provider;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints whose queries were answered by a real Prometheus 2.42 holding the series of
 * resources/prometheus/endpoints/series.py (see the README there). {@link #main} prints every query a poll can ask
 * about them, for capture.sh; the tests serve the captured answers.
 */
final class EndpointScenario {
    static final String SOURCE = "prom-llm";
    /** The evaluation time of every captured answer: the last sample of the series. */
    static final Instant EVALUATED_AT = Instant.ofEpochSecond(1795421700);

    private EndpointScenario() {
    }

    static EndpointConfig openAi(String id, String url, String selector, String server) {
        Map<String, String> identity = new HashMap<>();
        if (selector != null) {
            identity.put("selector", selector);
        }
        if (server != null) {
            identity.put("server", server);
        }
        return new EndpointConfig(id, null, Provider.OPENAI_COMPATIBLE, URI.create(url), SOURCE, identity, null, null,
                null, at(id));
    }

    static EndpointConfig vertex(String id, String endpointId, String location, String project) {
        Map<String, String> identity = new HashMap<>();
        identity.put("endpointId", endpointId);
        if (location != null) {
            identity.put("location", location);
        }
        if (project != null) {
            identity.put("project", project);
        }
        return new EndpointConfig(id, null, Provider.VERTEX, null, SOURCE, identity, null, null, null, at(id));
    }

    static EndpointConfig prometheus(String id, String selector) {
        return prometheus(id, selector, null);
    }

    static EndpointConfig prometheus(String id, String selector, String server) {
        Map<String, String> identity = new HashMap<>();
        identity.put("selector", selector);
        if (server != null) {
            identity.put("server", server);
        }
        return new EndpointConfig(id, null, Provider.PROMETHEUS, null, SOURCE, identity, null, null, null, at(id));
    }

    /** Every kind the source reads, each with data, plus an idle Vertex endpoint with no series at all. */
    static List<EndpointConfig> fleet() {
        return List.of(
                openAi("llama-a", "http://10.0.0.5:8000/v1", "{job=\"vllm\",instance=\"10.0.0.5:8000\"}", null),
                openAi("mistral-old", "http://10.0.0.6:8000/v1", "job=\"vllm\",instance=\"10.0.0.6:8000\"", "vllm"),
                openAi("falcon-tgi", "http://10.0.0.7:80/v1", "{job=\"tgi\",instance=\"10.0.0.7:80\"}", "tgi"),
                vertex("gemma-vertex", "1234567890", "us-central1", "my-project"),
                vertex("idle-vertex", "5550001111", "europe-west4", null),
                prometheus("llama-a-health", "{job=\"blackbox\",instance=\"http://10.0.0.5:8000/health\"}"),
                prometheus("custom-up", "{job=\"custom-llm\"}"));
    }

    /** Two good probes and one whose regex the server rejects: the batch fails and is asked again per endpoint. */
    static List<EndpointConfig> probesWithATypo() {
        return List.of(
                prometheus("llama-a-health", "{job=\"blackbox\",instance=\"http://10.0.0.5:8000/health\"}"),
                prometheus("typo", "{job=~\"vllm(\"}"),
                prometheus("custom-up", "{job=\"custom-llm\"}"));
    }

    static SourceContext context(Instant now, List<EndpointConfig> endpoints) {
        return new SourceContext(Clock.fixed(now, ZoneOffset.UTC), Thresholds.DEFAULTS, endpoints);
    }

    private static Position at(String id) {
        return new Position(Path.of("watchfloor.yaml"), 40 + Math.abs(id.hashCode() % 50), 5);
    }

    /** Every query: the batches, and each endpoint's own query for when a batch is asked again. */
    static List<String> allQueries() {
        List<String> out = new ArrayList<>();
        for (List<EndpointConfig> scenario : List.of(fleet(), probesWithATypo())) {
            EndpointQueries q = new EndpointQueries(SOURCE, scenario, Clock.systemUTC());
            for (EndpointQueries.Batch b : q.batches()) {
                if (!out.contains(b.promql())) {
                    out.add(b.promql());
                }
                if (b.targets().size() > 1) {
                    for (EndpointTarget t : b.targets()) {
                        String single = new EndpointQueries(SOURCE, List.of(t.config()), Clock.systemUTC()).batches()
                                .stream().filter(x -> x.signal() == b.signal()).findFirst().orElseThrow().promql();
                        if (!out.contains(single)) {
                            out.add(single);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** One query per line, for capture.sh. */
    public static void main(String[] args) {
        allQueries().forEach(System.out::println);
    }
}
