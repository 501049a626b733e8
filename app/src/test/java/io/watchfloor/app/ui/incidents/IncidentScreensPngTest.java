package io.watchfloor.app.ui.incidents;

import static io.watchfloor.app.ui.incidents.IncidentFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.snapshot.PngWriter;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the Incidents page (the most urgent incident open, its checklist and timeline) and a wall page with the
 * incident banner, at the sizes a NOC and a laptop use, into app/target/screenshots (to look at, and for
 * docs/screenshots when they are good). Asserts the pictures are the right size and not blank.
 */
@ExtendWith(ApplicationExtension.class)
class IncidentScreensPngTest {
    private static final Path OUT = Path.of(System.getProperty("watchfloor.repo.dir", "."), "app", "target", "screenshots");

    @Start
    void start(Stage stage) {
        // the toolkit is all these renders need; scenes are rendered without a window
    }

    static WallSnapshot wall() {
        List<Reading> readings = new ArrayList<>();
        for (int h = 1; h <= 6; h++) {
            for (int g = 0; g < 8; g++) {
                boolean xid = h == 3 && g == 5;
                readings.add(new Reading(TileKey.gpu(String.format("gpu-%02d", h), String.valueOf(g), "GPU-" + h + g, null),
                        "NVIDIA H100 80GB HBM3", "prom", T0, Map.of(Metric.UTIL_PCT, xid ? 0.0 : 35.0 + 7 * g,
                        Metric.TEMP_C, 50.0 + g, Metric.POWER_W, 250.0 + 40 * g, Metric.MEM_USED_MIB, 30000.0 + 5000 * g,
                        Metric.MEM_TOTAL_MIB, 81559.0), Set.of()));
            }
        }
        return new WallSnapshot(T0, List.of(new SourceStatus("prom", "prometheus", SourceState.UP, T0, null, T0, T0, 0,
                Duration.ofSeconds(5), null)), readings, Map.of());
    }

    private static BufferedImage render(FxRobot robot, String view, int w, int h) throws Exception {
        return render(robot, view, w, h, 0);
    }

    /** @param tab the incident's tab to show (0 checklist and timeline, 1 alerts, 2 postmortem) */
    private static BufferedImage render(FxRobot robot, String view, int w, int h, int tab) throws Exception {
        TestClock clock = new TestClock(T0);
        FakeIncidents desk = IncidentFixtures.desk(clock);
        WallSnapshot snapshot = wall();
        AtomicReference<ConsoleView> v = new AtomicReference<>();
        AtomicReference<Scene> scene = new AtomicReference<>();
        robot.interact(() -> {
            v.set(Views.create(view, IncidentFixtures.context(clock, desk, () -> snapshot, new ArrayList<>(), i -> "")));
            v.get().refresh();
            scene.set(new Scene(v.get().node(), w, h));
            Theme.apply(scene.get());
            PngWriter.render(scene.get());
        });
        if (view.equals("incidents")) {
            // the wall snapshot thumbnail on the timeline is read off the FX thread: wait for it
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> v.get().node().lookupAll(".inc-thumbnail").stream()
                    .allMatch(n -> ((ImageView) n).getImage() != null));
        }
        AtomicReference<BufferedImage> image = new AtomicReference<>();
        robot.interact(() -> {
            if (tab > 0) {
                ((javafx.scene.control.TabPane) v.get().node().lookup(".inc-tabs")).getSelectionModel().select(tab);
            }
            image.set(PngWriter.render(scene.get()));
        });
        desk.close();
        return image.get();
    }

    @ParameterizedTest
    @CsvSource({"1366,768", "1920,1080", "3840,2160"})
    void rendersTheIncidentsPageAndTheWallBanner(int w, int h, FxRobot robot) throws Exception {
        BufferedImage page = render(robot, "incidents", w, h);
        BufferedImage wall = render(robot, "wall", w, h);
        PngWriter.write(page, OUT.resolve("incidents-page-" + w + "x" + h + ".png"));
        PngWriter.write(wall, OUT.resolve("incidents-wall-" + w + "x" + h + ".png"));
        for (BufferedImage img : List.of(page, wall)) {
            assertThat(img.getWidth()).isEqualTo(w);
            assertThat(img.getHeight()).isEqualTo(h);
            assertThat(distinctColours(img)).isGreaterThan(50);
        }
    }

    @ParameterizedTest
    @CsvSource({"1366,768", "3840,2160"})
    void rendersTheAlertsAndPostmortemTabs(int w, int h, FxRobot robot) throws Exception {
        PngWriter.write(render(robot, "incidents", w, h, 1), OUT.resolve("incidents-alerts-" + w + "x" + h + ".png"));
        PngWriter.write(render(robot, "incidents", w, h, 2), OUT.resolve("incidents-postmortem-" + w + "x" + h + ".png"));
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
