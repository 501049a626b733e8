package io.watchfloor.app.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The wall with SSH hosts: unreachable hosts said plainly, flag chips and notes, "Open shell" only where allowed. */
@ExtendWith(ApplicationExtension.class)
class ShellWallRobotTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private ConsoleView show(FxRobot robot, io.watchfloor.access.ShellService shells) {
        return show(robot, shells, SshWallFixtures.snapshot());
    }

    private ConsoleView show(FxRobot robot, io.watchfloor.access.ShellService shells,
                             io.watchfloor.model.WallSnapshot snapshot) {
        ConsoleView[] v = new ConsoleView[1];
        robot.interact(() -> {
            v[0] = Views.create("wall", SshWallFixtures.context(snapshot, shells));
            Scene scene = new Scene(v[0].node(), 1366, 768);
            Theme.apply(scene);
            stage.setScene(scene);
            stage.show();
            v[0].refresh();
        });
        return v[0];
    }

    private static HBox header(ConsoleView v, String host) {
        return v.node().lookupAll(".host-header-row").stream().map(n -> (HBox) n)
                .filter(h -> ((Label) h.getChildren().get(0)).getText().startsWith(host)).findFirst().orElseThrow();
    }

    @Test
    void anUnreachableHostSaysSoWithTheNoteAndTheAgeOfItsLastGoodData(FxRobot robot) {
        ConsoleView v = show(robot, null);
        HBox gpu01 = header(v, "gpu-01");
        assertThat(gpu01.lookup(".host-unreachable-badge")).isNotNull();
        assertThat(((Label) gpu01.lookup(".host-unreachable-badge")).getText()).isEqualTo("UNREACHABLE");
        assertThat(((Label) gpu01.lookup(".host-unreachable-note")).getText())
                .isEqualTo("last good data 2m 20s ago · connection refused by 10.0.0.11:22 through bastion");
        assertThat(header(v, "gpu-03").lookup(".host-unreachable-badge")).isNull();
        // the host tile shows the note; its GPUs went stale as usual
        assertThat(v.node().lookupAll(".tile-note")).anyMatch(n -> n.isVisible()
                && ((Label) n).getText().equals(SshWallFixtures.UNREACHABLE_NOTE));
        assertThat(v.node().lookupAll(".tile-reason")).anyMatch(n -> ((Label) n).getText().equals("UNREACHABLE"));
        assertThat(v.node().lookupAll(".tile-age")).anyMatch(n -> ((Label) n).getText().startsWith("STALE"));
    }

    @Test
    void gpuTilesShowFlagChipsAndTheirFirstNote(FxRobot robot) {
        ConsoleView v = show(robot, null);
        assertThat(v.node().lookupAll(".flag-chip").stream().map(n -> ((Label) n).getText()))
                .contains("XID 79", "ECC", "THROTTLED", "HELD IDLE", "SERVICE DOWN", "DISK FULL", "UNREACHABLE");
        assertThat(v.node().lookupAll(".tile-note").stream().map(n -> ((Label) n).getText()))
                .contains("Xid 79: GPU has fallen off the bus (2 min ago)", "ECC: 3 uncorrectable, row remap pending",
                        "held by python3 (pid 4412, 61.2 GiB) at 0% util for 42 min");
        assertThat(v.node().lookupAll(".source-chip").stream().map(n -> ((Label) n).getText()))
                .anyMatch(t -> t.contains("ssh-dc1"));
    }

    @Test
    void aLeadOnALaptopGetsOpenShellOnConfiguredHosts(FxRobot robot) {
        ConsoleView v = show(robot, new FakeShells.Service(FakeShells.lead(), true));
        assertThat(header(v, "gpu-01").lookup(".open-shell")).isInstanceOf(Button.class);
        assertThat(header(v, "gpu-02").lookup(".open-shell")).isNotNull();
        assertThat(header(v, "gpu-03").lookup(".open-shell")).as("not a configured SSH host").isNull();
    }

    @Test
    void aNewHostWithOnlyItsHostTileStillOffersOpenShellWithinItsColumn(FxRobot robot) {
        // a host whose key is not known yet was never polled: one tile, and the shell dialog is where its key is trusted
        io.watchfloor.model.WallSnapshot s = SshWallFixtures.snapshot();
        io.watchfloor.model.WallSnapshot hostOnly = new io.watchfloor.model.WallSnapshot(s.generatedAt(), s.sources(),
                s.readings().stream().filter(r -> !(r.key().host().equals("gpu-01")
                        && r.key().kind() == io.watchfloor.model.TileKind.GPU)).toList(), s.sparklines());
        ConsoleView v = show(robot, new FakeShells.Service(FakeShells.lead(), true), hostOnly);

        HBox gpu01 = header(v, "gpu-01");
        assertThat(gpu01.lookup(".open-shell")).isInstanceOf(Button.class);
        double tileWidth = v.node().lookupAll(".tile").stream().mapToDouble(n -> n.getLayoutBounds().getWidth())
                .max().orElseThrow();
        assertThat(gpu01.getClip()).as("the header never draws into the next host's").isNotNull();
        assertThat(gpu01.getMaxWidth()).isLessThanOrEqualTo(tileWidth + 0.5);
    }

    @Test
    void aWallConsoleNeverShowsOpenShell(FxRobot robot) {
        ConsoleView v = show(robot, new FakeShells.Service(FakeShells.wallDisplay(), true));
        assertThat(v.node().lookupAll(".open-shell")).isEmpty();
        assertThat(v.node().lookupAll(".host-header-row")).isNotEmpty();
    }

    @Test
    void aRoleWithoutShellOrAConsoleWithoutAccessNeverShowsOpenShell(FxRobot robot) {
        assertThat(show(robot, new FakeShells.Service(FakeShells.viewer(), true)).node().lookupAll(".open-shell")).isEmpty();
        assertThat(show(robot, new FakeShells.Service(FakeShells.lead(), false)).node().lookupAll(".open-shell")).isEmpty();
        Node none = show(robot, null).node();
        assertThat(none.lookupAll(".open-shell")).isEmpty();
    }
}
