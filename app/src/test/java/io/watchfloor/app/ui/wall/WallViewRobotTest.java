package io.watchfloor.app.ui.wall;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.app.ui.Views;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Robot test of the real wall view, headless (Monocle), at 1366x768. */
@ExtendWith(ApplicationExtension.class)
class WallViewRobotTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final AtomicReference<WallSnapshot> current = new AtomicReference<>();
    private final List<Consumer<WallSnapshot>> listeners = new ArrayList<>();
    private ConsoleView view;

    private static List<Reading> fleet(int hosts, int gpus, Instant at) {
        List<Reading> out = new ArrayList<>();
        for (int h = 1; h <= hosts; h++) {
            for (int g = 0; g < gpus; g++) {
                Set<Flag> flags = h == 1 && g == 3 ? Set.of(Flag.XID) : Set.of();
                out.add(new Reading(TileKey.gpu("gpu-a" + h, "" + g, "GPU-" + h + "-" + g, null), "NVIDIA H100 80GB HBM3",
                        "prom-main", at, Map.of(Metric.UTIL_PCT, 40.0 + g, Metric.TEMP_C, 55.0, Metric.POWER_W, 300.0,
                        Metric.MEM_USED_MIB, 40000.0, Metric.MEM_TOTAL_MIB, 81559.0, Metric.XID_LAST, 79.0), flags));
            }
        }
        return out;
    }

    private static SourceStatus prom(SourceState state) {
        return new SourceStatus("prom-main", "prometheus", state, T0, state == SourceState.DOWN ? "connection refused" : null,
                T0, T0, 0, Duration.ofSeconds(5), null);
    }

    @Start
    void start(Stage stage) {
        current.set(new WallSnapshot(T0, List.of(prom(SourceState.UP)), fleet(12, 8, T0), Map.of()));
        WatchfloorConfig config = new WatchfloorConfig(Path.of("test.yaml"), List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS);
        ViewContext ctx = new ViewContext(config, Clock.fixed(T0.plusSeconds(2), ZoneOffset.UTC), current::get,
                l -> {
                    listeners.add(l);
                    return () -> listeners.remove(l);
                }, FxExecutor.FX, () -> io.watchfloor.model.endpoint.SlaBoard.empty(T0));
        view = Views.create("wall", ctx);
        Scene scene = new Scene(view.node(), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        view.activate();
    }

    @Test
    void showsTilesWithStatusTextAndAges(FxRobot robot) {
        assertThat(robot.lookup(".gpu-tile").queryAll()).isNotEmpty();
        Label xid = robot.lookup(".tile-flags").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().contains("XID 79")).findFirst().orElseThrow();
        assertThat(xid.isVisible()).isTrue();
        assertThat(robot.lookup(".tile-badge").queryAllAs(Label.class)).anyMatch(l -> l.getText().equals("■ CRIT"));
        assertThat(robot.lookup(".tile-age").queryAllAs(Label.class)).allMatch(l -> l.getText().equals("2s ago"));
        assertThat(robot.lookup(".source-chip").queryAs(Label.class).getText()).contains("prom-main", "UP");
    }

    @Test
    void ninetySixGpusPageAtThisSizeAndKeysTurnPages(FxRobot robot) {
        WallView wall = ((WallConsoleView) view).wall();
        assertThat(wall.pageCount()).isGreaterThan(1);
        Node firstHeader = robot.lookup(".host-header").query();
        String before = ((Label) firstHeader).getText();
        robot.clickOn(view.node()).type(KeyCode.RIGHT);
        assertThat(wall.page()).isEqualTo(1);
        assertThat(((Label) robot.lookup(".host-header").query()).getText()).isNotEqualTo(before);
    }

    @Test
    void aDownSourceShowsABannerAndStaleTilesKeepTheirValues(FxRobot robot) {
        WallSnapshot down = new WallSnapshot(T0, List.of(prom(SourceState.DOWN)), fleet(12, 8, T0), Map.of());
        current.set(down);
        robot.interact(() -> listeners.forEach(l -> l.accept(down)));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".banner-line").queryAs(Label.class).getText())
                .contains("prom-main DOWN", "connection refused", "last known values");
        assertThat(robot.lookup(".tile-badge").queryAllAs(Label.class)).allMatch(l -> l.getText().equals("◌ STALE"));
        assertThat(robot.lookup(".tile-util").queryAllAs(Label.class)).anyMatch(l -> l.getText().equals("40"));
    }
}
