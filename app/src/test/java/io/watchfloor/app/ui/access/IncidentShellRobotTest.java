package io.watchfloor.app.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.app.ui.incidents.FakeIncidents;
import io.watchfloor.app.ui.incidents.IncidentFixtures;
import io.watchfloor.app.ui.incidents.TestClock;
import io.watchfloor.model.WallSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Open shell" from an incident: offered for its linked host, with the incident id as the reason by default. */
@ExtendWith(ApplicationExtension.class)
class IncidentShellRobotTest {
    private final TestClock clock = new TestClock(IncidentFixtures.T0);
    private final FakeShells.Service shells = new FakeShells.Service(FakeShells.lead(), true, List.of("gpu-03"));
    private FakeIncidents desk;

    @Start
    void start(Stage stage) {
        desk = IncidentFixtures.desk(clock);
        ConsoleView v = Views.create("incidents", IncidentFixtures.context(clock, desk,
                () -> WallSnapshot.empty(IncidentFixtures.T0), new ArrayList<>(), null).withShells(shells));
        Scene scene = new Scene(v.node(), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        v.activate();
    }

    @AfterEach
    void closeDesk() {
        desk.close();
    }

    @Test
    void theIncidentsHostGetsOpenShellWithTheIncidentAsReason(FxRobot robot) throws Exception {
        robot.clickOn("GPU Xid errors on gpu-03");
        WaitForAsyncUtils.waitForFxEvents();
        Node button = robot.lookup((Node n) -> n instanceof Button b && b.getText().equals("Open shell on gpu-03…"))
                .query();
        assertThat(button).as("offered for the linked host gpu-03").isNotNull();

        robot.clickOn(button);
        WaitForAsyncUtils.waitForFxEvents();
        TextField reason = robot.lookup("#access-reason").queryAs(TextField.class);
        assertThat(reason.getText()).isEqualTo("INC-7");

        robot.clickOn("#access-open");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shells.lastRequest != null);
        assertThat(shells.lastRequest.hostId()).isEqualTo("gpu-03");
        assertThat(shells.lastRequest.incidentId()).isEqualTo("INC-7");
        assertThat(shells.lastRequest.reason()).isEqualTo("INC-7");
    }

    @Test
    void anIncidentOnAHostWithoutShellsOffersNone(FxRobot robot) {
        robot.clickOn("Disk 85% full on gpu-05");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup((Node n) -> n instanceof Labeled l && l.getText() != null
                && l.getText().startsWith("Open shell")).queryAll()).isEmpty();
    }
}
