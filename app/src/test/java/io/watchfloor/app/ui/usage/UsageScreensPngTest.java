package io.watchfloor.app.ui.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.snapshot.PngWriter;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.usage.ReportKind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
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
 * Renders the Usage page (a customer's monthly review, and a customer without data) at a laptop's, a desktop's and a
 * 4K wall's size into app/target/screenshots, to look at. Asserts the pictures are the right size and not blank.
 */
@ExtendWith(ApplicationExtension.class)
class UsageScreensPngTest {
    private static final Path OUT = Path.of(System.getProperty("watchfloor.repo.dir", "."), "app", "target", "screenshots");

    @Start
    void start(Stage stage) {
        // the toolkit is all these renders need
    }

    private static BufferedImage render(FxRobot robot, int w, int h, boolean contoso) {
        AtomicReference<BufferedImage> image = new AtomicReference<>();
        robot.interact(() -> {
            // built inline: the picture shows the report, not "building"
            UsageConsoleView page = new UsageConsoleView(UsageFixtures.context(new FakeUsageReports()), Runnable::run);
            page.activate();
            if (contoso) {
                page.model().selectScope(FakeUsageReports.CONTOSO);
            } else {
                page.model().selectKind(ReportKind.MONTHLY);
            }
            Scene scene = new Scene(page.node(), w, h);
            Theme.apply(scene);
            image.set(PngWriter.render(scene));
        });
        return image.get();
    }

    @ParameterizedTest
    @CsvSource({"1366,768", "1920,1080", "3840,2160"})
    void rendersTheUsagePage(int w, int h, FxRobot robot) throws Exception {
        BufferedImage page = render(robot, w, h, false);
        BufferedImage empty = render(robot, w, h, true);
        PngWriter.write(page, OUT.resolve("usage-page-" + w + "x" + h + ".png"));
        PngWriter.write(empty, OUT.resolve("usage-nodata-" + w + "x" + h + ".png"));
        for (BufferedImage img : new BufferedImage[] {page, empty}) {
            assertThat(img.getWidth()).isEqualTo(w);
            assertThat(img.getHeight()).isEqualTo(h);
        }
        assertThat(distinctColours(page)).isGreaterThan(50);
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
