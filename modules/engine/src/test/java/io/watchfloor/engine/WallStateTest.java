package io.watchfloor.engine;

import static io.watchfloor.engine.Fixtures.T0;
import static io.watchfloor.engine.Fixtures.gpu;
import static io.watchfloor.engine.Fixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WallStateTest {
    private final WallState wall = new WallState(EngineSettings.DEFAULTS);

    private static Instant min(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    @Test
    void aTileMissingFromAHealthySourceExpiresAfterTenMinutes() {
        wall.merge("prom", List.of(gpu("a", 0, "prom", min(0), 1), gpu("a", 1, "prom", min(0), 1)), true, min(0));
        wall.merge("prom", List.of(gpu("a", 0, "prom", min(5), 1)), true, min(5));
        assertThat(wall.tileCount()).isEqualTo(2);
        assertThat(wall.merge("prom", List.of(gpu("a", 0, "prom", min(10), 1)), true, min(10))).isZero();
        assertThat(wall.merge("prom", List.of(gpu("a", 0, "prom", min(11), 1)), true, min(11))).isEqualTo(1);
        assertThat(ids(wall.snapshot(min(11), List.of()))).containsExactly("a/gpu0");
    }

    @Test
    void aDownSourceKeepsItsTilesAndOtherSourcesAreUntouched() {
        wall.merge("prom", List.of(gpu("a", 0, "prom", min(0), 1)), true, min(0));
        wall.merge("ssh", List.of(host("b", "ssh", min(0), 5)), true, min(0));
        wall.merge("prom", List.of(), false, min(60));
        wall.merge("ssh", List.of(host("b", "ssh", min(60), 5)), true, min(60));
        assertThat(ids(wall.snapshot(min(60), List.of()))).containsExactlyInAnyOrder("a/gpu0", "b/host");
        wall.merge("prom", List.of(), true, min(61));
        assertThat(ids(wall.snapshot(min(61), List.of()))).containsExactly("b/host");
    }

    @Test
    void sparklinesUseUtilisationForGpusAndCpuForHosts() {
        wall.merge("prom", List.of(gpu("a", 0, "prom", min(0), 42), host("a", "prom", min(0), 7)), true, min(0));
        Map<String, Series> lines = wall.snapshot(min(0), List.of()).sparklines();
        assertThat(lines.get("a/gpu0").values()).containsExactly(42.0);
        assertThat(lines.get("a/host").values()).containsExactly(7.0);
    }

    @Test
    void seedingKeepsSampledAtAndDoesNotOverrideLiveTiles() {
        Reading live = gpu("a", 0, "prom", min(30), 90);
        wall.merge("prom", List.of(live), true, min(30));
        Reading old = gpu("a", 0, "prom", min(-120), 10);
        Reading other = gpu("a", 1, "prom", min(-120), 10);
        wall.seed(List.of(old, other), Map.of(), min(30));
        WallSnapshot s = wall.snapshot(min(30), List.of());
        assertThat(s.readings()).containsExactlyInAnyOrder(live, other);
    }

    private static List<String> ids(WallSnapshot s) {
        return s.readings().stream().map(Reading::tileId).toList();
    }
}
