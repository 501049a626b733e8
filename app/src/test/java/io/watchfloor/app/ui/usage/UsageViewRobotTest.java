package io.watchfloor.app.ui.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.usage.EndpointUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot test of the real Usage page, headless, at 1366x768, over hand-made reports: on 25 Nov 2026 it opens on the
 * first customer's last complete week; choosing, switching, stepping, sorting and exporting work as an operator
 * does them.
 */
@ExtendWith(ApplicationExtension.class)
class UsageViewRobotTest {
    private final FakeUsageReports reports = new FakeUsageReports();
    private UsageConsoleView page;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        page = (UsageConsoleView) Views.create("usage", UsageFixtures.context(reports));
        Scene scene = new Scene(page.node(), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        page.activate();
    }

    private String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Waits until the label shows {@code expected} (reports are built off the FX thread). */
    private void await(FxRobot robot, String query, String expected) throws Exception {
        Supplier<String> now = () -> robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).orElse(null);
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> expected.equals(now.get()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(query + " shows \"" + now.get() + "\", expected \"" + expected + "\"", e);
        }
    }

    @Test
    void opensOnTheLastCompleteWeekOfTheFirstCustomer(FxRobot robot) throws Exception {
        await(robot, "#card-requests .usage-card-value", "570 k");
        assertThat(text(robot, ".usage-period")).isEqualTo("Week 47, 2026 (16 Nov – 22 Nov)");
        // each week is 10 % above the one before
        assertThat(text(robot, "#card-requests .usage-card-change")).isEqualTo("▲ 10 % vs previous");
        assertThat(text(robot, "#card-uptime .usage-card-value")).startsWith("99.");
        assertThat(text(robot, ".usage-heading")).startsWith("Acme Corp · Week 47, 2026");
        assertThat(reports.built).containsExactly("weekly acme 2026-11-16");
        // the week in progress has begun, so ▶ leads there; nothing after it
        assertThat(robot.lookup(".usage-forward").queryButton().isDisabled()).isFalse();
    }

    @Test
    void switchesToMonthlyStepsBackAndSortsTheTable(FxRobot robot) throws Exception {
        await(robot, "#card-requests .usage-card-value", "570 k");
        robot.clickOn(".usage-kind-monthly");
        await(robot, ".usage-period", "November 2026");
        await(robot, "#card-requests .usage-card-value", "2.28 M");
        assertThat(robot.lookup(".usage-forward").queryButton().isDisabled()).as("December has not begun").isTrue();
        assertThat(robot.lookup(".usage-section").queryAll().stream().map(n -> ((Label) n).getText()))
                .contains("Optimisation hints");

        robot.clickOn(".usage-back");
        await(robot, ".usage-period", "October 2026");
        await(robot, "#card-requests .usage-card-value", "2.07 M");
        assertThat(reports.built).containsExactly("weekly acme 2026-11-16", "monthly acme 2026-11-01",
                "monthly acme 2026-10-01");

        var table = page.usage().table().node();
        robot.clickOn(requestsHeader(robot));
        assertThat(table.getItems().stream().map(EndpointUsage::endpointId)).containsExactly("llama-70b", "mistral-tgi");
        robot.clickOn(requestsHeader(robot));
        assertThat(table.getItems().stream().map(EndpointUsage::endpointId)).containsExactly("mistral-tgi", "llama-70b");
    }

    private static Node requestsHeader(FxRobot robot) {
        return robot.lookup(".usage-table .column-header").queryAll().stream()
                .filter(n -> n.lookup(".label") instanceof Label l && l.getText().equals("Requests"))
                .findFirst().orElseThrow();
    }

    @Test
    void aCustomerWithoutDataSaysSoInsteadOfEmptyCharts(FxRobot robot) throws Exception {
        await(robot, "#card-requests .usage-card-value", "570 k");
        robot.clickOn(".usage-scope");
        robot.clickOn("Customer · Contoso (contoso)");
        Supplier<String> state = () -> text(robot, ".usage-state");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> state.get().startsWith("No data"));
        assertThat(state.get()).startsWith("No data for Contoso in Week 47, 2026 (16 Nov – 22 Nov).")
                .contains("endpoint sources the console polls");
        Node content = robot.lookup(".usage-content").query();
        assertThat(content.isVisible()).isFalse();
        assertThat(robot.lookup(".usage-export-csv").queryButton().isDisabled()).isFalse();
    }

    @Test
    void exportsTheShownReportToTheChosenFile(FxRobot robot) throws Exception {
        await(robot, "#card-requests .usage-card-value", "570 k");
        Path target = tmp.resolve("out").resolve("acme-week47.csv");
        robot.interact(() -> page.usage().setExportTargets(format -> target));
        robot.clickOn(".usage-export-csv");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, ".usage-export-status").startsWith("Saved"));
        assertThat(text(robot, ".usage-export-status")).isEqualTo("Saved to " + target.toAbsolutePath());
        assertThat(Files.readString(target)).contains("llama-70b").contains("mistral-tgi");
        try (var left = Files.list(target.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("acme-week47.csv");
        }
    }

    @Test
    void aFailedBuildShowsTheMessage(FxRobot robot) throws Exception {
        await(robot, "#card-requests .usage-card-value", "570 k");
        reports.failWith = new IllegalStateException("the usage ledger is being migrated");
        robot.clickOn(".usage-back");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, ".usage-state").startsWith("Could not"));
        assertThat(text(robot, ".usage-state")).isEqualTo("Could not build the report: the usage ledger is being migrated");
        assertThat(robot.lookup(".usage-export-pdf").queryAs(Button.class).isDisabled()).isTrue();
    }
}
