package io.watchfloor.engine;

import static io.watchfloor.engine.Fixtures.T0;
import static io.watchfloor.engine.Fixtures.block;
import static io.watchfloor.engine.Fixtures.fail;
import static io.watchfloor.engine.Fixtures.gpu;
import static io.watchfloor.engine.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Charts;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException.Kind;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the engine does for LLM endpoints: the probe lane, availability evidence, endpoint charts. */
class EndpointPollingTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(T0);
    private final FakeStore store = new FakeStore();
    private final List<PollerEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(PollerEngine::close);
    }

    private static Reading probe(String endpoint, double up, double ms) {
        return new Reading(TileKey.probe(endpoint), "200 OK", "probe:" + endpoint, T0,
                Map.of(Metric.PROBE_UP, up, Metric.PROBE_MS, ms), Set.of());
    }

    /** Judges probe readings as the app does: PROBE_UP 1 is up, anything else down. */
    private static final AvailabilityJudge PROBE_JUDGE = (source, interval, readings) -> readings.stream()
            .filter(r -> r.has(Metric.PROBE_UP))
            .map(r -> new AvailabilityObservation(r.key().host(), r.sampledAt(),
                    r.value(Metric.PROBE_UP) == 1.0 ? Availability.UP : Availability.DOWN, interval, r.model()))
            .toList();

    @Test
    void probesKeepPollingWhileEveryMetricWorkerIsStuck() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ScriptedSource stuck = new ScriptedSource("prom", Duration.ofMillis(20), block(never));
        ScriptedSource probe = new ScriptedSource("probe:llama", Duration.ofMillis(20), ok(probe("llama", 1, 12)));
        probe.lane = Source.LANE_PROBE;
        EngineSettings settings = EngineSettings.DEFAULTS.withMaxConcurrentPolls(1)
                .withPollTimeouts(Map.of("prom", Duration.ofMinutes(5)));
        PollerEngine engine = new PollerEngine(List.of(stuck, probe), store, clock, settings, () -> 0L);
        engines.add(engine);
        try {
            engine.start();
            assertThat(stuck.awaitPolls(1, 10)).isTrue();
            // The only metric worker is held; without a lane of its own the probe would wait behind it.
            assertThat(probe.awaitPolls(3, 10)).as("probe polls while the metric lane is blocked").isTrue();
        } finally {
            never.countDown();
        }
    }

    @Test
    void answeredPollsFeedTheLedgerAndFailedPollsGiveNoEvidence() {
        ScriptedSource up = new ScriptedSource("probe:a", Duration.ofSeconds(10), ok(probe("a", 1, 12)));
        ScriptedSource down = new ScriptedSource("probe:b", Duration.ofSeconds(10), ok(probe("b", 0, 5000)));
        ScriptedSource broken = new ScriptedSource("probe:c", Duration.ofSeconds(10), fail(Kind.AUTH, "key unset"));
        PollerEngine engine = new PollerEngine(List.of(up, down, broken), store, clock, EngineSettings.DEFAULTS,
                () -> 0L, PROBE_JUDGE);
        engines.add(engine);

        engine.pollAllOnce(DEADLINE);

        assertThat(store.availability()).extracting(AvailabilityObservation::endpointId, AvailabilityObservation::state,
                        AvailabilityObservation::validFor)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a", Availability.UP, Duration.ofSeconds(10)),
                        org.assertj.core.groups.Tuple.tuple("b", Availability.DOWN, Duration.ofSeconds(10)));
    }

    @Test
    void aJudgeThatThrowsCostsOnlyTheEvidenceNotThePoll() {
        ScriptedSource up = new ScriptedSource("probe:a", Duration.ofSeconds(10), ok(probe("a", 1, 12)));
        PollerEngine engine = new PollerEngine(List.of(up), store, clock, EngineSettings.DEFAULTS, () -> 0L,
                (s, i, r) -> {
                    throw new IllegalStateException("bug");
                });
        engines.add(engine);

        engine.pollAllOnce(DEADLINE);

        assertThat(store.availability()).isEmpty();
        assertThat(engine.current().readings()).hasSize(1);
    }

    @Test
    void endpointTilesChartSeveralMetricsAndGpuTilesKeepTheirSparklineKey() {
        Reading endpoint = new Reading(TileKey.endpoint("gpt4o"), "azure-openai", "azure", T0,
                Map.of(Metric.P95_MS, 850.0, Metric.ERROR_PCT, 1.5, Metric.REQUESTS_PM, 300.0), Set.of());
        ScriptedSource azure = new ScriptedSource("azure", Duration.ofSeconds(60), ok(endpoint));
        ScriptedSource prom = new ScriptedSource("prom", Duration.ofSeconds(10), ok(gpu("a", 0, "prom", T0, 55)));
        PollerEngine engine = new PollerEngine(List.of(azure, prom), store, clock, EngineSettings.DEFAULTS, () -> 0L);
        engines.add(engine);

        engine.pollAllOnce(DEADLINE);
        WallSnapshot s = engine.current();

        assertThat(s.sparklines()).containsKeys("a/gpu0", "endpoint:gpt4o#p95_ms", "endpoint:gpt4o#error_pct",
                "endpoint:gpt4o#rpm");
        assertThat(s.sparklines()).doesNotContainKey("endpoint:gpt4o#p50_ms");
        assertThat(s.sparklines().get(Charts.key(endpoint.key(), Metric.P95_MS)).values()).containsExactly(850.0);
    }

    @Test
    void endpointChartsComeBackFromTheCacheAfterARestart() {
        Reading endpoint = new Reading(TileKey.endpoint("gpt4o"), "azure-openai", "azure", T0,
                Map.of(Metric.P95_MS, 850.0, Metric.ERROR_PCT, 1.5), Set.of());
        store.record(List.of(endpoint));
        ScriptedSource azure = new ScriptedSource("azure", Duration.ofSeconds(60), ok());
        PollerEngine engine = new PollerEngine(List.of(azure), store, clock, EngineSettings.DEFAULTS, () -> 0L);
        engines.add(engine);

        WallSnapshot s = engine.loadFromCache();

        assertThat(s.sparklines()).containsKeys("endpoint:gpt4o#p95_ms", "endpoint:gpt4o#error_pct");
    }
}
