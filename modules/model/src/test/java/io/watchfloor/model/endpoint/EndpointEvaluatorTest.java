package io.watchfloor.model.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EndpointEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final EndpointEvaluator.Sla SLA = new EndpointEvaluator.Sla(99.5, 50, 5000);
    private static final EndpointEvaluator.Endpoint LLAMA =
            new EndpointEvaluator.Endpoint("llama", "LLaMA on-prem", "openai-compatible", "prom", Duration.ofSeconds(10), SLA);
    private static final EndpointEvaluator.Endpoint CLAUDE =
            new EndpointEvaluator.Endpoint("claude", null, "bedrock", "aws", null, SLA);

    private static Reading provider(String id, String source, Instant at, Map<Metric, Double> m) {
        return new Reading(TileKey.endpoint(id), "bedrock us-east-1 anthropic.claude", source, at, m, Set.of());
    }

    private static Reading probe(String id, Instant at, String outcome, Map<Metric, Double> m) {
        return new Reading(TileKey.probe(id), outcome, "probes", at, m, Set.of());
    }

    private static SourceStatus source(String id, SourceState state, Duration interval) {
        return new SourceStatus(id, "x", state, NOW.minusSeconds(600), state == SourceState.UP ? null : "boom",
                NOW.minusSeconds(5), NOW.minusSeconds(5), 0, interval, null);
    }

    private static List<SourceStatus> healthy() {
        return List.of(source("prom", SourceState.UP, Duration.ofSeconds(10)),
                source("aws", SourceState.UP, Duration.ofSeconds(60)),
                source("probes", SourceState.UP, Duration.ofSeconds(10)));
    }

    private static EndpointState judge(EndpointEvaluator.Endpoint e, List<SourceStatus> sources, Reading... readings) {
        WallSnapshot s = new WallSnapshot(NOW, sources, List.of(readings), Map.of());
        return new EndpointEvaluator(List.of(e), SLA).evaluate(s, NOW).getFirst();
    }

    private static final Map<Metric, Double> PROBE_OK = Map.of(Metric.PROBE_UP, 1.0, Metric.PROBE_MS, 180.0,
            Metric.PROBE_HTTP_STATUS, 200.0, Metric.TLS_DAYS_LEFT, 80.0);
    private static final Map<Metric, Double> TRAFFIC_OK = Map.of(Metric.REQUESTS_PM, 420.0, Metric.ERROR_PCT, 0.4,
            Metric.SERVER_ERROR_PCT, 0.1, Metric.CLIENT_ERROR_PCT, 0.3, Metric.P50_MS, 300.0, Metric.P95_MS, 900.0);

    @Nested
    class Down {
        @Test
        void aFailedProbeIsDownWithTheProbesWords() {
            EndpointState s = judge(LLAMA, healthy(), probe("llama", NOW.minusSeconds(3), "HTTP 503",
                    Map.of(Metric.PROBE_UP, 0.0, Metric.PROBE_HTTP_STATUS, 503.0, Metric.PROBE_MS, 40.0)),
                    provider("llama", "prom", NOW.minusSeconds(3), TRAFFIC_OK));
            assertThat(s.status()).isEqualTo(EndpointStatus.DOWN);
            assertThat(s.reason()).isEqualTo("probe: HTTP 503");
            assertThat(s.probeOutcome()).isEqualTo("HTTP 503");
        }

        @Test
        void aFailedProbeWithoutTextIsNamedByItsHttpStatus() {
            EndpointState s = judge(LLAMA, healthy(), probe("llama", NOW, null,
                    Map.of(Metric.PROBE_UP, 0.0, Metric.PROBE_HTTP_STATUS, 502.0)));
            assertThat(s.reason()).isEqualTo("probe: HTTP 502");
        }

        @Test
        void withoutAProbeServerErrorsAtTheSlaLineAreDown() {
            EndpointState s = judge(CLAUDE, healthy(), provider("claude", "aws", NOW.minusSeconds(30),
                    Map.of(Metric.REQUESTS_PM, 100.0, Metric.SERVER_ERROR_PCT, 50.0, Metric.ERROR_PCT, 51.0)));
            assertThat(s.status()).isEqualTo(EndpointStatus.DOWN);
            assertThat(s.reason()).isEqualTo("5xx 50%");
        }

        @Test
        void withoutAProbeLowAvailabilityIsDown() {
            EndpointState s = judge(CLAUDE, healthy(), provider("claude", "aws", NOW,
                    Map.of(Metric.AVAILABILITY_PCT, 20.0)));
            assertThat(s.status()).isEqualTo(EndpointStatus.DOWN);
            assertThat(s.reason()).isEqualTo("availability 20%");
        }

        @Test
        void aPassingProbeOutranksServerErrorsWhichThenOnlyDegrade() {
            EndpointState s = judge(LLAMA, healthy(), probe("llama", NOW, "200 OK · 3 models", PROBE_OK),
                    provider("llama", "prom", NOW, Map.of(Metric.REQUESTS_PM, 100.0, Metric.SERVER_ERROR_PCT, 62.0,
                            Metric.ERROR_PCT, 62.0)));
            assertThat(s.status()).isEqualTo(EndpointStatus.DEGRADED);
            assertThat(s.reason()).isEqualTo("5xx 62%");
        }

        @Test
        void aStaleFailedProbeIsNoLongerEvidence() {
            EndpointState s = judge(LLAMA, healthy(), probe("llama", NOW.minusSeconds(120), "HTTP 503",
                    Map.of(Metric.PROBE_UP, 0.0)));
            assertThat(s.status()).isEqualTo(EndpointStatus.UNKNOWN);
            assertThat(s.reason()).isEqualTo("no data for 2m 00s");
        }
    }

    @Nested
    class Unknown {
        @Test
        void nothingReadYet() {
            EndpointState s = judge(LLAMA, healthy());
            assertThat(s.status()).isEqualTo(EndpointStatus.UNKNOWN);
            assertThat(s.reason()).isEqualTo("no data yet");
            assertThat(s.ageSeconds()).isNull();
            assertThat(s.metrics()).isEmpty();
        }

        @Test
        void theSourceOfAnEndpointWithoutReadingsIsNamedWithItsState() {
            EndpointState s = judge(CLAUDE, List.of(source("aws", SourceState.AUTH_EXPIRED, Duration.ofSeconds(60))));
            assertThat(s.status()).isEqualTo(EndpointStatus.UNKNOWN);
            assertThat(s.reason()).isEqualTo("no data: source aws AUTH EXPIRED");
        }

        @Test
        void readingsOfADownSourceAreNotEvidenceButTheirLastValuesAreShown() {
            EndpointState s = judge(CLAUDE, List.of(source("aws", SourceState.DOWN, Duration.ofSeconds(60))),
                    provider("claude", "aws", NOW.minusSeconds(20), TRAFFIC_OK));
            assertThat(s.status()).isEqualTo(EndpointStatus.UNKNOWN);
            assertThat(s.reason()).isEqualTo("no data: source aws DOWN");
            assertThat(s.value(Metric.REQUESTS_PM)).isEqualTo(420.0);
            assertThat(s.ageSeconds()).isEqualTo(20.0);
        }

        @Test
        void readingsOlderThanThreeSourceIntervalsAreStale() {
            // aws polls every 60 s: 170 s is still fresh, 190 s is not
            assertThat(judge(CLAUDE, healthy(), provider("claude", "aws", NOW.minusSeconds(170), TRAFFIC_OK)).status())
                    .isEqualTo(EndpointStatus.UP);
            EndpointState stale = judge(CLAUDE, healthy(), provider("claude", "aws", NOW.minusSeconds(190), TRAFFIC_OK));
            assertThat(stale.status()).isEqualTo(EndpointStatus.UNKNOWN);
            assertThat(stale.reason()).isEqualTo("no data for 3m 10s");
        }

        @Test
        void aFastSourceIsStillGivenFifteenSeconds() {
            List<SourceStatus> fast = List.of(source("prom", SourceState.UP, Duration.ofSeconds(2)));
            assertThat(judge(LLAMA, fast, provider("llama", "prom", NOW.minusSeconds(14), TRAFFIC_OK)).status())
                    .isEqualTo(EndpointStatus.UP);
            assertThat(judge(LLAMA, fast, provider("llama", "prom", NOW.minusSeconds(16), TRAFFIC_OK)).status())
                    .isEqualTo(EndpointStatus.UNKNOWN);
        }

        @Test
        void aProbeWithoutAVerdictSaysWhy() {
            EndpointState s = judge(LLAMA, healthy(), probe("llama", NOW, "console network down",
                    Map.of(Metric.PROBE_MS, 5000.0)));
            assertThat(s.status()).isEqualTo(EndpointStatus.UNKNOWN);
            assertThat(s.reason()).isEqualTo("probe could not judge: console network down");
        }

        @Test
        void providerMetricsWithoutTrafficSayNothing() {
            EndpointState s = judge(CLAUDE, healthy(), provider("claude", "aws", NOW,
                    Map.of(Metric.REQUESTS_PM, 0.0, Metric.TOKENS_IN_PM, 0.0)));
            assertThat(s.status()).isEqualTo(EndpointStatus.UNKNOWN);
            assertThat(s.reason()).isEqualTo("no traffic, no probe");
        }

        @Test
        void anIdleServerThatAnswersItsOwnGaugesIsUp() {
            EndpointState s = judge(LLAMA, healthy(), provider("llama", "prom", NOW,
                    Map.of(Metric.REQUESTS_PM, 0.0, Metric.REQUESTS_RUNNING, 0.0, Metric.KV_CACHE_PCT, 1.0)));
            assertThat(s.status()).isEqualTo(EndpointStatus.UP);
        }
    }

    @Nested
    class Degraded {
        private EndpointState withProvider(Map<Metric, Double> m) {
            return judge(CLAUDE, healthy(), provider("claude", "aws", NOW, m));
        }

        @Test
        void errorsAreNamedBySideWhenOneSideCrossesTheLine() {
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.ERROR_PCT, 12.0,
                    Metric.SERVER_ERROR_PCT, 12.0, Metric.CLIENT_ERROR_PCT, 0.0)).reason()).isEqualTo("5xx 12%");
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.ERROR_PCT, 6.0,
                    Metric.SERVER_ERROR_PCT, 0.5, Metric.CLIENT_ERROR_PCT, 5.5)).reason()).isEqualTo("4xx 5.5%");
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.ERROR_PCT, 6.0,
                    Metric.SERVER_ERROR_PCT, 3.0, Metric.CLIENT_ERROR_PCT, 3.0)).reason()).isEqualTo("errors 6.0%");
            // without a total, client + server make it
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.SERVER_ERROR_PCT, 3.0,
                    Metric.CLIENT_ERROR_PCT, 2.5)).status()).isEqualTo(EndpointStatus.DEGRADED);
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.ERROR_PCT, 4.9)).status())
                    .isEqualTo(EndpointStatus.UP);
        }

        @Test
        void throttlesFromTenPercent() {
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.THROTTLE_PCT, 10.0)).reason())
                    .isEqualTo("throttled 10%");
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.THROTTLE_PCT, 9.9)).status())
                    .isEqualTo(EndpointStatus.UP);
        }

        @Test
        void slowP95OrAverageWhereThatIsAll() {
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.P95_MS, 6200.0)).reason()).isEqualTo("p95 6.2 s");
            EndpointState avg = withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.AVG_MS, 5200.0));
            assertThat(avg.reason()).isEqualTo("avg 5.2 s");
            assertThat(avg.latencyIsAverage()).isTrue();
            assertThat(avg.latencyMs()).isEqualTo(5200.0);
            assertThat(withProvider(Map.of(Metric.REQUESTS_PM, 10.0, Metric.P95_MS, 4999.0)).status())
                    .isEqualTo(EndpointStatus.UP);
        }

        @Test
        void theSlaOfTheEndpointSetsTheLatencyLine() {
            var strict = new EndpointEvaluator.Endpoint("claude", null, "bedrock", "aws", null,
                    new EndpointEvaluator.Sla(99.9, 50, 800));
            EndpointState s = judge(strict, healthy(), provider("claude", "aws", NOW, TRAFFIC_OK));
            assertThat(s.reason()).isEqualTo("p95 900 ms");
            assertThat(s.slaTargetPct()).isEqualTo(99.9);
        }

        @Test
        void slowProbeAndExpiringCertificateAreBothListed() {
            EndpointState s = judge(LLAMA, healthy(), probe("llama", NOW, "200 OK", Map.of(Metric.PROBE_UP, 1.0,
                    Metric.PROBE_MS, 6000.0, Metric.TLS_DAYS_LEFT, 3.7)));
            assertThat(s.status()).isEqualTo(EndpointStatus.DEGRADED);
            assertThat(s.reason()).isEqualTo("probe 6.0 s · TLS cert expires in 3 d");
            assertThat(s.latencyIsAverage()).isFalse();
        }
    }

    @Test
    void upMergesProbeAndProviderMetricsAndTakesTheFreshestAge() {
        EndpointState s = judge(LLAMA, healthy(), probe("llama", NOW.minusSeconds(4), "200 OK · 3 models", PROBE_OK),
                provider("llama", "prom", NOW.minusSeconds(9), TRAFFIC_OK));
        assertThat(s.status()).isEqualTo(EndpointStatus.UP);
        assertThat(s.reason()).isEmpty();
        assertThat(s.ageSeconds()).isEqualTo(4.0);
        assertThat(s.value(Metric.PROBE_MS)).isEqualTo(180.0);
        assertThat(s.value(Metric.P95_MS)).isEqualTo(900.0);
        // the provider gives no tokens: absent, never 0
        assertThat(s.metrics()).doesNotContainKey(Metric.TOKENS_IN_PM);
        assertThat(s.name()).isEqualTo("LLaMA on-prem");
        assertThat(s.provider()).isEqualTo("openai-compatible");
        assertThat(s.configured()).isTrue();
    }

    @Test
    void aFreshProbeKeepsTheEndpointJudgedWhileItsMetricsSourceIsDown() {
        List<SourceStatus> sources = new ArrayList<>(healthy());
        sources.set(0, source("prom", SourceState.DOWN, Duration.ofSeconds(10)));
        EndpointState s = judge(LLAMA, sources, probe("llama", NOW, "200 OK", PROBE_OK),
                provider("llama", "prom", NOW.minusSeconds(40), TRAFFIC_OK));
        assertThat(s.status()).isEqualTo(EndpointStatus.UP);
        // the provider's old figures are not passed off as current
        assertThat(s.metrics()).doesNotContainKey(Metric.REQUESTS_PM);
        assertThat(s.ageSeconds()).isEqualTo(0.0);
    }

    @Test
    void endpointsWithReadingsButNoConfigAreShownAfterTheConfiguredOnes() {
        Reading demo = new Reading(TileKey.endpoint("demo-b"), "DEMO azure-openai gpt-4o eastus", "demo", NOW,
                TRAFFIC_OK, Set.of(Flag.DEMO));
        Reading odd = new Reading(TileKey.probe("demo-a"), "200 OK (DEMO)", "demo", NOW, PROBE_OK, Set.of(Flag.DEMO));
        Reading gpu = new Reading(TileKey.gpu("h", "0", null, null), "H100", "demo", NOW, Map.of(Metric.UTIL_PCT, 3.0), Set.of());
        WallSnapshot snap = new WallSnapshot(NOW, healthy(), List.of(gpu, demo, odd), Map.of());
        List<EndpointState> all = new EndpointEvaluator(List.of(LLAMA), new EndpointEvaluator.Sla(99.5, 50, 5000))
                .evaluate(snap, NOW);
        assertThat(all).extracting(EndpointState::id).containsExactly("llama", "demo-a", "demo-b");
        EndpointState b = all.get(2);
        assertThat(b.provider()).isEqualTo("azure-openai");
        assertThat(b.configured()).isFalse();
        assertThat(b.demo()).isTrue();
        assertThat(b.slaTargetPct()).isEqualTo(99.5);
        assertThat(b.name()).isEqualTo("demo-b");
        assertThat(all.get(1).provider()).isEqualTo("unknown");
    }

    @Test
    void theNewestReadingOfAnEndpointWins() {
        EndpointState s = judge(LLAMA, healthy(),
                probe("llama", NOW.minusSeconds(2), "200 OK", PROBE_OK),
                probe("llama", NOW.minusSeconds(8), "HTTP 503", Map.of(Metric.PROBE_UP, 0.0)));
        assertThat(s.status()).isEqualTo(EndpointStatus.UP);
    }

    @Test
    void providerWordsAreReadLeniently() {
        assertThat(EndpointEvaluator.providerOf(null)).isEqualTo("unknown");
        assertThat(EndpointEvaluator.providerOf(provider("x", "s", NOW, Map.of()))).isEqualTo("bedrock");
        Reading junk = new Reading(TileKey.endpoint("x"), "«weird» thing", "s", NOW, Map.of(), Set.of());
        assertThat(EndpointEvaluator.providerOf(junk)).isEqualTo("unknown");
    }

    @Test
    void severityOrdersWorstFirst() {
        assertThat(EndpointStatus.DOWN.severity()).isGreaterThan(EndpointStatus.DEGRADED.severity());
        assertThat(EndpointStatus.DEGRADED.severity()).isGreaterThan(EndpointStatus.UNKNOWN.severity());
        assertThat(EndpointStatus.UNKNOWN.severity()).isGreaterThan(EndpointStatus.UP.severity());
        assertThat(EndpointStatus.DEGRADED.wireName()).isEqualTo("degraded");
    }
}
