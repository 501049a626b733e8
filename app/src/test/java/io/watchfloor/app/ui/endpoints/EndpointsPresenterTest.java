package io.watchfloor.app.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.endpoint.EndpointStatus;
import io.watchfloor.model.endpoint.SlaWindow;
import org.junit.jupiter.api.Test;

class EndpointsPresenterTest {
    private final EndpointsPresenter presenter = EndpointsPresenter.forConfig(EndpointFixtures.config());

    @Test
    void configuredEndpointsInConfigOrderThenTheOthersWithTheirSla() {
        var m = presenter.present(EndpointFixtures.snapshot(), EndpointFixtures.slaBoard(), EndpointFixtures.NOW);
        assertThat(m.rows()).extracting(EndpointRow::id)
                .containsExactly("chat-azure", "claude-bedrock", "llama-onprem", "vertex-gemini", "mistral-tgi");
        assertThat(m.counts()).containsEntry(EndpointStatus.UP, 2).containsEntry(EndpointStatus.DOWN, 1)
                .containsEntry(EndpointStatus.DEGRADED, 1).containsEntry(EndpointStatus.UNKNOWN, 1);
        assertThat(m.row("chat-azure").sla()).containsOnlyKeys(SlaWindow.values());
        assertThat(m.row("vertex-gemini").sla()).containsOnlyKeys(SlaWindow.MONTH);
        assertThat(m.row("mistral-tgi").sla()).isEmpty();
        // an endpoint without sla: in config gets the defaults; its own target where it has one
        assertThat(m.row("vertex-gemini").state().slaTargetPct()).isEqualTo(99.5);
        assertThat(m.row("claude-bedrock").state().slaTargetPct()).isEqualTo(99.9);
        assertThat(m.row("chat-azure").state().name()).isEqualTo("Chat (Azure OpenAI)");
        assertThat(m.demo()).isFalse();
        assertThat(m.sources()).hasSize(5);
    }

    @Test
    void withoutABoardThereAreNoSlaFiguresAndDemoReadingsMarkTheModel() {
        WallSnapshot demo = new WallSnapshot(EndpointFixtures.T0, EndpointFixtures.sources(),
                EndpointFixtures.asDemo(EndpointFixtures.readings()), java.util.Map.of());
        var m = presenter.present(demo, null, EndpointFixtures.NOW);
        assertThat(m.rows()).allSatisfy(r -> assertThat(r.sla()).isEmpty());
        assertThat(m.demo()).isTrue();
        assertThat(m.rows()).allSatisfy(r -> assertThat(r.state().demo()).isTrue());
    }

    @Test
    void anEmptySnapshotHasTheConfiguredEndpointsAsUnknown() {
        var m = presenter.present(WallSnapshot.empty(EndpointFixtures.T0), null, EndpointFixtures.NOW);
        assertThat(m.rows()).hasSize(4).allSatisfy(r -> {
            assertThat(r.state().status()).isEqualTo(EndpointStatus.UNKNOWN);
            assertThat(r.state().reason()).isEqualTo("no data yet");
        });
        assertThat(EndpointsPresenter.unconfigured().present(WallSnapshot.empty(EndpointFixtures.T0), null,
                EndpointFixtures.NOW).rows()).isEmpty();
    }
}
