package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.ui.Theme;
import io.watchfloor.incidents.ChecklistStep;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.NewIncident;
import io.watchfloor.model.incident.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The two questions the incident page asks: what to open by hand, and why to resolve while required steps are open.
 * Both are shown without waiting (no nested event loop); the answer is handed to a callback, nothing when cancelled.
 */
final class IncidentDialogs {
    static final ButtonType OPEN = new ButtonType("Open incident", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType RESOLVE = new ButtonType("Resolve anyway", ButtonBar.ButtonData.OK_DONE);

    private IncidentDialogs() {
    }

    /** "Open incident…": title, severity, hosts and endpoints (comma-separated). */
    static Dialog<NewIncident> openIncident(Window owner, Consumer<NewIncident> onOpen) {
        Dialog<NewIncident> d = dialog(owner, "Open an incident", "Open an incident by hand (a customer report, "
                + "something seen on the wall before any alert).");
        TextField title = field("title", "GPU Xid errors on gpu-03");
        ChoiceBox<Severity> severity = new ChoiceBox<>();
        severity.getItems().setAll(Severity.values());
        severity.setValue(Severity.P3);
        severity.getStyleClass().add("inc-open-severity");
        TextField hosts = field("hosts", "gpu-03, gpu-04");
        TextField endpoints = field("endpoints", "llama-onprem");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("inc-dialog-grid");
        grid.addRow(0, new Label("Title"), title);
        grid.addRow(1, new Label("Severity"), severity);
        grid.addRow(2, new Label("Hosts"), hosts);
        grid.addRow(3, new Label("Endpoints"), endpoints);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(OPEN, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(OPEN);
        ok.disableProperty().bind(title.textProperty().map(t -> t.isBlank()).orElse(true));
        d.setResultConverter(b -> b == OPEN
                ? new NewIncident(title.getText().strip(), severity.getValue(), list(hosts.getText()), list(endpoints.getText()))
                : null);
        d.setOnShown(e -> title.requestFocus());
        d.setOnHidden(e -> {
            if (d.getResult() != null) {
                onOpen.accept(d.getResult());
            }
        });
        return d;
    }

    /** Resolving with required steps open: names them and asks for the reason that is recorded with the override. */
    static Dialog<String> overrideReason(Window owner, Incident incident, Consumer<String> onReason) {
        List<ChecklistStep> open = incident.openRequiredSteps();
        Dialog<String> d = dialog(owner, "Resolve " + incident.id() + " with required steps open?",
                open.size() + (open.size() == 1 ? " required step is" : " required steps are")
                        + " not done. Resolving anyway is recorded on the timeline with your reason.");
        VBox steps = new VBox();
        steps.getStyleClass().add("inc-override-steps");
        for (ChecklistStep s : open) {
            Label l = new Label("☐ " + s.phase().title() + ": " + s.text());
            l.setWrapText(true);
            l.getStyleClass().add("inc-override-step");
            steps.getChildren().add(l);
        }
        TextArea reason = new TextArea();
        reason.setPromptText("Why resolve now (e.g. \"false alarm: maintenance reboot\")");
        reason.setWrapText(true);
        reason.setPrefRowCount(3);
        reason.getStyleClass().addAll("inc-field", "inc-override-reason");
        Label ask = new Label("Reason");
        ask.getStyleClass().add("inc-section-head");
        VBox box = new VBox(steps, ask, reason);
        box.getStyleClass().add("inc-dialog-box");
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().setAll(RESOLVE, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(RESOLVE).disableProperty()
                .bind(reason.textProperty().map(t -> t.isBlank()).orElse(true));
        d.setResultConverter(b -> b == RESOLVE ? reason.getText().strip() : null);
        d.setOnShown(e -> reason.requestFocus());
        d.setOnHidden(e -> {
            if (d.getResult() != null) {
                onReason.accept(d.getResult());
            }
        });
        return d;
    }

    private static <T> Dialog<T> dialog(Window owner, String title, String header) {
        Dialog<T> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(title);
        d.setHeaderText(header);
        d.setResizable(true);
        d.getDialogPane().getStyleClass().add("incident-dialog");
        Theme.applyTo(d.getDialogPane(), Theme.INCIDENTS);
        return d;
    }

    private static TextField field(String styleClass, String prompt) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.getStyleClass().addAll("inc-field", "inc-open-" + styleClass);
        f.setPrefColumnCount(28);
        return f;
    }

    /** "gpu-03, gpu-04 " → [gpu-03, gpu-04]. */
    static List<String> list(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
