package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.ui.PostmortemExporter;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentException;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * One incident: a header (id, title, severity, status, lead, times, and the big response timer), the action bar, and
 * tabs with the checklist beside the timeline and notes, the linked alerts, and the postmortem.
 *
 * <p>Every action goes through the view model to the desk; the control shows "saving…" until the desk answers and
 * shows the change only then. A refusal is said in words on the message line (and beside a checklist step), and the
 * control shows the incident as it is again.
 */
final class IncidentDetailPane {
    private final IncidentsViewModel vm;
    private final PostmortemExporter exporter;
    private final ZoneId zone;
    private final VBox root = new VBox();
    private final Label severity = label("inc-sev-chip");
    private final Label id = label("inc-detail-id");
    private final Label title = label("inc-detail-title");
    private final Label status = label("inc-state-chip");
    private final Label bigTimer = label("inc-big-timer");
    private final Label facts = label("inc-detail-facts");
    private final Button acknowledge = button("Acknowledge", "inc-primary", "inc-ack");
    private final HBox moves = new HBox();
    private final MenuButton severityMenu = new MenuButton();
    private final TextField leadField = new TextField();
    private final Button setLead = button("Set lead", "inc-set-lead");
    private final Button export = button("Export postmortem…", "inc-export");
    private final StackPane exportHolder = new StackPane(export);
    private final Label message = label("inc-message");
    private final Button dismiss = button("✕", "inc-dismiss");
    private final HBox messageLine = new HBox(message, dismiss);
    private final ChecklistPane checklist;
    private final TimelinePane timeline;
    private final AlertsPane alerts = new AlertsPane();
    private final PostmortemPane postmortem;
    private final TextArea note = new TextArea();
    private final Button addNote = button("Add note", "inc-add-note");
    private final TabPane tabs = new TabPane();
    private final Tab workTab = new Tab("Checklist & timeline");
    private final Tab alertsTab = new Tab("Alerts");
    private final Tab postmortemTab = new Tab("Postmortem");
    private final Map<String, String> stepErrors = new HashMap<>();
    private final List<Button> moveButtons = new ArrayList<>();
    private Incident shown;
    /** "Open shell on HOST…" for each linked host this console can open a shell on; none without shells. */
    private final HBox shellButtons = new HBox();
    private io.watchfloor.app.ui.access.ShellLauncher shells;
    private java.util.List<String> shellButtonsFor = java.util.List.of();
    private IncidentStatus movesFor;
    private boolean leadEdited;
    /** Where "Export postmortem…" writes; the GUI asks with a file chooser, tests answer directly. */
    private Function<String, Path> exportTarget = this::chooseFile;

    IncidentDetailPane(IncidentsViewModel vm, PostmortemExporter exporter, ZoneId zone) {
        this.vm = vm;
        this.exporter = exporter;
        this.zone = zone;
        root.getStyleClass().add("inc-detail");
        checklist = new ChecklistPane(this::setStep);
        timeline = new TimelinePane(this::thumbnail);
        postmortem = new PostmortemPane(vm::updatePostmortem);

        for (Label l : new Label[] {severity, id, status, bigTimer}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox head = new HBox(severity, id, title, status, bigTimer);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("inc-detail-head");
        facts.setWrapText(true);

        acknowledge.setOnAction(e -> acknowledge());
        moves.getStyleClass().add("inc-buttons");
        severityMenu.getStyleClass().addAll("inc-button", "inc-severity-menu");
        for (Severity s : Severity.values()) {
            MenuItem item = new MenuItem(s.name() + severityHint(s));
            item.setOnAction(e -> setSeverity(s));
            item.getProperties().put(Severity.class, s);
            severityMenu.getItems().add(item);
        }
        leadField.setPromptText("who leads");
        leadField.getStyleClass().addAll("inc-field", "inc-lead-field");
        leadField.setPrefColumnCount(7);
        leadField.textProperty().addListener((o, a, b) -> leadEdited = true);
        leadField.setOnAction(e -> setLead());
        setLead.setOnAction(e -> setLead());
        export.setOnAction(e -> exportPostmortem());
        if (exporter == null) {
            export.setDisable(true);
            Tooltip.install(exportHolder, new Tooltip("Postmortem export is not available in this console"));
        }
        shellButtons.getStyleClass().add("inc-buttons");
        FlowPane actions = new FlowPane(acknowledge, moves, severityMenu, new HBox(leadField, setLead), exportHolder,
                shellButtons);
        actions.getStyleClass().add("inc-actions");
        actions.setAlignment(Pos.CENTER_LEFT);

        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        messageLine.getStyleClass().add("inc-message-line");
        messageLine.setAlignment(Pos.CENTER_LEFT);
        dismiss.setOnAction(e -> say(null, false));
        ChecklistPane.show(messageLine, false);

        note.setPromptText("A note for the timeline (Ctrl+Enter adds it)");
        note.setWrapText(true);
        note.setPrefRowCount(2);
        note.getStyleClass().addAll("inc-field", "inc-note");
        note.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                addNote();
                e.consume();
            }
        });
        note.textProperty().addListener((o, a, b) -> refreshPending());
        addNote.setOnAction(e -> addNote());
        addNote.setMinWidth(Region.USE_PREF_SIZE);
        HBox noteBox = new HBox(note, addNote);
        HBox.setHgrow(note, Priority.ALWAYS);
        noteBox.setAlignment(Pos.BOTTOM_LEFT);
        noteBox.getStyleClass().add("inc-note-box");
        Label tlHead = label("inc-section-head");
        tlHead.setText("Timeline");
        VBox right = new VBox(tlHead, timeline.node(), noteBox);
        right.getStyleClass().add("inc-timeline-box");
        VBox.setVgrow(timeline.node(), Priority.ALWAYS);
        Label clHead = label("inc-section-head");
        clHead.setText("Checklist");
        VBox left = new VBox(clHead, checklist.node());
        left.getStyleClass().add("inc-checklist-box");
        VBox.setVgrow(checklist.node(), Priority.ALWAYS);
        SplitPane work = new SplitPane(left, right);
        work.setOrientation(Orientation.HORIZONTAL);
        work.setDividerPositions(0.52);
        work.getStyleClass().add("inc-work");
        workTab.setContent(work);
        alertsTab.setContent(alerts.node());
        postmortemTab.setContent(postmortem.node());
        for (Tab t : new Tab[] {workTab, alertsTab, postmortemTab}) {
            t.setClosable(false);
            tabs.getTabs().add(t);
        }
        tabs.getStyleClass().add("inc-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.getChildren().addAll(head, facts, actions, messageLine, tabs);
        vm.pending().addListener((javafx.collections.SetChangeListener<String>) c -> refreshPending());
    }

    Region node() {
        return root;
    }

    String incidentId() {
        return shown == null ? null : shown.id();
    }

    /** Shows this incident (a new copy of the same one keeps edits in progress). */
    void show(Incident incident) {
        if (shown == null || !shown.id().equals(incident.id())) {
            say(null, false);
            stepErrors.clear();
            leadEdited = false;
            note.clear();
        }
        shown = incident;
        severity.setText(incident.severity().name());
        setClass(severity, "sev-", IncidentFormat.severityClass(incident.severity()));
        id.setText(incident.id());
        title.setText(incident.title());
        status.setText(IncidentFormat.status(incident.status()));
        setClass(status, "inc-status-", IncidentFormat.statusClass(incident.status()));
        if (!leadEdited) {
            leadField.setText(incident.lead() == null ? "" : incident.lead());
            leadEdited = false;
        }
        alertsTab.setText("Alerts " + IncidentFormat.alerts(incident));
        workTab.setText("Checklist " + IncidentFormat.checklist(incident) + " & timeline");
        if (movesFor != incident.status()) {
            buildMoves(incident.status());
        }
        timeline.show(incident, zone);
        showShellButtons(incident);
        postmortem.show(incident, vm.pending().contains(IncidentsViewModel.postmortem(incident.id())));
        tick(vm.now());
        refreshPending();
    }

    /** Offers shells on the incident's hosts (FX thread). */
    void setShells(io.watchfloor.app.ui.access.ShellLauncher launcher) {
        this.shells = launcher;
        shellButtonsFor = java.util.List.of();
        if (shown != null) {
            showShellButtons(shown);
        }
    }

    private void showShellButtons(Incident incident) {
        java.util.List<String> hosts = shells == null ? java.util.List.of()
                : incident.hosts().stream().filter(shells::offers).toList();
        if (hosts.equals(shellButtonsFor) && !shellButtons.getChildren().isEmpty() == !hosts.isEmpty()) {
            return;
        }
        shellButtonsFor = hosts;
        shellButtons.getChildren().clear();
        for (String host : hosts) {
            Button b = shells.button(() -> host, () -> shown == null ? null : shown.id());
            b.setText(hosts.size() == 1 ? "Open shell on " + host + "…" : host + " shell…");
            b.getStyleClass().add("inc-button");
            shellButtons.getChildren().add(b);
        }
        ChecklistPane.show(shellButtons, !hosts.isEmpty());
    }

    /** The timers and ages at a new time (once a second). */
    void tick(Instant now) {
        if (shown == null) {
            return;
        }
        Incident i = shown;
        boolean counting = !i.isAcknowledged();
        bigTimer.setText(counting ? IncidentFormat.timer(i, now) : IncidentFormat.responseFigures(i));
        setClass(bigTimer, "timer-", counting ? IncidentFormat.timerClass(i, now) : "timer-figures");
        facts.setText(facts(i, now));
        alerts.show(i, now, zone);
        checklist.show(i, pendingSteps(i), stepErrors, now, zone);
    }

    private String facts(Incident i, Instant now) {
        List<String> parts = new ArrayList<>();
        parts.add("Lead " + (i.lead() == null ? "none yet" : i.lead()));
        parts.add("detected " + IncidentFormat.time(i.detectedAt(), now, zone));
        parts.add("opened " + IncidentFormat.time(i.openedAt(), now, zone));
        parts.add("ack by " + IncidentFormat.time(i.ackDeadline(), now, zone));
        if (i.isAcknowledged()) {
            parts.add("acknowledged " + IncidentFormat.time(i.acknowledgedAt(), now, zone)
                    + (i.acknowledgedBy() == null ? "" : " by " + i.acknowledgedBy()));
        }
        if (!i.hosts().isEmpty()) {
            parts.add("hosts " + String.join(", ", i.hosts()));
        }
        if (!i.endpoints().isEmpty()) {
            parts.add("endpoints " + String.join(", ", i.endpoints()));
        }
        if (i.resolveOverride() != null) {
            parts.add("resolved with required steps open: " + i.resolveOverride());
        }
        return String.join("  ·  ", parts);
    }

    private Set<String> pendingSteps(Incident i) {
        Set<String> out = new HashSet<>();
        String prefix = IncidentsViewModel.step(i.id(), "");
        for (String k : vm.pending()) {
            if (k.startsWith(prefix)) {
                out.add(k.substring(prefix.length()));
            }
        }
        return out;
    }

    /** Controls follow what is being saved: disabled, with a word saying so. */
    private void refreshPending() {
        if (shown == null) {
            return;
        }
        Incident i = shown;
        Set<String> p = vm.pending();
        boolean acking = p.contains(IncidentsViewModel.ack(i.id()));
        ChecklistPane.show(acknowledge, !i.isAcknowledged() && i.status() != IncidentStatus.CLOSED);
        acknowledge.setDisable(acking);
        acknowledge.setText(acking ? "Acknowledging…" : "Acknowledge");
        boolean moving = p.contains(IncidentsViewModel.status(i.id()));
        moveButtons.forEach(b -> b.setDisable(moving));
        boolean sev = p.contains(IncidentsViewModel.severity(i.id()));
        severityMenu.setDisable(sev || i.status() == IncidentStatus.CLOSED);
        severityMenu.setText(sev ? "Severity: saving…" : "Severity " + i.severity().name());
        for (MenuItem item : severityMenu.getItems()) {
            item.setDisable(item.getProperties().get(Severity.class) == i.severity());
        }
        boolean lead = p.contains(IncidentsViewModel.lead(i.id()));
        leadField.setDisable(lead);
        setLead.setDisable(lead);
        setLead.setText(lead ? "Saving…" : "Set lead");
        boolean noting = p.contains(IncidentsViewModel.note(i.id()));
        addNote.setDisable(noting || note.getText().isBlank());
        addNote.setText(noting ? "Saving…" : "Add note");
        boolean exporting = p.contains(IncidentsViewModel.export(i.id()));
        export.setDisable(exporter == null || exporting);
        export.setText(exporting ? "Exporting…" : "Export postmortem…");
        checklist.show(i, pendingSteps(i), stepErrors, vm.now(), zone);
    }

    private void buildMoves(IncidentStatus from) {
        movesFor = from;
        moveButtons.clear();
        for (IncidentStatus to : IncidentStatus.values()) {
            if (from.canMoveTo(to)) {
                Button b = button(IncidentFormat.moveVerb(from, to), "inc-move", "inc-move-" + to.wireName());
                b.setOnAction(e -> move(to));
                moveButtons.add(b);
            }
        }
        moves.getChildren().setAll(moveButtons);
    }

    // ---- actions

    private void acknowledge() {
        String incident = shown.id();
        report(vm.acknowledge(incident), incident, "acknowledge");
    }

    private void move(IncidentStatus to) {
        Incident i = shown;
        if (to == IncidentStatus.RESOLVED && !i.openRequiredSteps().isEmpty()) {
            askReasonAndResolve(i);
            return;
        }
        vm.moveTo(i.id(), to, null).whenComplete((r, err) -> {
            if (err != null && unwrap(err) instanceof IncidentException ie
                    && ie.kind() == IncidentException.Kind.REQUIRED_STEPS_OPEN) {
                // the desk knows of required steps this screen had not seen yet: ask, as for those seen
                say(ie.getMessage(), true);
                Incident now = vm.find(i.id());
                if (now != null && !now.openRequiredSteps().isEmpty()) {
                    askReasonAndResolve(now);
                }
                return;
            }
            outcome(err, i.id(), "move " + i.id() + " to " + to.wireName());
        });
    }

    private void askReasonAndResolve(Incident i) {
        IncidentDialogs.overrideReason(window(), i, reason ->
                report(vm.moveTo(i.id(), IncidentStatus.RESOLVED, reason), i.id(), "resolve")).show();
    }

    private void setSeverity(Severity s) {
        report(vm.setSeverity(shown.id(), s), shown.id(), "change the severity");
    }

    private void setLead() {
        String lead = leadField.getText().strip();
        String incident = shown.id();
        vm.setLead(incident, lead.isEmpty() ? null : lead).whenComplete((r, err) -> {
            if (err == null && shown != null && shown.id().equals(incident)) {
                leadEdited = false;
                show(vm.find(incident) == null ? r : vm.find(incident));
            }
            outcome(err, incident, "set the lead");
        });
    }

    private void setStep(String stepKey, boolean done) {
        String incident = shown.id();
        stepErrors.remove(stepKey);
        vm.setStep(incident, stepKey, done).whenComplete((r, err) -> {
            if (shown == null || !shown.id().equals(incident)) {
                return;
            }
            if (err != null) {
                stepErrors.put(stepKey, IncidentFormat.failure(err));
                say("Could not " + (done ? "tick" : "untick") + " the step: " + IncidentFormat.failure(err), true);
            }
            refreshPending();
        });
    }

    private void addNote() {
        String text = note.getText().strip();
        if (text.isEmpty() || shown == null) {
            return;
        }
        String incident = shown.id();
        vm.addNote(incident, text).whenComplete((r, err) -> {
            if (err == null && shown != null && shown.id().equals(incident) && note.getText().strip().equals(text)) {
                note.clear();
            }
            outcome(err, incident, "add the note");
        });
    }

    private void exportPostmortem() {
        if (exporter == null || shown == null) {
            return;
        }
        Incident incident = shown;
        Path target = exportTarget.apply(incident.id() + "-postmortem.md");
        if (target == null) {
            return;
        }
        vm.offFxThread(IncidentsViewModel.export(incident.id()), () -> {
            try {
                PostmortemFile.write(target, exporter.markdown(incident));
                return target;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }).whenComplete((path, err) -> {
            if (err == null) {
                say("Postmortem of " + incident.id() + " written to " + path, false);
            } else {
                say("Could not export the postmortem: " + IncidentFormat.failure(err), true);
            }
        });
    }

    private Path chooseFile(String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the postmortem");
        chooser.setInitialFileName(suggested);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Markdown", "*.md"));
        java.io.File f = chooser.showSaveDialog(window());
        return f == null ? null : f.toPath();
    }

    void setExportTarget(Function<String, Path> target) {
        this.exportTarget = target;
    }

    private CompletableFuture<java.util.Optional<javafx.scene.image.Image>> thumbnail(long attachmentId) {
        // decoded once, at the height a 4K screen shows it; smaller screens scale it down
        return vm.thumbnail(attachmentId, TimelinePane.DECODE_HEIGHT);
    }

    private void report(CompletableFuture<Incident> f, String incident, String what) {
        f.whenComplete((r, err) -> outcome(err, incident, what));
    }

    /** A refusal is said on the message line of the incident it was about; the board shows the incident as it is. */
    private void outcome(Throwable err, String incident, String what) {
        if (err != null && shown != null && shown.id().equals(incident)) {
            say("Could not " + what + ": " + IncidentFormat.failure(err), true);
        } else if (err == null && shown != null && shown.id().equals(incident)) {
            say(null, false);
        }
    }

    /** Shows a message (null hides it). */
    void say(String text, boolean error) {
        message.setText(text == null ? "" : text);
        IncidentTable.toggle(messageLine, "inc-message-error", error);
        ChecklistPane.show(messageLine, text != null);
    }

    String message() {
        return messageLine.isVisible() ? message.getText() : null;
    }

    ChecklistPane checklist() {
        return checklist;
    }

    void setTextSize(double px) {
        timeline.setThumbnailHeight(Math.round(px * 7));
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String severityHint(Severity s) {
        return switch (s) {
            case P1 -> "  critical: customers affected now";
            case P2 -> "  major: degraded, spreading";
            case P3 -> "  minor";
            case P4 -> "  low: no urgency";
        };
    }

    /** Replaces the style class that starts with {@code prefix} by {@code cls}. */
    static void setClass(Node n, String prefix, String cls) {
        n.getStyleClass().removeIf(c -> c.startsWith(prefix) && !c.equals(cls));
        if (!n.getStyleClass().contains(cls)) {
            n.getStyleClass().add(cls);
        }
    }

    private static Label label(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setMinWidth(0);
        return l;
    }

    private static Button button(String text, String... classes) {
        Button b = new Button(text);
        b.getStyleClass().add("inc-button");
        b.getStyleClass().addAll(classes);
        return b;
    }
}
