package io.watchfloor.incidents;

import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.model.incident.Alert;
import io.watchfloor.model.incident.AlertState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertGroupsTest {
    private final AlertGroups defaults = new AlertGroups(IncidentsConfig.DEFAULTS.groupBy());

    @Test
    void groupsByAlertnameAndTheFirstPresentAlternative() {
        assertThat(defaults.groupOf(Map.of("alertname", "GpuXidErrors", "host", "gpu-03", "gpu", "4"), "f1").key())
                .isEqualTo("alertname=GpuXidErrors,host=gpu-03");
        // service comes before host in the default alternatives
        assertThat(defaults.groupOf(Map.of("alertname", "Endpoint5xx", "service", "chat", "host", "gpu-03"), "f2")
                .key()).isEqualTo("alertname=Endpoint5xx,service=chat");
        // an entry with none of its labels is left out; a blank value counts as absent
        assertThat(defaults.groupOf(Map.of("alertname", "Watchdog", "host", " "), "f3").key())
                .isEqualTo("alertname=Watchdog");
        assertThat(defaults.groupOf(Map.of("job", "node"), "c4c607c2dc9ce2b3").key())
                .isEqualTo("fingerprint=c4c607c2dc9ce2b3");
    }

    @Test
    void customGroupingWithAlternatives() {
        AlertGroups byCluster = new AlertGroups(List.of(List.of("cluster", "region")));
        assertThat(byCluster.groupOf(Map.of("alertname", "A", "region", "eu"), "f").key()).isEqualTo("region=eu");
        assertThat(byCluster.groupOf(Map.of("alertname", "A", "cluster", "c1", "region", "eu"), "f").key())
                .isEqualTo("cluster=c1");
    }

    @Test
    void titleIsTheSummaryElseTheAlertnameOnTheGroupValues() {
        Alert withSummary = new Alert("c4c607c2dc9ce2b3", Map.of("alertname", "TargetDown", "instance",
                "127.0.0.1:19100", "job", "node", "severity", "critical"),
                Map.of("summary", "Target 127.0.0.1:19100 of job node is down"), AlertState.ACTIVE,
                Instant.parse("2026-11-23T06:35:17.669Z"), null, null);
        assertThat(AlertGroups.titleOf(withSummary, defaults.groupOf(withSummary.labels(), "x")))
                .isEqualTo("Target 127.0.0.1:19100 of job node is down");
        Alert bare = new Alert("f", Map.of("alertname", "GpuXidErrors", "host", "gpu-03"), Map.of(),
                AlertState.ACTIVE, Instant.EPOCH, null, null);
        assertThat(AlertGroups.titleOf(bare, defaults.groupOf(bare.labels(), "f"))).isEqualTo("GpuXidErrors on gpu-03");
        Alert longSummary = new Alert("f", Map.of("alertname", "A"), Map.of("summary", "x".repeat(500)),
                AlertState.ACTIVE, Instant.EPOCH, null, null);
        assertThat(AlertGroups.titleOf(longSummary, defaults.groupOf(longSummary.labels(), "f")))
                .hasSize(200).endsWith("\u2026");
    }

    @Test
    void hostFromHostLabelsOrTheInstanceWithoutItsPort() {
        assertThat(AlertGroups.hostOf(Map.of("host", "gpu-03", "instance", "10.0.0.5:9400"))).isEqualTo("gpu-03");
        assertThat(AlertGroups.hostOf(Map.of("node", "worker-7"))).isEqualTo("worker-7");
        assertThat(AlertGroups.hostOf(Map.of("instance", "127.0.0.1:19100"))).isEqualTo("127.0.0.1");
        assertThat(AlertGroups.hostOf(Map.of("instance", "[fd00::5]:9100"))).isEqualTo("fd00::5");
        assertThat(AlertGroups.hostOf(Map.of("instance", "gpu-04"))).isEqualTo("gpu-04");
        assertThat(AlertGroups.hostOf(Map.of("instance", "fd00::5"))).isEqualTo("fd00::5");
        // a blackbox probe's instance is the URL it probed: an endpoint, not a machine
        assertThat(AlertGroups.hostOf(Map.of("instance", "https://llm.example.com/v1/chat"))).isNull();
        assertThat(AlertGroups.hostOf(Map.of("alertname", "A"))).isNull();
        assertThat(AlertGroups.endpointOf(Map.of("endpoint", "chat-prod"))).isEqualTo("chat-prod");
    }
}
