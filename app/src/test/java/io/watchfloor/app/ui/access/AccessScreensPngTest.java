package io.watchfloor.app.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.snapshot.PngWriter;
import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.app.ui.wall.WallLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pictures of SSH hosts on the wall (health flags, an unreachable host), the access dialog and the in-app terminal at
 * a laptop's, a desk's and a 4K wall's size. They go to app/target/screenshots; with
 * {@code -Dwatchfloor.screenshots=docs/screenshots} (relative to the repository) they go there instead, for the docs.
 */
@ExtendWith(ApplicationExtension.class)
class AccessScreensPngTest {
    private static final Path REPO = Path.of(System.getProperty("watchfloor.repo.dir", "."));
    private static final Path OUT = System.getProperty("watchfloor.screenshots") == null
            ? REPO.resolve("app/target/screenshots")
            : REPO.resolve(System.getProperty("watchfloor.screenshots"));

    @Start
    void start(Stage stage) {
        // scenes are rendered without a window
    }

    private static double scale(int w, int h) {
        return WallLayout.scaleFor(w, h);
    }

    private static ConsoleView wall(FakeShells.Service shells) {
        ConsoleView v = Views.create("wall", SshWallFixtures.context(SshWallFixtures.snapshot(), shells));
        v.refresh();
        return v;
    }

    private static BufferedImage render(FxRobot robot, java.util.function.Supplier<Scene> scene) {
        AtomicReference<Scene> s = new AtomicReference<>();
        robot.interact(() -> {
            s.set(scene.get());
            Theme.apply(s.get());
            PngWriter.render(s.get()); // first pass lays out; the wall places tiles once it has a size
        });
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<BufferedImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(PngWriter.render(s.get())));
        return img.get();
    }

    @ParameterizedTest
    @CsvSource({"1366,768", "1920,1080", "3840,2160"})
    void rendersHostsTheAccessDialogAndTheTerminal(int w, int h, FxRobot robot) throws Exception {
        FakeShells.Service service = new FakeShells.Service(FakeShells.lead(), true);

        BufferedImage hosts = render(robot, () -> new Scene(wall(service).node(), w, h));

        BufferedImage dialog = render(robot, () -> {
            AccessDialog d = new AccessDialog(service, Executors.newSingleThreadExecutor(), io.watchfloor.app.ui.incidents.TestClock
                    .systemUTC(), "gpu-01", "INC-42", null, t -> { });
            d.setScale(scale(w, h));
            d.stage().getScene().setRoot(new Pane()); // the dialog's content goes over the wall instead
            ((TextField) d.node().lookup("#access-reason")).setText("INC-42 Xid 79 on gpu-01, GPU 0 off the bus");
            Region dim = new Region();
            dim.setStyle("-fx-background-color: rgba(0,0,0,0.55);");
            d.node().setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            return new Scene(new StackPane(wall(service).node(), dim, d.node()), w, h);
        });

        FakeShells.Shell shell = new FakeShells.Shell("gpu-01", FakeShells.T0.plusSeconds(15 * 60));
        io.watchfloor.app.ui.incidents.TestClock clock = new io.watchfloor.app.ui.incidents.TestClock(FakeShells.T0.plusSeconds(28));
        AtomicReference<TerminalWindow> term = new AtomicReference<>();
        robot.interact(() -> term.set(new TerminalWindow(shell, FakeShells.lead(), "INC-42", clock,
                Math.max(14, Math.round(15 * scale(w, h))))));
        BufferedImage first = render(robot, () -> new Scene(term.get().node(), w, h));
        robot.interact(() -> term.get().start());
        shell.channel.print(TERMINAL_OUTPUT);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> term.get().screenText().contains("held-idle check done"));
        BufferedImage terminal = render(robot, () -> term.get().node().getScene());
        robot.interact(() -> term.get().close());

        PngWriter.write(hosts, OUT.resolve("ssh-hosts-wall-" + w + "x" + h + ".png"));
        PngWriter.write(dialog, OUT.resolve("access-dialog-" + w + "x" + h + ".png"));
        PngWriter.write(terminal, OUT.resolve("access-terminal-" + w + "x" + h + ".png"));
        for (BufferedImage img : new BufferedImage[] {hosts, dialog, terminal}) {
            assertThat(img.getWidth()).isEqualTo(w);
            assertThat(img.getHeight()).isEqualTo(h);
        }
        assertThat(distinct(terminal)).as("the output drew something").isGreaterThan(distinct(first));
    }

    private static final String TERMINAL_OUTPUT = "\u001b[1;32malice@gpu-01\u001b[0m:\u001b[1;34m~\u001b[0m$ nvidia-smi "
            + "--query-gpu=index,name,utilization.gpu,memory.used --format=csv\r\n"
            + "index, name, utilization.gpu [%], memory.used [MiB]\r\n"
            + "0, NVIDIA H100 80GB HBM3, 0 %, 1 MiB\r\n"
            + "1, NVIDIA H100 80GB HBM3, 71 %, 38120 MiB\r\n"
            + "2, NVIDIA H100 80GB HBM3, 88 %, 47001 MiB\r\n"
            + "3, NVIDIA H100 80GB HBM3, 0 %, 62700 MiB\r\n"
            + "\u001b[1;32malice@gpu-01\u001b[0m:\u001b[1;34m~\u001b[0m$ sudo dmesg -T | grep -i xid | tail -2\r\n"
            + "[Mon Nov 23 09:58:11 2026] \u001b[31mNVRM: Xid (PCI:0000:17:00): 79, pid=0, GPU has fallen off the bus.\u001b[0m\r\n"
            + "[Mon Nov 23 09:58:11 2026] NVRM: GPU 0000:17:00.0: GPU has fallen off the bus.\r\n"
            + "\u001b[1;32malice@gpu-01\u001b[0m:\u001b[1;34m~\u001b[0m$ ps -o pid,etime,rss,cmd -p 4412\r\n"
            + "    PID     ELAPSED   RSS CMD\r\n"
            + "   4412       42:10  2.1G python3 train.py --resume   # held-idle check done\r\n"
            + "\u001b[1;32malice@gpu-01\u001b[0m:\u001b[1;34m~\u001b[0m$ ";

    private static int distinct(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
