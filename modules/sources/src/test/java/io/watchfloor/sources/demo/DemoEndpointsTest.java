package io.watchfloor.sources.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKind;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.EndpointEvaluator;
import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.EndpointStatus;
import io.watchfloor.sources.SourceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo's LLM endpoints, judged by the same evaluator the views use. */
class DemoEndpointsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final EndpointEvaluator EVALUATOR =
            new EndpointEvaluator(List.of(), new EndpointEvaluator.Sla(99.5, 50, 5000));

    private static List<Reading> pollAt(Instant at, DemoOptions options) {
        SourceContext ctx = new SourceContext(Clock.fixed(at, ZoneOffset.UTC), Thresholds.DEFAULTS);
        return new DemoSource("demo", Duration.ofSeconds(2), options, ctx).poll().readings();
    }

    private static Map<String, EndpointState> judged(Instant at) {
        List<Reading> readings = pollAt(at, DemoOptions.DEFAULTS);
        SourceStatus up = new SourceStatus("demo", "demo", SourceState.UP, at, null, at, at, 0, Duration.ofSeconds(2), null);
        return EVALUATOR.evaluate(new WallSnapshot(at, List.of(up), readings, Map.of()), at).stream()
                .collect(Collectors.toMap(EndpointState::id, s -> s));
    }

    @Test
    void sixEndpointsAcrossProvidersWithEveryStatus() {
        Map<String, EndpointState> s = judged(T0);

        assertThat(s).containsOnlyKeys("demo-gpt4o-azure", "demo-claude-bedrock", "demo-llama-vllm",
                "demo-mistral-tgi", "demo-gemini-vertex", "demo-embed-sagemaker");
        assertThat(s.values()).extracting(EndpointState::provider).containsOnly("azure-openai", "bedrock",
                "openai-compatible", "vertex", "sagemaker");
        assertThat(s.values()).extracting(EndpointState::status)
                .contains(EndpointStatus.UP, EndpointStatus.DEGRADED, EndpointStatus.DOWN, EndpointStatus.UNKNOWN);
        assertThat(s.get("demo-mistral-tgi").reason()).isEqualTo("probe: HTTP 503");
        assertThat(s.get("demo-claude-bedrock").reason()).startsWith("throttled ");
        assertThat(s.get("demo-claude-bedrock").latencyIsAverage()).isTrue();
        assertThat(s.get("demo-gemini-vertex").reason()).startsWith("p95 ");
        assertThat(s.get("demo-embed-sagemaker").reason()).isEqualTo("no traffic, no probe");
        assertThat(s.values()).allSatisfy(e -> assertThat(e.demo()).isTrue());
    }

    @Test
    void everyReadingIsMarkedDemo() {
        List<Reading> endpointReadings = pollAt(T0, DemoOptions.DEFAULTS).stream()
                .filter(r -> r.key().kind() == TileKind.ENDPOINT || r.key().kind() == TileKind.PROBE).toList();
        assertThat(endpointReadings).isNotEmpty().allSatisfy(r -> assertThat(r.flags()).contains(Flag.DEMO));
        assertThat(endpointReadings).filteredOn(r -> r.key().kind() == TileKind.ENDPOINT)
                .hasSize(6).allSatisfy(r -> assertThat(r.model()).contains("DEMO"));
    }

    @Test
    void providersOnlyReportWhatTheyHave() {
        Map<String, Reading> provider = pollAt(T0, DemoOptions.DEFAULTS).stream()
                .filter(r -> r.key().kind() == TileKind.ENDPOINT)
                .collect(Collectors.toMap(r -> r.key().host(), r -> r));
        // an average only, and said so by the absence of percentiles
        assertThat(provider.get("demo-claude-bedrock").metrics()).containsKey(Metric.AVG_MS)
                .doesNotContainKeys(Metric.P50_MS, Metric.P95_MS);
        // a silent cloud endpoint: no figures at all, never zeros
        assertThat(provider.get("demo-embed-sagemaker").metrics()).isEmpty();
        assertThat(provider.get("demo-llama-vllm").metrics()).containsKeys(Metric.REQUESTS_RUNNING, Metric.KV_CACHE_PCT);
        assertThat(provider.get("demo-gpt4o-azure").metrics()).doesNotContainKey(Metric.REQUESTS_RUNNING);
    }

    @Test
    void statusesHoldOverTwoDays() {
        List<String> drift = new ArrayList<>();
        Map<String, EndpointStatus> first = judged(T0).values().stream()
                .collect(Collectors.toMap(EndpointState::id, EndpointState::status));
        for (long s = 0; s < 2 * 86400; s += 997) {
            judged(T0.plusSeconds(s)).values().forEach(e -> {
                if (e.status() != first.get(e.id())) {
                    drift.add(e.id() + " " + e.status() + " (" + e.reason() + ")");
                }
            });
        }
        assertThat(drift).isEmpty();
    }

    @Test
    void endpointsCanBeTurnedOffAndTheOptionIsValidated() {
        DemoOptions off = new DemoOptions(1, 2, DemoOptions.DEFAULTS.model(), 42, false);
        assertThat(pollAt(T0, off)).allSatisfy(r -> assertThat(r.key().kind()).isEqualTo(TileKind.GPU)).hasSize(2);

        List<ConfigProblem> problems = new ArrayList<>();
        assertThat(DemoOptions.parse(DemoConfigs.demo(Map.of("endpoints", false)), problems).endpoints()).isFalse();
        assertThat(problems).isEmpty();
        DemoOptions.parse(DemoConfigs.demo(Map.of("endpoints", "no")), problems);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("'endpoints'", "true or false"));
    }

    @Test
    void addingEndpointsChangesNoGpu() {
        DemoOptions off = new DemoOptions(6, 8, DemoOptions.DEFAULTS.model(), 42, false);
        List<Reading> gpus = pollAt(T0, DemoOptions.DEFAULTS).stream().filter(r -> r.key().kind() == TileKind.GPU).toList();
        assertThat(gpus).isEqualTo(pollAt(T0, off));
    }
}
