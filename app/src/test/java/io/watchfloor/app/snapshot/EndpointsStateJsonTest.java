package io.watchfloor.app.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.endpoints.EndpointsPresenter;
import io.watchfloor.app.ui.endpoints.EndpointFixtures;
import io.watchfloor.app.ui.wall.WallPresenter;
import io.watchfloor.model.StatusEvaluator;
import io.watchfloor.model.Thresholds;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class EndpointsStateJsonTest {

    private static Map<String, Object> json() throws Exception {
        EndpointsPresenter.EndpointsModel model = EndpointsPresenter.forConfig(EndpointFixtures.config())
                .present(EndpointFixtures.snapshot(), EndpointFixtures.slaBoard(), EndpointFixtures.NOW);
        StringWriter out = new StringWriter();
        EndpointsStateJson.write(model, out);
        return (Map<String, Object>) Json.parse(out.toString());
    }

    private static Map<String, Object> endpoint(Map<String, Object> json, String id) {
        return ((List<Map<String, Object>>) json.get("endpoints")).stream().filter(e -> e.get("id").equals(id))
                .findFirst().orElseThrow();
    }

    @Test
    void everyEndpointWithStatusAgeMetricsAndMonthlySla() throws Exception {
        Map<String, Object> json = json();
        assertThat(json).containsEntry("view", "endpoints").containsEntry("demo", false);
        assertThat((Map<String, Object>) json.get("counts")).containsEntry("up", 2.0).containsEntry("down", 1.0)
                .containsEntry("degraded", 1.0).containsEntry("unknown", 1.0);
        assertThat((List<Map<String, Object>>) json.get("endpoints")).extracting(e -> e.get("id"))
                .containsExactly("chat-azure", "claude-bedrock", "llama-onprem", "vertex-gemini", "mistral-tgi");

        Map<String, Object> chat = endpoint(json, "chat-azure");
        assertThat(chat).containsEntry("provider", "azure-openai").containsEntry("status", "up")
                .containsEntry("ageSeconds", 2.0).containsEntry("configured", true).containsEntry("reason", "")
                .containsEntry("latency_is_average", false);
        assertThat((Map<String, Object>) chat.get("metrics")).containsEntry("rpm", 480.0).containsEntry("error_pct", 0.9)
                .containsEntry("throttle_pct", 0.4).containsEntry("p50_ms", 520.0).containsEntry("p95_ms", 1450.0)
                .containsEntry("tokens_in_pm", 350_000.0).containsEntry("tokens_out_pm", 77_000.0)
                .containsEntry("client_error_pct", 0.6).containsEntry("server_error_pct", 0.3)
                .doesNotContainKeys("probe_ms", "probe_up");
        assertThat((Map<String, Object>) chat.get("probe")).containsEntry("up", true).containsEntry("ms", 412.0)
                .containsEntry("http_status", 200.0).containsEntry("tls_days_left", 63.4)
                .containsEntry("outcome", "200 OK · 3 models");
        Map<String, Object> sla = (Map<String, Object>) chat.get("sla");
        assertThat(sla).containsEntry("target_pct", 99.5).containsEntry("window", "month")
                .containsEntry("down_s", 600.0).containsEntry("maintenance_s", 3600.0).containsEntry("unknown_s", 2000.0);
        assertThat((Double) sla.get("uptime_pct")).isCloseTo(100 * 1_900_000 / 1_900_600.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Double) sla.get("budget_left_s")).isCloseTo(0.005 * 1_900_600 - 600, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Map<String, Object>) chat.get("sla_windows")).containsOnlyKeys("24h", "7d", "30d", "month", "90d");
        assertThat((Map<String, Object>) ((Map<String, Object>) chat.get("sla_windows")).get("24h"))
                .containsEntry("window", "24h").containsEntry("down_s", 0.0).containsEntry("uptime_pct", 100.0);
    }

    @Test
    void whatAProviderDoesNotGiveIsNullNeverZero() throws Exception {
        Map<String, Object> json = json();
        Map<String, Object> claude = endpoint(json, "claude-bedrock");
        assertThat(claude).containsEntry("status", "degraded").containsEntry("reason", "throttled 14%")
                .containsEntry("latency_is_average", true).containsEntry("probe", null);
        Map<String, Object> metrics = (Map<String, Object>) claude.get("metrics");
        assertThat(metrics).containsEntry("p50_ms", null).containsEntry("p95_ms", null).containsEntry("avg_ms", 2300.0)
                .containsEntry("tokens_out_pm", null).containsEntry("tokens_in_pm", 200_000.0);
        assertThat(((Map<String, Object>) claude.get("sla")).get("target_pct")).isEqualTo(99.9);

        Map<String, Object> llama = endpoint(json, "llama-onprem");
        assertThat(llama).containsEntry("status", "down").containsEntry("reason", "probe: HTTP 503");
        assertThat((Map<String, Object>) llama.get("probe")).containsEntry("up", false).containsEntry("http_status", 503.0)
                .containsEntry("tls_days_left", null);
        assertThat((Double) ((Map<String, Object>) llama.get("sla")).get("budget_left_s")).isNegative();
        assertThat((Double) ((Map<String, Object>) llama.get("sla")).get("burn_rate")).isGreaterThan(1);

        Map<String, Object> vertex = endpoint(json, "vertex-gemini");
        assertThat(vertex).containsEntry("status", "unknown").containsEntry("reason", "no data: source gmp AUTH EXPIRED")
                .containsEntry("ageSeconds", 602.0);

        // not configured and no SLA computed: every SLA figure null, the default target still given
        Map<String, Object> mistral = endpoint(json, "mistral-tgi");
        assertThat(mistral).containsEntry("configured", false).containsEntry("provider", "openai-compatible");
        assertThat((Map<String, Object>) mistral.get("sla")).containsEntry("target_pct", 99.5).containsEntry("window", "month")
                .containsEntry("uptime_pct", null).containsEntry("budget_left_s", null).containsEntry("burn_rate", null);
    }

    @Test
    void theWallStateHasItsEndpointsAndNoEndpointAmongItsTiles() throws Exception {
        WallPresenter.WallModel model = new WallPresenter(new StatusEvaluator(Thresholds.DEFAULTS), null,
                EndpointsPresenter.forConfig(EndpointFixtures.config()))
                .present(EndpointFixtures.snapshot(), EndpointFixtures.slaBoard(), EndpointFixtures.NOW);
        StringWriter out = new StringWriter();
        WallStateJson.write(model, out);
        Map<String, Object> json = (Map<String, Object>) Json.parse(out.toString());
        assertThat((List<Map<String, Object>>) json.get("tiles")).extracting(t -> t.get("kind")).containsOnly("gpu").hasSize(2);
        assertThat((List<Map<String, Object>>) json.get("endpoints")).hasSize(5);
        assertThat((Map<String, Object>) json.get("endpointCounts")).containsEntry("down", 1.0);
    }

    @Test
    void aSourceThatCostsMoneyToPollSaysHowMuch() throws Exception {
        EndpointsPresenter.EndpointsModel model = EndpointsPresenter.forConfig(EndpointFixtures.config())
                .present(EndpointFixtures.snapshot(), EndpointFixtures.slaBoard(), EndpointFixtures.NOW);
        String someSource = model.sources().getFirst().id();
        StringWriter out = new StringWriter();
        EndpointsStateJson.write(model, Map.of(someSource, "GetMetricData about $4.32 a month"), out);
        List<Map<String, Object>> sources = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(out.toString()))
                .get("sources");
        assertThat(sources).filteredOn(s -> s.get("id").equals(someSource)).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("costNote", "GetMetricData about $4.32 a month"));
        assertThat(sources).filteredOn(s -> !s.get("id").equals(someSource)).allSatisfy(s -> assertThat(s).doesNotContainKey("costNote"));
    }
}
