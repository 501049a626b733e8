package io.watchfloor.app.ui.wall;

import io.watchfloor.app.ui.incidents.IncidentFormat;
import io.watchfloor.app.ui.incidents.IncidentOrder;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.ResponseState;
import io.watchfloor.model.incident.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The wall's incident banner: one line per open incident, most urgent first, at most {@link #MAX_SHOWN} and then
 * "+N more": "P1 INC-7 GPU Xid errors on gpu-03 · ack in 12:41".
 *
 * <p>Red for unacknowledged P1/P2, amber for unacknowledged P3/P4, a quiet dark line once acknowledged; a breached
 * timer is shown inverted (white chip) rather than blinking, since a wall runs for weeks and a blinking area draws the
 * eye away from everything else. The line height is fixed per screen size (not measured), so the wall's layout can
 * subtract it exactly and the GPU tiles never slide under the footer.
 *
 * <p>Nodes are made once (three lines) and only their texts and classes change, so the once-a-second countdown costs
 * a few string updates and no allocation of nodes.
 */
public final class IncidentBanner {
    public static final int MAX_SHOWN = 3;
    /** Sizes at the 1920x1080 design resolution; the wall scales them with the screen. */
    static final double LINE_HEIGHT = 44;
    static final double FONT_PX = 27;

    private final VBox root = new VBox();
    private final Line[] lines = new Line[MAX_SHOWN];
    private List<Incident> open = List.of();
    private double scale = 1;

    public IncidentBanner() {
        root.getStyleClass().add("inc-banner");
        for (int k = 0; k < MAX_SHOWN; k++) {
            lines[k] = new Line();
            root.getChildren().add(lines[k].box);
        }
        applyScale();
        show(false);
    }

    public Region node() {
        return root;
    }

    /** A new board from the desk (FX thread). */
    public void setBoard(IncidentBoard board, Instant now) {
        open = IncidentOrder.open(board.incidents());
        tick(now);
    }

    /** Re-judges the timers at this time (FX thread, once a second, from the wall's own timer). */
    public void tick(Instant now) {
        int shown = Math.min(MAX_SHOWN, open.size());
        for (int k = 0; k < MAX_SHOWN; k++) {
            Line line = lines[k];
            boolean visible = k < shown;
            line.box.setVisible(visible);
            line.box.setManaged(visible);
            if (visible) {
                int hidden = k == shown - 1 ? open.size() - shown : 0;
                line.update(open.get(k), now, hidden);
            }
        }
        show(shown > 0);
    }

    /** The banner's height at the current scale: exact, so the wall's layout can make room for it. */
    public double height() {
        int shown = Math.min(MAX_SHOWN, open.size());
        return shown * lineHeight();
    }

    public boolean showing() {
        return !open.isEmpty();
    }

    /** Follows the wall's scale (1 at 1920x1080, 2 at 3840x2160). */
    public void setScale(double scale) {
        if (scale != this.scale) {
            this.scale = scale;
            applyScale();
        }
    }

    /** The lines as read on screen, for tests and the log: "P1 INC-7 GPU Xid errors on gpu-03 · ack in 12:41". */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.box.isVisible()) {
                out.add(l.text());
            }
        }
        return out;
    }

    private double lineHeight() {
        return Math.round(LINE_HEIGHT * scale);
    }

    private void applyScale() {
        double h = lineHeight();
        root.setStyle("-fx-font-size: " + Math.round(FONT_PX * scale) + "px;");
        for (Line l : lines) {
            l.box.setMinHeight(h);
            l.box.setPrefHeight(h);
            l.box.setMaxHeight(h);
        }
    }

    private void show(boolean visible) {
        root.setVisible(visible);
        root.setManaged(visible);
    }

    private static final class Line {
        final HBox box = new HBox();
        final Label severity = new Label();
        final Label id = new Label();
        final Label title = new Label();
        final Label timer = new Label();
        final Label more = new Label();

        Line() {
            box.getStyleClass().add("inc-banner-line");
            box.setAlignment(Pos.CENTER_LEFT);
            severity.getStyleClass().add("inc-banner-sev");
            id.getStyleClass().add("inc-banner-id");
            title.getStyleClass().add("inc-banner-title");
            timer.getStyleClass().add("inc-banner-timer");
            more.getStyleClass().add("inc-banner-more");
            for (Label l : new Label[] {severity, id, timer, more}) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            // the title gives way (with an ellipsis); severity, id and timer never do
            title.setMinWidth(0);
            title.setMaxWidth(Double.MAX_VALUE);
            title.setTextOverrun(OverrunStyle.ELLIPSIS);
            HBox.setHgrow(title, Priority.ALWAYS);
            box.getChildren().addAll(severity, id, title, timer, more);
        }

        void update(Incident i, Instant now, int hidden) {
            severity.setText(i.severity().name());
            id.setText(i.id());
            title.setText(i.title());
            timer.setText(IncidentFormat.timer(i, now));
            more.setText(hidden > 0 ? "+" + hidden + " more" : "");
            more.setVisible(hidden > 0);
            more.setManaged(hidden > 0);
            ResponseState r = i.responseState(now);
            boolean high = i.severity() == Severity.P1 || i.severity() == Severity.P2;
            String tone = i.isAcknowledged() ? "inc-banner-acked" : high ? "inc-banner-high" : "inc-banner-low";
            setOnly(box, "inc-banner-", tone, "inc-banner-line");
            setOnly(severity, "sev-", IncidentFormat.severityClass(i.severity()), null);
            setOnly(timer, "timer-", r == ResponseState.BREACHED ? "timer-breached" : "timer-running", null);
        }

        String text() {
            String line = severity.getText() + " " + id.getText() + " " + title.getText() + " · " + timer.getText();
            return more.isVisible() ? line + "  " + more.getText() : line;
        }

        /** Keeps one style class of a family (by prefix), leaving {@code keep} alone. */
        private static void setOnly(Region n, String prefix, String cls, String keep) {
            n.getStyleClass().removeIf(c -> c.startsWith(prefix) && !c.equals(cls) && !c.equals(keep));
            if (!n.getStyleClass().contains(cls)) {
                n.getStyleClass().add(cls);
            }
        }
    }
}
