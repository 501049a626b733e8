package io.watchfloor.model.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AvailabilityRuleTest {
    private static final Instant T = Instant.parse("2026-11-20T02:00:00Z");
    private final AvailabilityRule rule = new AvailabilityRule(50);

    private static Reading probe(Map<Metric, Double> m, String outcome) {
        return new Reading(TileKey.probe("llama"), outcome, "probes", T, m, Set.of());
    }

    private static Reading endpoint(Map<Metric, Double> m) {
        return new Reading(TileKey.endpoint("gpt4o"), "azure-openai acct gpt-4o", "azure-prod", T, m, Set.of());
    }

    @Test
    void probeUpDownAndCouldNotJudge() {
        assertThat(rule.judge(probe(Map.of(Metric.PROBE_UP, 1.0, Metric.PROBE_MS, 40.0), "200 OK · 3 models")))
                .contains(Availability.UP);
        assertThat(rule.judge(probe(Map.of(Metric.PROBE_UP, 0.0, Metric.PROBE_HTTP_STATUS, 503.0), "HTTP 503")))
                .contains(Availability.DOWN);
        assertThat(rule.judge(probe(Map.of(), "network unreachable"))).contains(Availability.UNKNOWN);
    }

    @Test
    void probeObservationsCarryTheOutcomeAsTheReasonWhenNotUp() {
        Duration every = Duration.ofSeconds(10);
        AvailabilityObservation down = rule.observe(probe(Map.of(Metric.PROBE_UP, 0.0), "connection refused"), every)
                .orElseThrow();
        assertThat(down).isEqualTo(new AvailabilityObservation("llama", T, Availability.DOWN, every,
                "connection refused"));
        assertThat(rule.observe(probe(Map.of(Metric.PROBE_UP, 1.0), "200 OK"), every).orElseThrow().detail()).isNull();
        assertThat(rule.observe(probe(Map.of(Metric.PROBE_UP, 0.0), null), every).orElseThrow().detail())
                .isEqualTo("probe failed");
        assertThat(rule.observe(probe(Map.of(), null), every).orElseThrow().detail()).isEqualTo("probe could not judge");
    }

    @Test
    void providerAvailabilityWinsOverEverythingElse() {
        assertThat(rule.judge(endpoint(Map.of(Metric.AVAILABILITY_PCT, 50.0, Metric.SERVER_ERROR_PCT, 90.0))))
                .contains(Availability.UP);
        Optional<AvailabilityObservation> down = rule.observe(
                endpoint(Map.of(Metric.AVAILABILITY_PCT, 49.9, Metric.REQUESTS_PM, 100.0)), Duration.ofMinutes(1));
        assertThat(down.orElseThrow().state()).isEqualTo(Availability.DOWN);
        assertThat(down.orElseThrow().detail()).isEqualTo("availability 49.9 % (provider)");
        assertThat(down.orElseThrow().endpointId()).isEqualTo("gpt4o");
        // no traffic does not matter for reported availability (blackbox probe_success is measured, not derived)
        assertThat(rule.judge(endpoint(Map.of(Metric.AVAILABILITY_PCT, 0.0)))).contains(Availability.DOWN);
    }

    @Test
    void serverErrorsAtTheThresholdAreDownAndTrafficBelowItIsUp() {
        Reading atThreshold = endpoint(Map.of(Metric.SERVER_ERROR_PCT, 50.0, Metric.REQUESTS_PM, 12.0));
        assertThat(rule.judge(atThreshold)).contains(Availability.DOWN);
        assertThat(rule.observe(atThreshold, Duration.ofMinutes(1)).orElseThrow().detail())
                .isEqualTo("server errors 50 % (provider)");
        assertThat(rule.judge(endpoint(Map.of(Metric.SERVER_ERROR_PCT, 49.0, Metric.REQUESTS_PM, 12.0))))
                .contains(Availability.UP);
        assertThat(new AvailabilityRule(10).judge(endpoint(Map.of(Metric.SERVER_ERROR_PCT, 12.0,
                Metric.REQUESTS_PM, 12.0)))).contains(Availability.DOWN);
        // client errors and throttles are the callers' business, not an outage
        assertThat(rule.judge(endpoint(Map.of(Metric.CLIENT_ERROR_PCT, 100.0, Metric.THROTTLE_PCT, 80.0,
                Metric.REQUESTS_PM, 5.0)))).contains(Availability.UP);
    }

    @Test
    void noTrafficIsNoEvidence() {
        assertThat(rule.judge(endpoint(Map.of(Metric.REQUESTS_PM, 0.0)))).isEmpty();
        assertThat(rule.judge(endpoint(Map.of(Metric.P95_MS, 300.0)))).isEmpty();
        assertThat(rule.judge(endpoint(Map.of(Metric.SERVER_ERROR_PCT, 10.0)))).isEmpty();
        assertThat(rule.observe(endpoint(Map.of()), Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void gpuAndHostReadingsAreNotJudged() {
        Reading gpu = new Reading(TileKey.gpu("h", "0", null, null), null, "s", T, Map.of(Metric.UTIL_PCT, 1.0),
                Set.of());
        Reading host = new Reading(TileKey.host("h"), null, "s", T, Map.of(Metric.CPU_PCT, 1.0), Set.of());
        assertThat(rule.judge(gpu)).isEmpty();
        assertThat(rule.judge(host)).isEmpty();
    }

    @Test
    void thresholdMustBeAPercentage() {
        assertThatThrownBy(() -> new AvailabilityRule(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server error threshold");
        assertThatThrownBy(() -> new AvailabilityRule(101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AvailabilityRule(100).serverErrorPct()).isEqualTo(100);
    }
}
