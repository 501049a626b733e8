package io.watchfloor.app.ui.incidents;

import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.LinkedAlert;
import io.watchfloor.model.incident.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The alerts linked to an incident: state (firing, silenced, inhibited, resolved: a shape and a word), the alert's
 * name, since when, and its summary. Firing ones first. Rebuilt only when the incident changes (a poll that changes
 * nothing makes no new incident).
 */
final class AlertsPane {
    private final GridPane grid = new GridPane();
    private final ScrollPane scroll = new ScrollPane(grid);
    private Incident shown;
    private Instant shownAt;

    AlertsPane() {
        grid.getStyleClass().add("inc-alerts");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("inc-scroll");
        for (int c = 0; c < 4; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(HPos.LEFT);
            if (c == 3) {
                cc.setHgrow(Priority.ALWAYS);
                cc.setMinWidth(0);
            } else {
                cc.setMinWidth(Region.USE_PREF_SIZE);
            }
            grid.getColumnConstraints().add(cc);
        }
    }

    Region node() {
        return scroll;
    }

    /** Re-renders when the incident changed, or once a minute for the "since" ages. */
    void show(Incident incident, Instant now, ZoneId zone) {
        if (incident == shown && shownAt != null && Duration.between(shownAt, now).toSeconds() < 60) {
            return;
        }
        shown = incident;
        shownAt = now;
        grid.getChildren().clear();
        String[] heads = {"State", "Alert", "Since", "Summary"};
        for (int c = 0; c < heads.length; c++) {
            grid.add(label(heads[c], "inc-alert-head"), c, 0);
        }
        if (incident.alerts().isEmpty()) {
            grid.add(label("No alerts linked: opened by hand.", "inc-dim"), 0, 1, 4, 1);
            return;
        }
        List<LinkedAlert> alerts = new ArrayList<>(incident.alerts());
        alerts.sort(Comparator.comparing((LinkedAlert a) -> a.state() == AlertState.RESOLVED)
                .thenComparing(a -> a.state().isSuppressed())
                .thenComparing(LinkedAlert::startsAt, Comparator.nullsLast(Comparator.naturalOrder())));
        int row = 1;
        for (LinkedAlert a : alerts) {
            grid.add(label(IncidentFormat.alertState(a.state()), "inc-alert-state", "alert-" + a.state().wireName()), 0, row);
            grid.add(label(a.alertname(), "inc-alert-name"), 1, row);
            grid.add(label(since(a, now, zone), "inc-alert-since"), 2, row);
            String summary = a.summary() == null ? "" : a.summary();
            Label s = label(summary + (a.sourceId() == null ? "" : "   (" + a.sourceId() + ")"), "inc-alert-summary");
            s.setWrapText(true);
            grid.add(s, 3, row);
            row++;
        }
    }

    private static String since(LinkedAlert a, Instant now, ZoneId zone) {
        if (a.state() == AlertState.RESOLVED && a.resolvedAt() != null) {
            return IncidentFormat.time(a.startsAt(), now, zone) + " → " + IncidentFormat.time(a.resolvedAt(), now, zone);
        }
        return a.startsAt() == null ? IncidentFormat.NONE
                : IncidentFormat.time(a.startsAt(), now, zone) + " (" + IncidentFormat.span(Duration.between(a.startsAt(), now)) + ")";
    }

    private static Label label(String text, String... classes) {
        Label l = new Label(text);
        l.getStyleClass().addAll(classes);
        return l;
    }
}
