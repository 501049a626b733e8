package io.watchfloor.app.ui.wall;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.StatusEvaluator;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.TileStatus;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WallPresenterTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final WallPresenter presenter = new WallPresenter(new StatusEvaluator(Thresholds.DEFAULTS), null);

    private static Reading gpu(String host, String idx, double util, double temp, Instant at, Set<Flag> flags) {
        return new Reading(TileKey.gpu(host, idx, "GPU-" + host + idx, null), "NVIDIA H100 80GB HBM3", "prom", at,
                Map.of(Metric.UTIL_PCT, util, Metric.TEMP_C, temp, Metric.MEM_USED_MIB, 1000.0, Metric.MEM_TOTAL_MIB, 81559.0), flags);
    }

    private static SourceStatus source(SourceState state) {
        return new SourceStatus("prom", "prometheus", state, T0, state == SourceState.DOWN ? "connection refused" : null,
                T0, T0, 0, Duration.ofSeconds(5), null);
    }

    @Test
    void groupsByHostInNaturalOrderAndGpusByIndex() {
        WallSnapshot s = new WallSnapshot(T0, List.of(source(SourceState.UP)), List.of(
                gpu("gpu-10", "0", 50, 50, T0, Set.of()), gpu("gpu-2", "10", 50, 50, T0, Set.of()),
                gpu("gpu-2", "2", 50, 50, T0, Set.of())), Map.of());
        WallPresenter.WallModel m = presenter.present(s, T0.plusSeconds(1));
        assertThat(m.hosts()).extracting(HostGroup::host).containsExactly("gpu-2", "gpu-10");
        assertThat(m.hosts().get(0).tiles()).extracting(t -> t.reading().key().gpu()).containsExactly("2", "10");
    }

    @Test
    void judgesStatusesAndCountsThem() {
        WallSnapshot s = new WallSnapshot(T0, List.of(source(SourceState.UP)), List.of(
                gpu("h", "0", 90, 60, T0, Set.of()),
                gpu("h", "1", 90, 85, T0, Set.of()),
                gpu("h", "2", 90, 60, T0, Set.of(Flag.XID)),
                gpu("h", "3", 90, 60, T0.minusSeconds(120), Set.of())), Map.of());
        WallPresenter.WallModel m = presenter.present(s, T0.plusSeconds(2));
        assertThat(m.hosts().get(0).tiles()).extracting(t -> t.status())
                .containsExactly(TileStatus.OK, TileStatus.WARN, TileStatus.CRIT, TileStatus.STALE);
        assertThat(m.counts()).containsEntry(TileStatus.OK, 1).containsEntry(TileStatus.STALE, 1);
        assertThat(m.hosts().get(0).tiles().get(0).ageSeconds()).isEqualTo(2.0);
    }

    @Test
    void aDownSourceMakesItsTilesStaleWithGrowingAge() {
        WallSnapshot s = new WallSnapshot(T0, List.of(source(SourceState.DOWN)),
                List.of(gpu("h", "0", 90, 60, T0, Set.of())), Map.of());
        var first = presenter.present(s, T0.plusSeconds(3)).hosts().get(0).tiles().get(0);
        var later = presenter.present(s, T0.plusSeconds(30)).hosts().get(0).tiles().get(0);
        assertThat(first.status()).isEqualTo(TileStatus.STALE);
        assertThat(later.ageSeconds()).isGreaterThan(first.ageSeconds());
        // the last values are kept, not zeroed
        assertThat(later.reading().value(Metric.UTIL_PCT)).isEqualTo(90.0);
    }

    @Test
    void endpointAndProbeReadingsNeverBecomeGpuTilesButEndpoints() {
        Reading endpoint = new Reading(TileKey.endpoint("llama"), "openai-compatible http://x/v1", "prom", T0,
                Map.of(Metric.REQUESTS_PM, 12.0, Metric.P95_MS, 800.0), Set.of());
        Reading probe = new Reading(TileKey.probe("llama"), "HTTP 503", "prom", T0,
                Map.of(Metric.PROBE_UP, 0.0, Metric.PROBE_HTTP_STATUS, 503.0), Set.of());
        WallSnapshot s = new WallSnapshot(T0, List.of(source(SourceState.UP)), List.of(
                gpu("h", "0", 50, 50, T0, Set.of()), endpoint, probe), Map.of());
        WallPresenter.WallModel m = presenter.present(s, T0.plusSeconds(1));
        assertThat(m.hosts()).extracting(HostGroup::host).containsExactly("h");
        assertThat(m.tileCount()).isEqualTo(1);
        assertThat(m.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(m.endpoints().rows()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("llama");
            assertThat(r.state().status()).isEqualTo(io.watchfloor.model.endpoint.EndpointStatus.DOWN);
            assertThat(r.state().provider()).isEqualTo("openai-compatible");
        });
    }
}
