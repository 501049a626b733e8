package io.watchfloor.sources.cloudwatch;

import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.LATEST;
import static io.watchfloor.sources.cloudwatch.CloudWatchConfigs.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How one endpoint's datapoints become the normalised signals. */
class EndpointReadingsTest {
    private static final EndpointConfig BEDROCK = CloudWatchConfigs.bedrock("haiku", "anthropic.claude-3-haiku");
    private static final EndpointConfig SAGEMAKER = CloudWatchConfigs.sagemaker("llama", "llama3-8b-prod");
    private static final PollWindow MINUTES = PollWindow.ending(NOW, Duration.ofSeconds(60));

    private final Map<Signal, NavigableMap<Instant, Double>> series = new EnumMap<>(Signal.class);

    private EndpointReadingsTest put(Signal s, Instant at, double v) {
        series.computeIfAbsent(s, k -> new TreeMap<>()).put(at, v);
        return this;
    }

    private Reading bedrock(PollWindow window) {
        return EndpointReadings.reading(BEDROCK, series, window, "aws");
    }

    @Test
    void onlyThrottledRequestsAreAllThrottledButHaveNoErrorRate() {
        put(Signal.THROTTLES, LATEST, 25);

        Reading r = bedrock(MINUTES);

        assertThat(r.value(Metric.REQUESTS_PM)).isZero();
        assertThat(r.value(Metric.THROTTLE_PCT)).isEqualTo(100.0);
        assertThat(r.has(Metric.ERROR_PCT)).isFalse();
        assertThat(r.sampledAt()).isEqualTo(LATEST);
    }

    @Test
    void allFiguresComeFromTheNewestPeriodWithACount() {
        Instant before = LATEST.minusSeconds(60);
        put(Signal.INVOCATIONS, before, 50).put(Signal.SERVER_ERRORS, before, 50)
                .put(Signal.INVOCATIONS, LATEST, 200)
                // a latency of an older minute must not be shown as the current one
                .put(Signal.LATENCY_P95, before, 9000);

        Reading r = bedrock(MINUTES);

        assertThat(r.value(Metric.REQUESTS_PM)).isEqualTo(200.0);
        assertThat(r.value(Metric.ERROR_PCT)).as("no error datapoint in the newest minute: none").isZero();
        assertThat(r.value(Metric.THROTTLE_PCT)).isZero();
        assertThat(r.has(Metric.P95_MS)).isFalse();
    }

    @Test
    void longerPeriodsAreScaledToPerMinute() {
        PollWindow fiveMinutes = PollWindow.ending(NOW, Duration.ofMinutes(5));
        Instant at = fiveMinutes.latestPeriodStart();
        put(Signal.INVOCATIONS, at, 1500).put(Signal.TOKENS_IN, at, 300_000).put(Signal.TOKENS_OUT, at, 45_000);

        Reading r = bedrock(fiveMinutes);

        assertThat(at).isEqualTo(Instant.parse("2026-11-23T09:55:00Z"));
        assertThat(r.value(Metric.REQUESTS_PM)).isEqualTo(300.0);
        assertThat(r.value(Metric.TOKENS_IN_PM)).isEqualTo(60_000.0);
        assertThat(r.value(Metric.TOKENS_OUT_PM)).isEqualTo(9_000.0);
    }

    @Test
    void withoutPercentilesTheAverageIsShown() {
        put(Signal.INVOCATIONS, LATEST, 10).put(Signal.LATENCY_AVG, LATEST, 730);

        Reading r = bedrock(MINUTES);

        assertThat(r.value(Metric.AVG_MS)).isEqualTo(730.0);
        assertThat(r.has(Metric.P50_MS)).isFalse();
        assertThat(r.has(Metric.P95_MS)).isFalse();
    }

    @Test
    void sageMakerMicrosecondsWithoutOverheadStayModelLatency() {
        put(Signal.INVOCATIONS, LATEST, 10).put(Signal.LATENCY_AVG, LATEST, 250_000);

        Reading r = EndpointReadings.reading(SAGEMAKER, series, MINUTES, "aws");

        assertThat(r.value(Metric.AVG_MS)).isCloseTo(250.0, within(1e-9));
        assertThat(r.has(Metric.THROTTLE_PCT)).isFalse();
    }

    @Test
    void anIdleEndpointStillShowsItsGpu() {
        put(Signal.GPU_UTIL, LATEST.minusSeconds(120), 3.0);

        Reading r = EndpointReadings.reading(SAGEMAKER, series, MINUTES, "aws");

        assertThat(r.metrics()).containsOnlyKeys(Metric.REQUESTS_PM, Metric.UTIL_PCT);
        assertThat(r.value(Metric.REQUESTS_PM)).isZero();
        assertThat(r.sampledAt()).isEqualTo(LATEST);
        assertThat(r.model()).isEqualTo("sagemaker llama3-8b-prod");
    }
}
