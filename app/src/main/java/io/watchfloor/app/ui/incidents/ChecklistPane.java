package io.watchfloor.app.ui.incidents;

import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.Incident;
import io.watchfloor.model.incident.Phase;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The checklist of one incident, grouped by phase (Detection .. Postmortem): a checkbox per step, REQUIRED where the
 * step blocks "resolved", the runbook's hint, and who did it when.
 *
 * <p>A click does not tick the box by itself: the box turns indeterminate and disabled, "saving…" shows, and only the
 * desk's answer decides. Done: the incident comes back with the step done. Refused: the box shows the incident's state
 * again and the row says why. Rows are kept per step while the same incident is shown, so focus and keyboard use
 * survive the board's updates.
 */
final class ChecklistPane {
    /** The user asked to mark a step done (or not done). */
    interface Toggle {
        void set(String stepKey, boolean done);
    }

    private final VBox content = new VBox();
    private final ScrollPane scroll = new ScrollPane(content);
    private final Toggle toggle;
    private final Map<String, StepRow> rows = new HashMap<>();
    private final Map<Phase, Label> phaseHeads = new HashMap<>();
    private final Label empty = new Label("No checklist: no runbook applies to this incident.");
    private String incidentId;

    ChecklistPane(Toggle toggle) {
        this.toggle = toggle;
        content.getStyleClass().add("inc-checklist");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("inc-scroll");
        empty.getStyleClass().add("inc-dim");
        for (Phase p : Phase.values()) {
            Label head = new Label();
            head.getStyleClass().add("inc-phase-head");
            head.setMaxWidth(Double.MAX_VALUE);
            phaseHeads.put(p, head);
        }
    }

    Region node() {
        return scroll;
    }

    /** Shows the incident's checklist; {@code pending} holds the step keys being saved, {@code errors} why a save failed. */
    void show(Incident incident, Set<String> pendingSteps, Map<String, String> errors, Instant now, ZoneId zone) {
        if (!incident.id().equals(incidentId)) {
            incidentId = incident.id();
            rows.clear();
        }
        List<Node> children = new ArrayList<>();
        for (Phase p : Phase.values()) {
            List<ChecklistStep> steps = incident.checklist().stream().filter(s -> s.phase() == p).toList();
            if (steps.isEmpty()) {
                continue;
            }
            long done = steps.stream().filter(ChecklistStep::done).count();
            long requiredOpen = steps.stream().filter(s -> s.required() && !s.done()).count();
            Label head = phaseHeads.get(p);
            head.setText(p.title().toUpperCase(java.util.Locale.ROOT) + "   " + done + "/" + steps.size() + " done"
                    + (requiredOpen > 0 ? " · " + requiredOpen + " required open" : ""));
            children.add(head);
            for (ChecklistStep s : steps) {
                StepRow row = rows.computeIfAbsent(s.key(), k -> new StepRow(k));
                row.update(s, pendingSteps.contains(s.key()), errors.get(s.key()), now, zone);
                children.add(row.root);
            }
        }
        if (children.isEmpty()) {
            children.add(empty);
        }
        if (!content.getChildren().equals(children)) {
            content.getChildren().setAll(children);
        }
    }

    /** The row of a step, for tests. */
    CheckBox checkBox(String stepKey) {
        StepRow r = rows.get(stepKey);
        return r == null ? null : r.box;
    }

    private final class StepRow {
        final VBox root = new VBox();
        final CheckBox box = new CheckBox();
        final Label required = new Label("REQUIRED");
        final ProgressIndicator spinner = new ProgressIndicator();
        final Label saving = new Label("saving…");
        final Label hint = new Label();
        final Label doneBy = new Label();
        final Label error = new Label();

        StepRow(String key) {
            root.getStyleClass().add("inc-step");
            box.getStyleClass().add("inc-step-box");
            box.setWrapText(true);
            box.setMaxWidth(Double.MAX_VALUE);
            box.setMinWidth(0);
            HBox.setHgrow(box, Priority.ALWAYS);
            required.getStyleClass().add("inc-required");
            required.setMinWidth(Region.USE_PREF_SIZE);
            spinner.getStyleClass().add("inc-spinner");
            saving.getStyleClass().add("inc-saving");
            saving.setMinWidth(Region.USE_PREF_SIZE);
            doneBy.getStyleClass().add("inc-done-by");
            doneBy.setMinWidth(Region.USE_PREF_SIZE);
            hint.getStyleClass().add("inc-hint");
            hint.setWrapText(true);
            error.getStyleClass().add("inc-error");
            error.setWrapText(true);
            HBox line = new HBox(box, required, spinner, saving, doneBy);
            line.setAlignment(Pos.CENTER_LEFT);
            line.getStyleClass().add("inc-step-line");
            root.getChildren().addAll(line, hint, error);
            // on the action, not on the selected property: CheckBox.fire() clears "indeterminate" after selecting
            box.setOnAction(e -> {
                boolean requested = box.isSelected();
                // the answer decides; until then the box says neither
                box.setIndeterminate(true);
                box.setDisable(true);
                toggle.set(key, requested);
            });
        }

        void update(ChecklistStep s, boolean pending, String failure, Instant now, ZoneId zone) {
            box.setText(s.text());
            box.setSelected(s.done());
            box.setIndeterminate(pending);
            box.setDisable(pending);
            IncidentTable.toggle(root, "inc-step-done", s.done());
            show(required, s.required());
            show(spinner, pending);
            show(saving, pending);
            show(hint, s.hint() != null && !s.hint().isBlank());
            hint.setText(s.hint() == null ? "" : s.hint());
            show(doneBy, s.done() && !pending);
            doneBy.setText(s.done() ? "done by " + (s.doneBy() == null ? "?" : s.doneBy()) + " "
                    + IncidentFormat.time(s.doneAt(), now, zone) : "");
            show(error, failure != null);
            error.setText(failure == null ? "" : "Not saved: " + failure);
        }
    }

    static void show(Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }
}
