package io.watchfloor.app.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.model.Metric;
import io.watchfloor.model.WallSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Robot test of the real Endpoints page, headless (Monocle), at 1366x768, the smallest screen it must serve. */
@ExtendWith(ApplicationExtension.class)
class EndpointsViewRobotTest {
    private final AtomicReference<WallSnapshot> current = new AtomicReference<>(EndpointFixtures.snapshot());
    private final List<Consumer<WallSnapshot>> listeners = new ArrayList<>();
    private EndpointsView view;

    @Start
    void start(Stage stage) {
        ConsoleView v = Views.create("endpoints", EndpointFixtures.context(current, listeners, EndpointFixtures.slaBoard()));
        view = ((EndpointsConsoleView) v).endpoints();
        Scene scene = new Scene(v.node(), 1366, 768);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        v.activate();
    }

    /** The texts of one column's cells, top to bottom. */
    private List<String> column(FxRobot robot, int index) {
        var col = view.table().node().getColumns().get(index);
        return robot.lookup(".table-row-cell").queryAll().stream()
                .sorted(Comparator.comparingDouble(n -> n.localToScene(0, 0).getY()))
                .map(row -> row.lookupAll(".table-cell").stream()
                        .map(c -> (TableCell<?, ?>) c).filter(c -> c.getTableColumn() == col)
                        .findFirst().map(TableCell::getText).orElse(null))
                .filter(t -> t != null && !t.isEmpty())
                .toList();
    }

    private static int col(String header, EndpointsView v) {
        var cols = v.table().node().getColumns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).getText().equals(header)) {
                return i;
            }
        }
        throw new AssertionError("no column " + header);
    }

    @Test
    void showsStatusesAndFiguresWorstFirst(FxRobot robot) {
        assertThat(column(robot, 0)).containsExactly("■ DOWN", "▲ DEGRADED", "? UNKNOWN", "● UP", "● UP");
        assertThat(column(robot, 1)).containsExactly("LLaMA on-prem", "claude-bedrock", "vertex-gemini",
                "Chat (Azure OpenAI)", "mistral-tgi");
        assertThat(column(robot, col("Probe", view))).containsExactly("9 ms · HTTP 503", "not probed", "not probed",
                "412 ms · 200 OK · 3 models", "not probed");
        // only an average: said so; no tokens out from Bedrock: a dash, never 0
        assertThat(column(robot, col("Latency ms\np50 / p95", view))).containsExactly("40 / 95", "avg 2300", "900 / 2100",
                "520 / 1450", "210 / 640");
        assertThat(column(robot, col("Tokens/min\nin / out", view)).get(1)).isEqualTo("200k / –");
        assertThat(column(robot, col("Errors %\n(4xx/5xx)", view)).getFirst()).isEqualTo("96 (1.2/95)");
        // the month's budget: spent on llama (said in words), plenty on chat, none computed for the unconfigured one
        assertThat(column(robot, col("Budget left\nmonth", view))).containsExactly("SPENT −1h 32m", "5m 00s", "2h 05m",
                "2h 28m", "–");
        assertThat(column(robot, col("Uptime\nmonth", view))).containsExactly("99.20%", "99.93%", "100%", "99.96%", "–");
        assertThat(robot.lookup(".count").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("■ 1 DOWN", "▲ 1 DEGRADED", "? 1 UNKNOWN", "● 2 UP");
        assertThat(robot.lookup(".ep-tile").queryAll()).hasSize(5);
        assertThat(robot.lookup(".ep-tile-head .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("gmp AUTH EXPIRED", "probe: HTTP 503", "throttled 14%");
        assertThat(robot.lookup(".banner-line").queryAs(Label.class).getText()).contains("gmp", "AUTH EXPIRED");
        assertThat(robot.lookup(".demo-badge").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void sortingByAColumnOrdersRowsByItsNumbers(FxRobot robot) {
        int rpm = col("RPM", view);
        robot.clickOn(view.table().node().getColumns().get(rpm).getText());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(column(robot, rpm)).containsExactly("31", "60", "90", "210", "480");
        robot.clickOn(view.table().node().getColumns().get(rpm).getText());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(column(robot, rpm)).containsExactly("480", "210", "90", "60", "31");
        // a refresh keeps the order the operator chose
        robot.interact(() -> listeners.forEach(l -> l.accept(current.get())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(column(robot, rpm)).containsExactly("480", "210", "90", "60", "31");
    }

    @Test
    void theWorstEndpointIsOpenAtFirstAndARowClickOpensAnotherWithItsSlaWindows(FxRobot robot) {
        assertThat(view.selected()).isEqualTo("llama-onprem");
        robot.clickOn("Chat (Azure OpenAI)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.selected()).isEqualTo("chat-azure");
        assertThat(robot.lookup(".ep-detail-title").queryAs(Label.class).getText()).isEqualTo("Chat (Azure OpenAI)  (chat-azure)");
        assertThat(robot.lookup(".ep-sla-window").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("24 h", "7 d", "30 d", "month", "90 d");
        List<String> cells = robot.lookup(".ep-sla-cell").queryAllAs(Label.class).stream().map(Label::getText).toList();
        // month row: uptime, down, unknown, maintenance, budget left, burn rate
        assertThat(cells).containsSequence("99.96%", "10m 00s", "33m 20s", "1h 00m", "2h 28m", "0.1×");
        assertThat(view.detail().latencyChart().hasData()).isTrue();
        assertThat(view.detail().errorChart().hasData()).isTrue();

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.selected()).isNull();
        assertThat(robot.lookup(".ep-detail").tryQuery()).isEmpty();

        robot.clickOn("claude-bedrock");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".ep-detail-reason").queryAs(Label.class).getText()).isEqualTo("throttled 14%");
        // no history kept for it: the charts say so instead of drawing an empty frame
        assertThat(view.detail().latencyChart().hasData()).isFalse();
        assertThat(robot.lookup(".ep-detail-facts").queryAs(Label.class).getText()).contains("bedrock", "not probed");
    }

    @Test
    void clickingATileOpensItsDetail(FxRobot robot) {
        Node tile = robot.lookup(".ep-tile").queryAll().stream()
                .filter(n -> ((Label) n.lookup(".ep-tile-name")).getText().equals("mistral-tgi")).findFirst().orElseThrow();
        robot.clickOn(tile);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.selected()).isEqualTo("mistral-tgi");
        assertThat(robot.lookup(".ep-detail-facts").queryAs(Label.class).getText())
                .contains("not in the configuration (default SLA)", "running 5", "KV cache 41%");
        assertThat(robot.lookup(".ep-sla-title").queryAs(Label.class).getText()).contains("99.50%", "not computed yet");
        assertThat(view.table().node().getSelectionModel().getSelectedItem().id()).isEqualTo("mistral-tgi");
    }

    @Test
    void aNewSnapshotUpdatesRowsAndKeepsTheSelection(FxRobot robot) {
        robot.clickOn("Chat (Azure OpenAI)");
        WaitForAsyncUtils.waitForFxEvents();
        List<io.watchfloor.model.Reading> changed = new ArrayList<>(current.get().readings());
        changed.replaceAll(r -> r.key().host().equals("llama-onprem") && r.key().kind() == io.watchfloor.model.TileKind.PROBE
                ? EndpointFixtures.probe("llama-onprem", "200 OK · 1 model", r.sampledAt(),
                java.util.Map.of(Metric.PROBE_UP, 1.0, Metric.PROBE_MS, 30.0)) : r);
        WallSnapshot next = new WallSnapshot(current.get().generatedAt(), current.get().sources(), changed,
                current.get().sparklines());
        current.set(next);
        robot.interact(() -> listeners.forEach(l -> l.accept(next)));
        WaitForAsyncUtils.waitForFxEvents();
        // llama's probe passes now; its 95% server errors degrade it (a passing probe outranks provider metrics)
        assertThat(column(robot, 0)).containsExactly("▲ DEGRADED", "▲ DEGRADED", "? UNKNOWN", "● UP", "● UP");
        assertThat(view.selected()).isEqualTo("chat-azure");
        assertThat(view.table().node().getSelectionModel().getSelectedItem().id()).isEqualTo("chat-azure");
    }

    @Test
    void demoDataIsMarkedOnThePageAndOnEveryRow(FxRobot robot) {
        WallSnapshot demo = new WallSnapshot(current.get().generatedAt(), current.get().sources(),
                EndpointFixtures.asDemo(current.get().readings()), current.get().sparklines());
        current.set(demo);
        robot.interact(() -> listeners.forEach(l -> l.accept(demo)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".demo-badge").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup(".demo-tag").queryAll()).hasSize(5);
        assertThat(robot.lookup(".ep-tile-age").queryAllAs(Label.class)).allSatisfy(l -> assertThat(l.getText()).startsWith("DEMO"));
        assertThat(robot.lookup(".ep-detail-facts").queryAs(Label.class).getText()).contains("DEMO data");
    }

    @Test
    void theKeyboardMovesTheDetailFromRowToRow(FxRobot robot) {
        robot.clickOn("claude-bedrock");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.selected()).isEqualTo("vertex-gemini");
        assertThat(robot.lookup(".ep-detail-reason").queryAs(Label.class).getText()).isEqualTo("no data: source gmp AUTH EXPIRED");
        robot.type(KeyCode.UP, 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.selected()).isEqualTo("llama-onprem");
    }
}
