package io.watchfloor.app.ui.incidents;

import static io.watchfloor.app.ui.incidents.IncidentFixtures.DMESG;
import static io.watchfloor.app.ui.incidents.IncidentFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.Views;
import io.watchfloor.model.WallSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot tests of the real Incidents page, headless (Monocle), at 1366x768 (the laptop it must serve), against an
 * in-memory desk with the real desk's semantics. Commands can be held, so the tests see the screen while a change is
 * still being saved and prove it shows as done only once the desk answered.
 */
@ExtendWith(ApplicationExtension.class)
class IncidentsViewRobotTest {
    private final TestClock clock = new TestClock(T0);
    private final List<Consumer<WallSnapshot>> listeners = new ArrayList<>();
    private final List<String> exported = new ArrayList<>();
    private FakeIncidents desk;
    private IncidentsConsoleView page;
    private IncidentsView view;

    @Start
    void start(Stage stage) {
        desk = IncidentFixtures.desk(clock);
        ConsoleView v = Views.create("incidents", IncidentFixtures.context(clock, desk,
                () -> WallSnapshot.empty(T0), listeners, i -> {
                    exported.add(i.id());
                    return "# Postmortem " + i.id() + "\n\n" + i.title() + "\n";
                }));
        page = (IncidentsConsoleView) v;
        view = page.incidents();
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

    /** The texts of one column's cells, top to bottom. */
    private List<String> column(FxRobot robot, String header) {
        var col = view.table().node().getColumns().stream().filter(c -> c.getText().equals(header)).findFirst().orElseThrow();
        return robot.lookup(".incident-table .table-row-cell").queryAll().stream()
                .filter(Node::isVisible)
                .sorted(Comparator.comparingDouble(n -> n.localToScene(0, 0).getY()))
                .map(row -> row.lookupAll(".table-cell").stream()
                        .map(c -> (TableCell<?, ?>) c).filter(c -> c.getTableColumn() == col)
                        .findFirst().map(TableCell::getText).orElse(null))
                .filter(t -> t != null && !t.isEmpty())
                .toList();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Lets the desk thread finish what was sent, then the FX thread take the results. */
    private void settle() {
        desk.awaitIdle();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void tick(FxRobot robot, Duration by) {
        clock.advance(by);
        robot.interact(() -> page.model().tick());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void listsOpenIncidentsMostUrgentFirstWithTheirResponseTimers(FxRobot robot) {
        assertThat(column(robot, "ID")).containsExactly("INC-7", "INC-5", "INC-6", "INC-8");
        assertThat(column(robot, "Sev")).containsExactly("P1", "P2", "P3", "P4");
        assertThat(column(robot, "Response")).containsExactly("ack in 12:41", "BREACHED +10:00", "acked 4m after",
                "ack in 24:00:00");
        assertThat(column(robot, "Status")).containsExactly("Triage", "Triage", "Investigating", "Triage");
        assertThat(column(robot, "Steps")).containsExactly("1/3", "0/1", "0/0", "0/0");
        assertThat(column(robot, "Alerts")).containsExactly("1/2", "1/1", "0/1", "0/0");
        // at 1366x768 the lead column gives its room to the titles (the detail shows the lead)
        var titleColumn = view.table().node().getColumns().get(2);
        List<TableCell<?, ?>> titles = robot.lookup(".incident-table .table-cell").queryAll().stream()
                .<TableCell<?, ?>>map(c -> (TableCell<?, ?>) c)
                .filter(c -> c.getTableColumn() == titleColumn && c.getText() != null).toList();
        // what is drawn is the whole title, not an ellipsis
        assertThat(titles).hasSize(4).allSatisfy(c ->
                assertThat(((javafx.scene.text.Text) c.lookup(".text")).getText()).isEqualTo(c.getText()));
        assertThat(view.table().node().getColumns().stream().filter(c -> c.getText().equals("Lead")).findFirst()
                .orElseThrow().isVisible()).isFalse();
        assertThat(robot.lookup(".count").queryAllAs(Label.class).stream().filter(Node::isVisible).map(Label::getText))
                .containsExactly("■ 4 OPEN", "⚠ 1 BREACHED", "◌ 2 WAITING FOR ACK");

        // the timers run: a second later every countdown moved
        tick(robot, Duration.ofSeconds(1));
        assertThat(column(robot, "Response")).containsExactly("ack in 12:40", "BREACHED +10:01", "acked 4m after",
                "ack in 23:59:59");

        // all: the resolved one comes after the open ones
        robot.clickOn(".inc-filter-all");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(column(robot, "ID")).containsExactly("INC-7", "INC-5", "INC-6", "INC-8", "INC-3");

        // sorting by the response timer: the breached one, then by time left, then the acknowledged ones
        robot.clickOn(robot.lookup(".incident-table .column-header").queryAll().stream()
                .filter(h -> h.lookup(".label") instanceof Label l && l.getText().equals("Response")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(column(robot, "ID")).containsExactly("INC-5", "INC-7", "INC-8", "INC-6", "INC-3");
    }

    @Test
    void theMostUrgentIsOpenAtFirstAndSelectingAnotherShowsItsDetail(FxRobot robot) {
        assertThat(view.selected()).isEqualTo("INC-7");
        assertThat(text(robot, ".inc-detail-id")).isEqualTo("INC-7");
        assertThat(text(robot, ".inc-detail-title")).isEqualTo("GPU Xid errors on gpu-03");
        assertThat(text(robot, ".inc-sev-chip")).isEqualTo("P1");
        assertThat(text(robot, ".inc-state-chip")).isEqualTo("Triage");
        assertThat(text(robot, ".inc-big-timer")).isEqualTo("ack in 12:41");
        assertThat(text(robot, ".inc-detail-facts")).contains("Lead none yet", "hosts gpu-03");
        // the checklist by phase, with the runbook's hint and who did what
        assertThat(robot.lookup(".inc-phase-head").queryAllAs(Label.class)).extracting(Label::getText).containsExactly(
                "DETECTION   0/1 done · 1 required open", "CLASSIFICATION   1/1 done", "REMEDIATION   0/1 done · 1 required open");
        assertThat(robot.lookup(".inc-hint").queryAllAs(Label.class).stream().filter(Node::isVisible).map(Label::getText))
                .containsExactly("ssh gpu-03 'dmesg -T | grep -i xid'");
        assertThat(robot.lookup(".inc-done-by").queryAllAs(Label.class).stream().filter(Node::isVisible).map(Label::getText))
                .containsExactly("done by ana " + hhmm(T0.minusSeconds(60)));
        assertThat(robot.lookup(".inc-required").queryAllAs(Label.class).stream().filter(Node::isVisible)).hasSize(2);
        // the timeline, newest first
        assertThat(robot.lookup(".inc-tl-kind").queryAllAs(Label.class)).extracting(Label::getText)
                .startsWith("▣ wall snapshot").contains("◆ opened", "■ alert firing", "● alert resolved");

        robot.clickOn("Latency SLO burn on llama-onprem");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.selected()).isEqualTo("INC-6");
        assertThat(text(robot, ".inc-detail-id")).isEqualTo("INC-6");
        assertThat(text(robot, ".inc-big-timer")).isEqualTo("TTA 4m · TTM – · TTR –");
        assertThat(robot.lookup(".inc-lead-field").queryTextInputControl().getText()).isEqualTo("bob");
        assertThat(robot.lookup(".inc-ack").query().isVisible()).isFalse();
        assertThat(robot.lookup(".inc-move").queryAllAs(Button.class)).extracting(Button::getText)
                .containsExactly("Mitigated", "Resolve…");
        robot.clickOn("Alerts 0/1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".inc-alert-state").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("◌ silenced");
        assertThat(robot.lookup(".inc-alert-name").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("LatencySloBurn");
    }

    @Test
    void acknowledgingShowsAckedOnlyOnceTheDeskHasAnswered(FxRobot robot) {
        desk.holdCommands();
        robot.clickOn(".inc-ack");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.calls()).containsExactly("acknowledge INC-7 by ana");
        Button ack = robot.lookup(".inc-ack").queryButton();
        assertThat(ack.getText()).isEqualTo("Acknowledging…");
        assertThat(ack.isDisabled()).isTrue();
        // not done yet: the timer keeps counting, in the list and the header
        tick(robot, Duration.ofSeconds(60));
        assertThat(text(robot, ".inc-big-timer")).isEqualTo("ack in 11:41");
        assertThat(column(robot, "Response").getFirst()).isEqualTo("ack in 11:41");
        assertThat(column(robot, "Status").getFirst()).isEqualTo("Triage");

        desk.completeNext();
        WaitForAsyncUtils.waitForFxEvents();
        // detected 2m19s before T0, acknowledged 60 s after it: 3m19s
        assertThat(column(robot, "Response").getFirst()).isEqualTo("acked 3m after");
        assertThat(column(robot, "Status").getFirst()).isEqualTo("Investigating");
        assertThat(text(robot, ".inc-big-timer")).isEqualTo("TTA 3m · TTM – · TTR –");
        assertThat(robot.lookup(".inc-ack").query().isVisible()).isFalse();
        assertThat(view.detail().message()).isNull();
    }

    @Test
    void tickingAStepShowsSavingThenWhoDidItWhen(FxRobot robot) {
        desk.holdCommands();
        CheckBox box = view.detail().checklist().checkBox(DMESG);
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(desk.calls()).containsExactly("setStep INC-7 gpu-xid/dmesg true by ana");
        assertThat(box.isIndeterminate()).isTrue();
        assertThat(box.isDisabled()).isTrue();
        assertThat(robot.lookup(".inc-saving").queryAllAs(Label.class).stream().filter(Node::isVisible)).hasSize(1);
        assertThat(column(robot, "Steps").getFirst()).isEqualTo("1/3");

        clock.advance(Duration.ofSeconds(30));
        desk.completeNext();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box.isIndeterminate()).isFalse();
        assertThat(box.isSelected()).isTrue();
        assertThat(box.isDisabled()).isFalse();
        assertThat(robot.lookup(".inc-saving").queryAllAs(Label.class).stream().filter(Node::isVisible)).isEmpty();
        assertThat(robot.lookup(".inc-done-by").queryAllAs(Label.class).stream().filter(Node::isVisible).map(Label::getText))
                .contains("done by ana " + hhmm(T0.plusSeconds(30)));
        assertThat(column(robot, "Steps").getFirst()).isEqualTo("2/3");
        assertThat(robot.lookup(".inc-tl-kind").queryAllAs(Label.class).iterator().next().getText()).isEqualTo("☑ step done");
    }

    @Test
    void aRefusedStepShowsTheDesksMessageAndTheBoxGoesBack(FxRobot robot) {
        desk.holdCommands();
        CheckBox box = view.detail().checklist().checkBox(DMESG);
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        desk.failNext("the incident store refused the write: disk full");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box.isSelected()).isFalse();
        assertThat(box.isIndeterminate()).isFalse();
        assertThat(box.isDisabled()).isFalse();
        List<String> errors = robot.lookup(".inc-step .inc-error").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).toList();
        assertThat(errors).containsExactly("Not saved: the incident store refused the write: disk full");
        assertThat(view.detail().message()).isEqualTo("Could not tick the step: the incident store refused the write: disk full")
                .doesNotContain("Exception");
        assertThat(column(robot, "Steps").getFirst()).isEqualTo("1/3");

        // trying again works, and the error goes away
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        desk.completeNext();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(box.isSelected()).isTrue();
        assertThat(robot.lookup(".inc-step .inc-error").queryAll().stream().filter(Node::isVisible)).isEmpty();
    }

    @Test
    void resolvingWithRequiredStepsOpenAsksWhyAndPassesTheReason(FxRobot robot) {
        robot.clickOn(".inc-move-resolved");
        WaitForAsyncUtils.waitForFxEvents();
        // the dialog names the open required steps and will not resolve without a reason
        assertThat(robot.lookup(".inc-override-step").queryAllAs(Label.class)).extracting(Label::getText).containsExactly(
                "☐ Detection: Confirm the Xid code in the kernel log",
                "☐ Remediation: Drain gpu-03 from the scheduler before resetting the GPU");
        Node resolve = robot.lookup(".incident-dialog .button").queryAll().stream()
                .filter(b -> ((Button) b).getText().equals("Resolve anyway")).findFirst().orElseThrow();
        assertThat(resolve.isDisabled()).isTrue();
        assertThat(desk.calls()).isEmpty();

        robot.clickOn(".inc-override-reason").write("false alarm");
        assertThat(resolve.isDisabled()).isFalse();
        robot.clickOn(resolve);
        settle();
        assertThat(desk.calls()).containsExactly("moveTo INC-7 resolved by ana because \"false alarm\"");
        assertThat(text(robot, ".inc-state-chip")).isEqualTo("Resolved");
        assertThat(text(robot, ".inc-detail-facts")).contains("resolved with required steps open: false alarm");
        // gone from the open list, still shown on the right
        assertThat(column(robot, "ID")).containsExactly("INC-5", "INC-6", "INC-8");
        assertThat(view.selected()).isEqualTo("INC-7");
        assertThat(robot.lookup(".inc-tl-kind").queryAllAs(Label.class)).extracting(Label::getText)
                .startsWith("⚠ override", "→ status");
    }

    @Test
    void cancellingTheReasonResolvesNothing(FxRobot robot) {
        robot.clickOn(".inc-move-resolved");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".incident-dialog .button").queryAll().stream()
                .filter(b -> ((Button) b).getText().equals("Cancel")).findFirst().orElseThrow());
        settle();
        assertThat(desk.calls()).isEmpty();
        assertThat(text(robot, ".inc-state-chip")).isEqualTo("Triage");
    }

    @Test
    void anIncidentOpenedByHandIsSelectedOnceStored(FxRobot robot) {
        robot.clickOn(".inc-open-button");
        WaitForAsyncUtils.waitForFxEvents();
        // typing is slow in a headless robot: one field typed, the others filled in
        robot.interact(() -> {
            robot.lookup(".inc-open-title").queryTextInputControl().setText("Customer reports timeouts on ");
            robot.lookup(".inc-open-severity").<javafx.scene.control.ChoiceBox<Object>>query()
                    .setValue(io.watchfloor.model.incident.Severity.P2);
        });
        robot.clickOn(".inc-open-title").type(javafx.scene.input.KeyCode.END).write("chat");
        robot.interact(() -> robot.lookup(".inc-open-endpoints").queryTextInputControl().setText("chat-azure, "));
        robot.clickOn(robot.lookup(".incident-dialog .button").queryAll().stream()
                .filter(b -> ((Button) b).getText().equals("Open incident")).findFirst().orElseThrow());
        settle();
        assertThat(desk.calls()).containsExactly("open \"Customer reports timeouts on chat\" P2 by ana");
        assertThat(view.selected()).isEqualTo("INC-9");
        assertThat(text(robot, ".inc-detail-title")).isEqualTo("Customer reports timeouts on chat");
        assertThat(text(robot, ".inc-detail-facts")).contains("endpoints chat-azure");
        assertThat(column(robot, "ID")).containsExactly("INC-7", "INC-5", "INC-9", "INC-6", "INC-8");
    }

    @Test
    void notesAndTheLeadGoThroughTheDesk(FxRobot robot) {
        robot.interact(() -> robot.lookup(".inc-note").queryTextInputControl().setText("Xid 79 confirmed on GPU 5; draining"));
        // Ctrl+Enter in the note adds it, as the prompt says
        robot.clickOn(".inc-note").press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.ENTER)
                .release(javafx.scene.input.KeyCode.CONTROL);
        settle();
        assertThat(robot.lookup(".inc-note").queryAs(TextArea.class).getText()).isEmpty();
        assertThat(robot.lookup(".inc-tl-text").queryAllAs(Label.class).iterator().next().getText())
                .isEqualTo("Xid 79 confirmed on GPU 5; draining");

        robot.clickOn(".inc-lead-field").write("ana");
        robot.clickOn(".inc-set-lead");
        settle();
        assertThat(text(robot, ".inc-detail-facts")).contains("Lead ana");
        assertThat(desk.board().find("INC-7").lead()).isEqualTo("ana");
        assertThat(desk.calls()).containsExactly("addNote INC-7 \"Xid 79 confirmed on GPU 5; draining\" by ana",
                "setLead INC-7 ana by ana");
    }

    @Test
    void aNewSeverityMovesTheDeadline(FxRobot robot) {
        robot.clickOn(".inc-severity-menu");
        robot.clickOn("P2  major: degraded, spreading");
        settle();
        assertThat(desk.calls()).containsExactly("setSeverity INC-7 P2 by ana");
        assertThat(text(robot, ".inc-sev-chip")).isEqualTo("P2");
        // a P2 has an hour from detection (2m19s ago)
        assertThat(text(robot, ".inc-big-timer")).isEqualTo("ack in 57:41");
        assertThat(column(robot, "Sev").getFirst()).isEqualTo("P2");
    }

    @Test
    void withoutAPostmortemWriterTheExportButtonIsOffAndSaysWhy(FxRobot robot) {
        javafx.scene.layout.Region[] node = new javafx.scene.layout.Region[1];
        robot.interact(() -> {
            node[0] = Views.create("incidents",
                    IncidentFixtures.context(clock, desk, () -> WallSnapshot.empty(T0), listeners, null)).node();
            Theme.apply(new Scene(node[0], 1366, 768));
            node[0].applyCss(); // skins (the split pane's) make the children
        });
        Button export = (Button) node[0].lookup(".inc-export");
        assertThat(export.isDisabled()).isTrue();
        assertThat(((javafx.scene.control.Tooltip) export.getParent().getProperties().get("javafx.scene.control.Tooltip"))
                .getText()).isEqualTo("Postmortem export is not available in this console");
    }

    @Test
    void theWallSnapshotThumbnailIsReadOffTheFxThread(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup(".inc-thumbnail").queryAs(ImageView.class).getImage() != null);
        ImageView thumb = robot.lookup(".inc-thumbnail").queryAs(ImageView.class);
        assertThat(thumb.getImage().isError()).isFalse();
        assertThat(thumb.getImage().getWidth()).isGreaterThan(100);
    }

    @Test
    void thePostmortemIsExportedToTheChosenFile(FxRobot robot, @TempDir Path dir) throws Exception {
        Path target = dir.resolve("INC-7-postmortem.md");
        view.setExportTarget(suggested -> dir.resolve(suggested));
        robot.clickOn(".inc-export");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.detail().message() != null);
        assertThat(view.detail().message()).isEqualTo("Postmortem of INC-7 written to " + target);
        assertThat(Files.readString(target)).isEqualTo("# Postmortem INC-7\n\nGPU Xid errors on gpu-03\n");
        assertThat(exported).containsExactly("INC-7");
    }

    @Test
    void thePostmortemFieldsAreSavedWithTheButton(FxRobot robot) {
        robot.clickOn("Postmortem");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".inc-postmortem .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals("Save postmortem")).findFirst().orElseThrow().isDisabled()).isTrue();
        robot.interact(() -> robot.lookup(".inc-postmortem .text-area").queryTextInputControl()
                .setText("GPU 5 on gpu-03 fell off the bus; 40 minutes of reduced capacity."));
        robot.clickOn("+ Action item");
        robot.write("Alert on Xid 79");
        robot.interact(() -> {
            var fields = robot.lookup(".inc-action-items .text-field").queryAllAs(javafx.scene.control.TextField.class)
                    .stream().sorted(Comparator.comparingDouble(f -> f.localToScene(0, 0).getX())).toList();
            fields.get(1).setText("bob");
            fields.get(2).setText("2026-12-01");
        });
        robot.clickOn("Save postmortem");
        settle();
        var pm = desk.board().find("INC-7").postmortem();
        assertThat(pm.summary()).isEqualTo("GPU 5 on gpu-03 fell off the bus; 40 minutes of reduced capacity.");
        assertThat(pm.actionItems()).containsExactly(new io.watchfloor.incidents.ActionItem(
                "Alert on Xid 79", "bob", java.time.LocalDate.parse("2026-12-01")));
        assertThat(robot.lookup(".inc-postmortem .inc-status-line").queryAs(Label.class).getText()).isEqualTo("Saved");
    }

    @Test
    void theStateJsonListsEveryIncidentWithItsTimerFields(FxRobot robot) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        robot.interact(page::refresh);
        page.writeState(out);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        var first = json.get("incidents").get(0);
        assertThat(json.get("incidents")).hasSize(5);
        assertThat(first.get("id").asText()).isEqualTo("INC-7");
        assertThat(first.get("severity").asText()).isEqualTo("P1");
        assertThat(first.get("status").asText()).isEqualTo("triage");
        assertThat(first.get("ackDeadline").asText()).isEqualTo(T0.plusSeconds(761).toString());
        assertThat(first.get("acknowledgedAt").isNull()).isTrue();
        assertThat(first.get("alerts")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("fp-xid-03", "fp-ecc-03");
        assertThat(first.get("checklist").get("done").asInt()).isEqualTo(1);
        assertThat(first.get("checklist").get("total").asInt()).isEqualTo(3);
        assertThat(json.get("incidents").get(4).get("status").asText()).isEqualTo("resolved");
    }

    @Test
    void hidingThePageStopsFollowingTheDesk(FxRobot robot) {
        assertThat(desk.subscribers()).isEqualTo(1);
        robot.interact(page::deactivate);
        assertThat(desk.subscribers()).isZero();
        robot.interact(page::activate);
        assertThat(desk.subscribers()).isEqualTo(1);
    }

    private static String hhmm(java.time.Instant t) {
        return DateTimeFormatter.ofPattern("HH:mm").format(t.atZone(ZoneId.systemDefault()));
    }
}
