package io.watchfloor.app.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.snapshot.PngWriter;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;
import io.watchfloor.model.WallSnapshot;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Renders the Endpoints page and a wall page with the Endpoints band from the prepared endpoints, at the sizes a
 * NOC uses, into target/screenshots (for looking at, and for docs/screenshots when they are good). Asserts the
 * pictures are the right size and not blank.
 */
@ExtendWith(ApplicationExtension.class)
class EndpointScreensPngTest {
    private static final Path OUT = Path.of(System.getProperty("watchfloor.repo.dir", "."), "app", "target", "screenshots");

    @Start
    void start(Stage stage) {
        // the toolkit is all these renders need; scenes are rendered without a window
    }

    private static WallSnapshot wallSnapshot() {
        List<Reading> readings = new ArrayList<>(EndpointFixtures.readings());
        for (int h = 2; h <= 5; h++) {
            for (int g = 0; g < 8; g++) {
                readings.add(new Reading(TileKey.gpu("gpu-a" + h, String.valueOf(g), "GPU-" + h + g, null),
                        "NVIDIA H100 80GB HBM3", "prom", EndpointFixtures.T0, Map.of(Metric.UTIL_PCT, 35.0 + 7 * g,
                        Metric.TEMP_C, 50.0 + g, Metric.POWER_W, 250.0 + 40 * g, Metric.MEM_USED_MIB, 30000.0 + 5000 * g,
                        Metric.MEM_TOTAL_MIB, 81559.0), Set.of()));
            }
        }
        return new WallSnapshot(EndpointFixtures.T0, EndpointFixtures.sources(), readings, EndpointFixtures.sparklines());
    }

    private static BufferedImage render(FxRobot robot, String view, WallSnapshot snapshot, int w, int h) {
        AtomicReference<BufferedImage> image = new AtomicReference<>();
        robot.interact(() -> {
            ConsoleView v = Views.create(view, EndpointFixtures.context(new AtomicReference<>(snapshot), new ArrayList<>(),
                    EndpointFixtures.slaBoard()));
            v.refresh();
            Scene scene = new Scene(v.node(), w, h);
            Theme.apply(scene);
            image.set(PngWriter.render(scene));
        });
        return image.get();
    }

    @ParameterizedTest
    @CsvSource({"1366,768", "1920,1080", "3840,2160"})
    void rendersTheEndpointsPageAndAWallPageWithEndpointTiles(int w, int h, FxRobot robot) throws Exception {
        BufferedImage page = render(robot, "endpoints", EndpointFixtures.snapshot(), w, h);
        BufferedImage wall = render(robot, "wall", wallSnapshot(), w, h);
        PngWriter.write(page, OUT.resolve("endpoints-page-" + w + "x" + h + ".png"));
        PngWriter.write(wall, OUT.resolve("endpoints-wall-" + w + "x" + h + ".png"));
        for (BufferedImage img : List.of(page, wall)) {
            assertThat(img.getWidth()).isEqualTo(w);
            assertThat(img.getHeight()).isEqualTo(h);
            assertThat(distinctColours(img)).isGreaterThan(50);
        }
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
