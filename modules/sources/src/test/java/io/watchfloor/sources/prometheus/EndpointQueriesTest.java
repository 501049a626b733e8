package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.Position;
import io.watchfloor.config.Provider;
import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** How endpoint queries are planned: batching, cutting, escaping, which signals apply. */
class EndpointQueriesTest {
    private static final Pattern TAG = Pattern.compile("\"" + EndpointQueries.ENDPOINT_LABEL + "\", \"([^\"]+)\"");

    private static List<EndpointConfig> vllmFleet(int n) {
        List<EndpointConfig> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(EndpointScenario.openAi("llama-" + i, "http://10.0.1." + i + ":8000/v1",
                    "{job=\"vllm\",instance=\"10.0.1." + i + ":8000\"}", null));
        }
        return out;
    }

    private static List<String> taggedIds(String promql) {
        List<String> ids = new ArrayList<>();
        Matcher m = TAG.matcher(promql);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void longBatchesAreCutAndEveryEndpointIsAskedOncePerSignal() {
        EndpointQueries q = new EndpointQueries("p", vllmFleet(40), Clock.systemUTC());

        assertThat(q.batches()).allSatisfy(b -> assertThat(b.promql().length()).isLessThanOrEqualTo(
                EndpointQueries.MAX_QUERY_CHARS));
        for (EndpointSignal s : EndpointSignal.values()) {
            List<String> ids = q.batches().stream().filter(b -> b.signal() == s)
                    .flatMap(b -> taggedIds(b.promql()).stream()).toList();
            if (s.server() == EndpointTarget.Server.VLLM) {
                assertThat(ids).as(s.name()).hasSize(40).doesNotHaveDuplicates();
            } else {
                assertThat(ids).as(s.name()).isEmpty();
            }
        }
        assertThat(q.batches()).hasSizeGreaterThan(9).hasSizeLessThan(9 * 40 / 4);
        assertThat(q.batches()).allSatisfy(b -> assertThat(taggedIds(b.promql()))
                .containsExactlyElementsOf(b.targets().stream().map(EndpointTarget::id).toList()));
    }

    /** Answers are built from a real capture with the labels and values substituted (see VectorAnswers). */
    @Test
    void cutBatchesAreReassembledPerEndpoint() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String q = request.getUrl().queryParameter("query");
                    Map<Map<String, String>, String> samples = new LinkedHashMap<>();
                    if (q.contains("vllm:num_requests_running")) {
                        for (String id : taggedIds(q)) {
                            samples.put(Map.of(EndpointQueries.ENDPOINT_LABEL, id), id.substring("llama-".length()));
                        }
                    }
                    return PrometheusClientTest.json(200, VectorAnswers.vector(samples));
                }
            });
            server.start();
            List<EndpointConfig> fleet = vllmFleet(40);
            PrometheusGpuSource source = new PrometheusGpuSource(EndpointScenario.SOURCE, Duration.ofSeconds(10),
                    new PrometheusClient(HttpSettings.of(server.url("/").uri())), null, false,
                    EndpointScenario.context(Instant.EPOCH, fleet));
            try (source) {
                PollResult r = source.poll();

                assertThat(r.requests()).isEqualTo(source.endpoints().batches().size());
                assertThat(r.readings()).hasSize(40);
                for (int i = 0; i < 40; i++) {
                    Reading x = r.readings().get(i);
                    assertThat(x.key().host()).isEqualTo("llama-" + i);
                    assertThat(x.value(Metric.REQUESTS_RUNNING)).isEqualTo(i);
                    assertThat(x.sampledAt()).isEqualTo(Instant.ofEpochMilli(VectorAnswers.timestampMillis()));
                }
                assertThat(r.warnings()).isEmpty();
            }
        }
    }

    @Test
    void endpointIdsAndIdentityValuesAreEscaped() {
        EndpointConfig odd = EndpointScenario.vertex("cost$1 \"centre\"", "12\\34", null, null);

        String promql = new EndpointQueries("p", List.of(odd), Clock.systemUTC()).batches().getFirst().promql();

        // checked against Prometheus 2.42: this label_replace yields watchfloor_endpoint = cost$1 "centre"
        assertThat(promql).contains("endpoint_id=\"12\\\\34\"")
                .endsWith(", \"watchfloor_endpoint\", \"cost$$1 \\\"centre\\\"\", \"\", \"\")");
    }

    @Test
    void withoutSelectorTheGenericHttpCounterIsNotAsked() {
        EndpointConfig bare = EndpointScenario.openAi("solo", "http://10.0.0.5:8000/v1", null, null);

        List<EndpointQueries.Batch> b = new EndpointQueries("p", List.of(bare), Clock.systemUTC()).batches();

        assertThat(b).extracting(EndpointQueries.Batch::signal).doesNotContain(EndpointSignal.VLLM_HTTP_BY_STATUS)
                .contains(EndpointSignal.VLLM_FINISHED);
        assertThat(b.getFirst().promql())
                .isEqualTo("label_replace(sum(vllm:num_requests_running), \"watchfloor_endpoint\", \"solo\", \"\", \"\")");
    }

    @Test
    void whichMetricNamesEachServerGets() {
        EndpointTarget tgi = EndpointTarget.of(EndpointScenario.prometheus("t", "job=\"tgi\"", "TGI"));
        EndpointTarget probe = EndpointTarget.of(EndpointScenario.prometheus("p", "job=\"blackbox\""));
        EndpointTarget vertex = EndpointTarget.of(EndpointScenario.vertex("v", "42", "us-central1", "proj-a"));

        assertThat(tgi.server()).isEqualTo(EndpointTarget.Server.TGI);
        assertThat(probe.server()).isEqualTo(EndpointTarget.Server.BLACKBOX);
        assertThat(vertex.matchers()).isEqualTo("monitored_resource=\"aiplatform.googleapis.com/Endpoint\","
                + "endpoint_id=\"42\",location=\"us-central1\",resource_container=\"proj-a\"");
    }

    @Test
    void endpointsOfOtherProvidersAreNotRead() {
        EndpointConfig bedrock = new EndpointConfig("claude", null, Provider.BEDROCK, null, "p",
                Map.of("model", "anthropic.claude-3-haiku"), null, null, null,
                new Position(Path.of("w.yaml"), 3, 5));

        assertThatThrownBy(() -> EndpointTarget.of(bedrock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint 'claude' is a bedrock endpoint, which a cloudwatch source reads, "
                        + "not a prometheus source");
        EndpointQueries q = new EndpointQueries("p", List.of(bedrock), Clock.systemUTC());
        assertThat(q.isEmpty()).isFalse();
        assertThat(q.batches()).isEmpty();
    }

    @Test
    void unknownServerIsRejected() {
        EndpointConfig e = EndpointScenario.openAi("x", "http://h/v1", null, "triton");

        assertThatThrownBy(() -> EndpointTarget.of(e))
                .hasMessage("endpoint 'x': server 'triton' is not known; expected vllm or tgi");
    }

    @Test
    void urlOfAnOpenAiEndpointIsNotASelector() {
        EndpointConfig e = new EndpointConfig("x", null, Provider.OPENAI_COMPATIBLE, URI.create("http://h:8000/v1"),
                "p", Map.of(), null, null, null, new Position(Path.of("w.yaml"), 1, 1));

        assertThat(EndpointTarget.of(e).matchers()).isEmpty();
    }
}
