package io.watchfloor.sources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.watchfloor.model.Metric;
import io.watchfloor.sources.prometheus.EndpointTarget.Server;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic from per-second answers to normalised endpoint metrics. */
class EndpointReadingsTest {

    private static Map<Metric, Double> split(Map<String, Double> byStatus) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        EndpointReadings.statusSplit(byStatus, m);
        return m;
    }

    private static Map<String, Double> codes(Object... codeAndRate) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < codeAndRate.length; i += 2) {
            m.put((String) codeAndRate[i], ((Number) codeAndRate[i + 1]).doubleValue());
        }
        return m;
    }

    @Test
    void exactCodesSeparateThrottlesFromClientErrors() {
        Map<Metric, Double> m = split(codes("200", 8.0, "404", 0.5, "429", 1.0, "503", 0.5));

        assertThat(m.get(Metric.REQUESTS_PM)).isCloseTo(600.0, within(1e-9));
        assertThat(m.get(Metric.THROTTLE_PCT)).isCloseTo(10.0, within(1e-9));
        assertThat(m.get(Metric.CLIENT_ERROR_PCT)).isCloseTo(5.0, within(1e-9));
        assertThat(m.get(Metric.SERVER_ERROR_PCT)).isCloseTo(5.0, within(1e-9));
        assertThat(m.get(Metric.ERROR_PCT)).isCloseTo(10.0, within(1e-9)); // throttles apart
    }

    @Test
    void exactCodesWithoutAny429MeanNoThrottling() {
        assertThat(split(codes("200", 3.0)).get(Metric.THROTTLE_PCT)).isZero();
    }

    @Test
    void groupedCodesKeepThrottlesInsideClientErrors() {
        Map<Metric, Double> m = split(codes("2xx", 9.0, "4xx", 1.0));

        assertThat(m).doesNotContainKey(Metric.THROTTLE_PCT);
        assertThat(m.get(Metric.CLIENT_ERROR_PCT)).isCloseTo(10.0, within(1e-9));
        assertThat(m.get(Metric.SERVER_ERROR_PCT)).isZero();
    }

    @Test
    void noTrafficGivesZeroRequestsAndNoPercentages() {
        assertThat(split(codes("2xx", 0.0, "5xx", 0.0))).containsOnlyKeys(Metric.REQUESTS_PM)
                .containsEntry(Metric.REQUESTS_PM, 0.0);
    }

    @Test
    void tgiWithoutFailureSeriesHasNoErrors() {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        EndpointReadings.tgiSplit(2.0, Map.of(), m);

        assertThat(m.get(Metric.REQUESTS_PM)).isEqualTo(120.0);
        assertThat(m.get(Metric.ERROR_PCT)).isZero();
        assertThat(m.get(Metric.THROTTLE_PCT)).isZero();
    }

    @Test
    void tgiWithoutRequestCounterHasNoTrafficFigures() {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        EndpointReadings.tgiSplit(null, Map.of("validation", 1.0), m);

        assertThat(m).isEmpty();
    }

    @Test
    void nanQuantileAndMissingSignalsAreAbsentNotZero() {
        QueryResult.Sample nan = new QueryResult.Sample(Map.of(EndpointQueries.ENDPOINT_LABEL, "a"), 1000, Double.NaN);
        QueryResult.Sample three = new QueryResult.Sample(Map.of(EndpointQueries.ENDPOINT_LABEL, "a"), 1000, 3);

        Map<Metric, Double> m = EndpointReadings.metrics(Server.VLLM, Map.of(
                EndpointSignal.VLLM_P95, List.of(nan),
                EndpointSignal.VLLM_RUNNING, List.of(three)));

        assertThat(m).containsOnlyKeys(Metric.REQUESTS_RUNNING);
    }

    @Test
    void vllmFallsBackToFinishedRequestsWithoutTheHttpCounter() {
        QueryResult.Sample half = new QueryResult.Sample(Map.of(), 1000, 0.5);

        Map<Metric, Double> m = EndpointReadings.metrics(Server.VLLM, Map.of(EndpointSignal.VLLM_FINISHED, List.of(half)));

        assertThat(m).containsOnlyKeys(Metric.REQUESTS_PM).containsEntry(Metric.REQUESTS_PM, 30.0);
    }
}
