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
import io.watchfloor.model.endpoint.SlaBoard;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The wall's Endpoints band, headless at 1366x768: endpoint readings become endpoint tiles, never GPU tiles. */
@ExtendWith(ApplicationExtension.class)
class WallEndpointBandRobotTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final List<Consumer<WallSnapshot>> listeners = new ArrayList<>();
    private WallView wall;

    private static List<Reading> readings() {
        List<Reading> out = new ArrayList<>();
        for (int h = 1; h <= 12; h++) {
            for (int g = 0; g < 8; g++) {
                out.add(new Reading(TileKey.gpu("gpu-a" + h, "" + g, null, null), "NVIDIA H100 80GB HBM3", "demo", T0,
                        Map.of(Metric.UTIL_PCT, 50.0, Metric.TEMP_C, 55.0), Set.of(Flag.DEMO)));
            }
        }
        String[] ids = {"demo-gpt4o-azure", "demo-claude-bedrock", "demo-llama-vllm"};
        for (String id : ids) {
            out.add(new Reading(TileKey.endpoint(id), "bedrock x · DEMO", "demo", T0,
                    Map.of(Metric.REQUESTS_PM, 100.0, Metric.ERROR_PCT, 0.5, Metric.P95_MS, 900.0), Set.of(Flag.DEMO)));
        }
        out.add(new Reading(TileKey.probe("demo-llama-vllm"), "HTTP 503", "demo", T0,
                Map.of(Metric.PROBE_UP, 0.0, Metric.PROBE_HTTP_STATUS, 503.0), Set.of(Flag.DEMO)));
        return out;
    }

    @Start
    void start(Stage stage) {
        WallSnapshot s = new WallSnapshot(T0, List.of(new SourceStatus("demo", "demo", SourceState.UP, T0, null, T0, T0,
                0, Duration.ofSeconds(2), null)), readings(), Map.of());
        WatchfloorConfig config = new WatchfloorConfig(Path.of("test.yaml"), List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS);
        ViewContext ctx = new ViewContext(config, Clock.fixed(T0.plusSeconds(2), ZoneOffset.UTC), () -> s, l -> {
            listeners.add(l);
            return () -> listeners.remove(l);
        }, FxExecutor.FX, () -> SlaBoard.empty(T0));
        ConsoleView view = Views.create("wall", ctx);
        wall = ((WallConsoleView) view).wall();
        Scene scene = new Scene(view.node(), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        view.activate();
    }

    @Test
    void everyPageShowsTheEndpointsBandAndNoEndpointAsAGpuTile(FxRobot robot) {
        assertThat(wall.pageCount()).isGreaterThan(1);
        for (int p = 0; p < wall.pageCount(); p++) {
            int page = p;
            robot.interact(() -> wall.showPage(page));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup(".ep-tile").queryAll()).hasSize(3);
            assertThat(robot.lookup(".endpoint-band-header").queryAs(Label.class).getText())
                    .startsWith("ENDPOINTS").contains("■ 1 DOWN", "● 2 UP", "DEMO");
            // GPU tiles are titled "GPU n"; an endpoint drawn as a GPU tile would be "GPU null"
            assertThat(robot.lookup(".tile-title").queryAllAs(Label.class)).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.getText()).matches("GPU \\d+"));
            assertThat(robot.lookup(".host-header").queryAllAs(Label.class))
                    .noneSatisfy(l -> assertThat(l.getText()).startsWith("demo-"));
        }
        assertThat(robot.lookup(".ep-tile-name").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("demo-claude-bedrock", "demo-gpt4o-azure", "demo-llama-vllm");
        assertThat(robot.lookup(".ep-tile-head .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("■ DOWN", "probe: HTTP 503");
        assertThat(robot.lookup(".ep-tile-age").queryAllAs(Label.class)).allSatisfy(l -> assertThat(l.getText()).isEqualTo("DEMO · 2s ago"));
        assertThat(robot.lookup(".page-label").queryAs(Label.class).getText()).contains("96 tiles", "3 endpoints");
    }

    @Test
    void keysStillTurnPagesWithTheBandPinned(FxRobot robot) {
        robot.clickOn(wall.node()).type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wall.page()).isEqualTo(1);
        assertThat(robot.lookup(".ep-tile").queryAll()).hasSize(3);
    }
}
