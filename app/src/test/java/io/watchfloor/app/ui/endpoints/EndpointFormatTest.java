package io.watchfloor.app.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Metric;
import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.EndpointStatus;
import io.watchfloor.model.endpoint.SlaWindow;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointFormatTest {
    private static EndpointState state(Map<Metric, Double> m, String outcome) {
        boolean avg = m.containsKey(Metric.AVG_MS) && !m.containsKey(Metric.P95_MS) && !m.containsKey(Metric.P50_MS);
        return new EndpointState("x", "x", "bedrock", EndpointStatus.UP, "", 1.0, m, outcome, avg, 99.5, true, false);
    }

    @Test
    void missingFiguresAreDashesNeverZero() {
        EndpointState empty = state(Map.of(), null);
        assertThat(EndpointFormat.errors(empty)).isEqualTo("–");
        assertThat(EndpointFormat.latency(empty)).isEqualTo("–");
        assertThat(EndpointFormat.tokens(empty)).isEqualTo("–");
        assertThat(EndpointFormat.probe(empty)).isEqualTo("not probed");
        assertThat(EndpointFormat.count(null)).isEqualTo("–");
        assertThat(EndpointFormat.uptime(null)).isEqualTo("–");
        assertThat(EndpointFormat.burn(null)).isEqualTo("–");
        assertThat(EndpointFormat.budget(null)).isEqualTo("–");
        assertThat(EndpointFormat.tls(null)).isEqualTo("–");
        assertThat(EndpointFormat.age(null)).isEqualTo("–");
        assertThat(EndpointFormat.shortLatency(empty)).isEqualTo("p95 –");
    }

    @Test
    void anAverageLatencySaysSo() {
        EndpointState avg = state(Map.of(Metric.AVG_MS, 2389.4), null);
        assertThat(EndpointFormat.latency(avg)).isEqualTo("avg 2389");
        assertThat(EndpointFormat.shortLatency(avg)).isEqualTo("avg 2.4 s");
        EndpointState pct = state(Map.of(Metric.P50_MS, 240.0, Metric.P95_MS, 880.0), null);
        assertThat(EndpointFormat.latency(pct)).isEqualTo("240 / 880");
        assertThat(EndpointFormat.shortLatency(pct)).isEqualTo("p95 880 ms");
        assertThat(EndpointFormat.latency(state(Map.of(Metric.P95_MS, 880.0), null))).isEqualTo("– / 880");
    }

    @Test
    void countsPercentagesAndErrorsSplit() {
        assertThat(EndpointFormat.count(420.0)).isEqualTo("420");
        assertThat(EndpointFormat.count(1234.0)).isEqualTo("1.2k");
        assertThat(EndpointFormat.count(354_040.0)).isEqualTo("354k");
        assertThat(EndpointFormat.count(2_500_000.0)).isEqualTo("2.5M");
        assertThat(EndpointFormat.count(0.4)).isEqualTo("0.4");
        assertThat(EndpointFormat.pct(7.25)).isEqualTo("7.3");
        assertThat(EndpointFormat.pct(12.4)).isEqualTo("12");
        assertThat(EndpointFormat.errors(state(Map.of(Metric.ERROR_PCT, 7.2, Metric.CLIENT_ERROR_PCT, 1.1,
                Metric.SERVER_ERROR_PCT, 6.1), null))).isEqualTo("7.2 (1.1/6.1)");
        assertThat(EndpointFormat.errors(state(Map.of(Metric.ERROR_PCT, 7.2), null))).isEqualTo("7.2");
        assertThat(EndpointFormat.tokens(state(Map.of(Metric.TOKENS_IN_PM, 200_000.0), null))).isEqualTo("200k / –");
    }

    @Test
    void probeTlsAndUptime() {
        assertThat(EndpointFormat.probe(state(Map.of(Metric.PROBE_UP, 1.0, Metric.PROBE_MS, 47.0), "200 OK · 2 models")))
                .isEqualTo("47 ms · 200 OK · 2 models");
        assertThat(EndpointFormat.probe(state(Map.of(Metric.PROBE_MS, 5000.0), "console network down")))
                .isEqualTo("5.0 s · console network down");
        assertThat(EndpointFormat.tls(41.9)).isEqualTo("41 d");
        assertThat(EndpointFormat.tls(-0.5)).isEqualTo("EXPIRED");
        // rounded down: a promise not quite kept never shows as kept
        assertThat(EndpointFormat.uptime(99.4999)).isEqualTo("99.49%");
        assertThat(EndpointFormat.uptime(99.99999)).isEqualTo("99.99%");
        assertThat(EndpointFormat.uptime(100.0)).isEqualTo("100%");
    }

    @Test
    void aSpentBudgetSaysSpent() {
        var ok = EndpointFixtures.figures(SlaWindow.MONTH, 99.5, 1_900_000, 600, 0, 0);
        var spent = EndpointFixtures.figures(SlaWindow.MONTH, 99.5, 1_880_000, 15_000, 0, 0);
        var nothing = EndpointFixtures.figures(SlaWindow.MONTH, 99.5, 0, 0, 3600, 0);
        assertThat(EndpointFormat.budget(ok)).isEqualTo("2h 28m");
        assertThat(EndpointFormat.spent(ok)).isFalse();
        assertThat(EndpointFormat.budget(spent)).isEqualTo("SPENT −1h 32m");
        assertThat(EndpointFormat.spent(spent)).isTrue();
        // nothing measured: no budget to speak of, not "spent"
        assertThat(EndpointFormat.budget(nothing)).isEqualTo("–");
        assertThat(EndpointFormat.spent(nothing)).isFalse();
        assertThat(EndpointFormat.burn(1.58)).isEqualTo("1.6×");
        assertThat(EndpointFormat.burn(12.4)).isEqualTo("12×");
    }

    @Test
    void chartScalesLandOnRoundValues() {
        assertThat(TrendChart.niceCeiling(0)).isEqualTo(1);
        assertThat(TrendChart.niceCeiling(0.7)).isEqualTo(1);
        assertThat(TrendChart.niceCeiling(1.4)).isEqualTo(2);
        assertThat(TrendChart.niceCeiling(93)).isEqualTo(100);
        assertThat(TrendChart.niceCeiling(6400)).isEqualTo(8000);
        assertThat(TrendChart.niceCeiling(47)).isEqualTo(60);
        assertThat(TrendChart.msAxis(2000)).isEqualTo("2 s");
        assertThat(TrendChart.msAxis(2500)).isEqualTo("2.5 s");
        assertThat(TrendChart.msAxis(750)).isEqualTo("750 ms");
        assertThat(TrendChart.pctAxis(0.25)).isEqualTo("0.25%");
        assertThat(TrendChart.pctAxis(25)).isEqualTo("25%");
    }

    @Test
    void tilesShortenSourceReasonsOnly() {
        assertThat(EndpointTileView.tileReason("no data: source aws AUTH EXPIRED")).isEqualTo("aws AUTH EXPIRED");
        assertThat(EndpointTileView.tileReason("no data for 5m 02s")).isEqualTo("no data for 5m 02s");
    }
}
