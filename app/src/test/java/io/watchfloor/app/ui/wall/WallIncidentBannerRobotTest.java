package io.watchfloor.app.ui.wall;

import static io.watchfloor.app.ui.incidents.IncidentFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.app.ui.incidents.FakeIncidents;
import io.watchfloor.app.ui.incidents.IncidentFixtures;
import io.watchfloor.app.ui.incidents.TestClock;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wall's incident banner, headless at 1366x768 (the smallest screen a wall page must fit): open incidents from the
 * desk, most urgent first, with their countdowns; gone when nothing is open; never pushing the GPU tiles off the page.
 */
@ExtendWith(ApplicationExtension.class)
class WallIncidentBannerRobotTest {
    private final TestClock clock = new TestClock(T0);
    private final List<Consumer<WallSnapshot>> listeners = new ArrayList<>();
    private FakeIncidents desk;
    private WallConsoleView console;
    private WallView wall;

    static WallSnapshot fleet(int hosts) {
        List<Reading> readings = new ArrayList<>();
        for (int h = 1; h <= hosts; h++) {
            for (int g = 0; g < 8; g++) {
                readings.add(new Reading(TileKey.gpu(String.format("gpu-%02d", h), "" + g, null, null),
                        "NVIDIA H100 80GB HBM3", "prom", T0, Map.of(Metric.UTIL_PCT, 40.0 + 5 * g, Metric.TEMP_C, 55.0),
                        Set.of()));
            }
        }
        return new WallSnapshot(T0, List.of(new SourceStatus("prom", "prometheus", SourceState.UP, T0, null, T0, T0, 0,
                Duration.ofSeconds(5), null)), readings, Map.of());
    }

    @Start
    void start(Stage stage) {
        desk = IncidentFixtures.desk(clock);
        WallSnapshot s = fleet(12);
        console = (WallConsoleView) Views.create("wall", IncidentFixtures.context(clock, desk, () -> s, listeners, null));
        wall = console.wall();
        Scene scene = new Scene(console.node(), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        console.activate();
    }

    @AfterEach
    void closeDesk() {
        desk.close();
    }

    @Test
    void showsTheThreeMostUrgentOpenIncidentsWithTheirCountdowns(FxRobot robot) {
        IncidentBanner banner = wall.incidentBanner();
        assertThat(banner.node().isVisible()).isTrue();
        assertThat(banner.texts()).containsExactly(
                "P1 INC-7 GPU Xid errors on gpu-03 · ack in 12:41",
                "P2 INC-5 Endpoint 5xx spike on chat-azure · BREACHED +10:00",
                "P3 INC-6 Latency SLO burn on llama-onprem · acked 4m after  +1 more");
        List<Node> lines = robot.lookup(".inc-banner-line").queryAll().stream().filter(Node::isVisible).toList();
        assertThat(lines.get(0).getStyleClass()).contains("inc-banner-high");
        assertThat(lines.get(1).getStyleClass()).contains("inc-banner-high");
        assertThat(lines.get(1).lookup(".inc-banner-timer").getStyleClass()).contains("timer-breached");
        assertThat(lines.get(2).getStyleClass()).contains("inc-banner-acked");

        // the wall's own once-a-second refresh moves the countdowns
        clock.advance(Duration.ofSeconds(1));
        robot.interact(console::refresh);
        assertThat(banner.texts().get(0)).endsWith("ack in 12:40");
        assertThat(banner.texts().get(1)).endsWith("BREACHED +10:01");
    }

    @Test
    void disappearsWhenNothingIsOpenAndComesBackWithTheNextIncident(FxRobot robot) {
        double tilesTopWithBanner = topOfTiles(robot);
        desk.clear();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wall.incidentBanner().node().isVisible()).isFalse();
        assertThat(wall.incidentBanner().node().isManaged()).isFalse();
        // the tiles take the room back
        assertThat(topOfTiles(robot)).isLessThan(tilesTopWithBanner);

        desk.seed(IncidentFixtures.low());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wall.incidentBanner().texts()).containsExactly("P4 INC-8 Disk 85% full on gpu-05 · ack in 24:00:00");
        assertThat(robot.lookup(".inc-banner-line").queryAll().stream().filter(Node::isVisible).findFirst().orElseThrow()
                .getStyleClass()).contains("inc-banner-low");
    }

    @Test
    void atLaptopSizeTheBannerLeavesRoomForAtLeastARowOfGpuTilesAboveTheFooter(FxRobot robot) {
        Bounds banner = wall.incidentBanner().node().localToScene(wall.incidentBanner().node().getBoundsInLocal());
        Node footer = robot.lookup(".footer").query();
        double footerTop = footer.localToScene(footer.getBoundsInLocal()).getMinY();
        List<Bounds> tiles = robot.lookup(".gpu-tile").queryAll().stream().filter(Node::isVisible)
                .map(n -> n.localToScene(n.getBoundsInLocal())).toList();
        assertThat(banner.getHeight()).isEqualTo(wall.incidentBanner().height());
        assertThat(tiles).isNotEmpty();
        double firstRow = tiles.stream().mapToDouble(Bounds::getMinY).min().orElseThrow();
        long inFirstRow = tiles.stream().filter(b -> b.getMinY() == firstRow).count();
        assertThat(inFirstRow).as("a whole row of 8 GPUs of one host").isGreaterThanOrEqualTo(8);
        assertThat(tiles).allSatisfy(b -> {
            assertThat(b.getMinY()).isGreaterThanOrEqualTo(banner.getMaxY());
            assertThat(b.getMaxY()).isLessThanOrEqualTo(footerTop);
        });
    }

    @Test
    void aHiddenWallDoesNotFollowTheDesk(FxRobot robot) {
        assertThat(desk.subscribers()).isEqualTo(1);
        robot.interact(console::deactivate);
        assertThat(desk.subscribers()).isZero();
    }

    private static double topOfTiles(FxRobot robot) {
        return robot.lookup(".gpu-tile").queryAll().stream().filter(Node::isVisible)
                .mapToDouble(n -> n.localToScene(n.getBoundsInLocal()).getMinY()).min().orElseThrow();
    }
}
