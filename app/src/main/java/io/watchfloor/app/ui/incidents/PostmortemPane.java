package io.watchfloor.app.ui.incidents;

import io.watchfloor.incidents.ActionItem;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.Postmortem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What people write after the fact: summary, contributing factors, root cause, resolution, and action items (text,
 * owner, due date), saved with one button. Edits not saved yet are kept per incident while the lead looks at another
 * one, and a board update never overwrites them. A failed save keeps the text and says why.
 */
final class PostmortemPane {
    private record Draft(String summary, String factors, String rootCause, String resolution, List<String[]> items) {
    }

    private final VBox content = new VBox();
    private final ScrollPane scroll = new ScrollPane(content);
    private final TextArea summary = area("What happened, in two or three sentences.");
    private final TextArea factors = area("What made it possible or worse.");
    private final TextArea rootCause = area("The cause that, removed, stops it happening again.");
    private final TextArea resolution = area("What fixed it.");
    private final GridPane items = new GridPane();
    private final List<TextField[]> itemRows = new ArrayList<>();
    private final Button addItem = new Button("+ Action item");
    private final Button save = new Button("Save postmortem");
    private final Label status = new Label();
    private final Map<String, Draft> drafts = new HashMap<>();
    private final BiFunction<String, Postmortem, CompletableFuture<Incident>> saver;
    private String incidentId;
    private boolean dirty;
    private boolean setting;

    PostmortemPane(BiFunction<String, Postmortem, CompletableFuture<Incident>> saver) {
        this.saver = saver;
        content.getStyleClass().add("inc-postmortem");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("inc-scroll");
        items.getStyleClass().add("inc-action-items");
        for (double pct : new double[] {60, 22, 18}) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(pct);
            items.getColumnConstraints().add(cc);
        }
        addItem.getStyleClass().add("inc-button");
        addItem.setOnAction(e -> {
            addItemRow("", "", "");
            markDirty();
            itemRows.get(itemRows.size() - 1)[0].requestFocus();
        });
        save.getStyleClass().addAll("inc-button", "inc-primary");
        save.setOnAction(e -> save());
        status.getStyleClass().add("inc-status-line");
        status.setWrapText(true);
        HBox buttons = new HBox(save, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.getStyleClass().add("inc-buttons");
        content.getChildren().addAll(
                head("Summary"), summary, head("Contributing factors"), factors, head("Root cause"), rootCause,
                head("Resolution"), resolution, head("Action items"), items, addItem, buttons);
        for (TextArea a : new TextArea[] {summary, factors, rootCause, resolution}) {
            a.textProperty().addListener((o, x, y) -> markDirty());
        }
    }

    Region node() {
        return scroll;
    }

    boolean dirty() {
        return dirty;
    }

    /** Shows the incident's postmortem, unless the lead has unsaved edits of it on screen. */
    void show(Incident incident, boolean pending) {
        if (!incident.id().equals(incidentId)) {
            if (incidentId != null && dirty) {
                drafts.put(incidentId, draft());
            }
            incidentId = incident.id();
            Draft d = drafts.remove(incidentId);
            if (d != null) {
                fill(d);
                dirty = true;
                status.setText("Not saved yet");
            } else {
                fill(incident.postmortem());
                status.setText("");
            }
        } else if (!dirty) {
            fill(incident.postmortem());
        }
        save.setDisable(pending || !dirty);
        save.setText(pending ? "Saving…" : "Save postmortem");
    }

    private void save() {
        Postmortem pm;
        try {
            pm = read();
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            IncidentTable.toggle(status, "inc-error", true);
            return;
        }
        String id = incidentId;
        save.setDisable(true);
        saver.apply(id, pm).whenComplete((incident, err) -> {
            if (!id.equals(incidentId)) {
                return;
            }
            IncidentTable.toggle(status, "inc-error", err != null);
            if (err != null) {
                status.setText("Not saved: " + IncidentFormat.failure(err));
                save.setDisable(false);
                return;
            }
            dirty = false;
            status.setText("Saved");
            if (incident != null) {
                fill(incident.postmortem());
            }
            save.setDisable(true);
        });
    }

    private Postmortem read() {
        List<ActionItem> list = new ArrayList<>();
        for (TextField[] r : itemRows) {
            String text = r[0].getText().strip();
            String owner = r[1].getText().strip();
            String due = r[2].getText().strip();
            if (text.isEmpty() && owner.isEmpty() && due.isEmpty()) {
                continue;
            }
            if (text.isEmpty()) {
                throw new IllegalArgumentException("An action item needs a text (owner " + owner + ").");
            }
            LocalDate date = null;
            if (!due.isEmpty()) {
                try {
                    date = LocalDate.parse(due);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("Due date \"" + due + "\" of \"" + text
                            + "\" is not a date; expected YYYY-MM-DD.");
                }
            }
            list.add(new ActionItem(text, owner.isEmpty() ? null : owner, date));
        }
        return new Postmortem(summary.getText(), factors.getText(), rootCause.getText(), resolution.getText(), list);
    }

    private Draft draft() {
        List<String[]> rows = new ArrayList<>();
        for (TextField[] r : itemRows) {
            rows.add(new String[] {r[0].getText(), r[1].getText(), r[2].getText()});
        }
        return new Draft(summary.getText(), factors.getText(), rootCause.getText(), resolution.getText(), rows);
    }

    private void fill(Postmortem pm) {
        List<String[]> rows = new ArrayList<>();
        for (ActionItem a : pm.actionItems()) {
            rows.add(new String[] {a.text(), a.owner() == null ? "" : a.owner(), a.due() == null ? "" : a.due().toString()});
        }
        fill(new Draft(pm.summary(), pm.contributingFactors(), pm.rootCause(), pm.resolution(), rows));
        dirty = false;
    }

    private void fill(Draft d) {
        setting = true;
        try {
            setIfChanged(summary, d.summary());
            setIfChanged(factors, d.factors());
            setIfChanged(rootCause, d.rootCause());
            setIfChanged(resolution, d.resolution());
            items.getChildren().clear();
            itemRows.clear();
            String[] heads = {"Action", "Owner", "Due (YYYY-MM-DD)"};
            for (int c = 0; c < heads.length; c++) {
                Label h = new Label(heads[c]);
                h.getStyleClass().add("inc-alert-head");
                items.add(h, c, 0);
            }
            for (String[] r : d.items()) {
                addItemRow(r[0], r[1], r[2]);
            }
        } finally {
            setting = false;
        }
    }

    private void addItemRow(String text, String owner, String due) {
        TextField[] r = {new TextField(text), new TextField(owner), new TextField(due)};
        r[0].setPromptText("what will be done");
        r[1].setPromptText("who");
        r[2].setPromptText("2026-12-01");
        int row = itemRows.size() + 1;
        for (int c = 0; c < 3; c++) {
            r[c].getStyleClass().add("inc-field");
            r[c].textProperty().addListener((o, x, y) -> markDirty());
            items.add(r[c], c, row);
        }
        itemRows.add(r);
    }

    private void markDirty() {
        if (!setting) {
            dirty = true;
            save.setDisable(false);
        }
    }

    private static void setIfChanged(TextArea a, String text) {
        if (!a.getText().equals(text)) {
            a.setText(text);
        }
    }

    private static TextArea area(String prompt) {
        TextArea a = new TextArea();
        a.setPromptText(prompt);
        a.setWrapText(true);
        a.setPrefRowCount(3);
        a.getStyleClass().add("inc-field");
        return a;
    }

    private static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("inc-section-head");
        return l;
    }
}
