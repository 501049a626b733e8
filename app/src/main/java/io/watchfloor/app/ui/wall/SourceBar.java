package io.watchfloor.app.ui.wall;

import io.watchfloor.app.ui.StatusStyle;
import io.watchfloor.model.Ages;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The sources' states: a chip per source in the top bar, and a banner line for every source that
 * is down, degraded or failing auth, saying since when and why. The banner is what a NOC operator
 * sees first when Prometheus goes away.
 */
public final class SourceBar {
    private final HBox chips = new HBox();
    private final VBox banner = new VBox();
    private boolean compact;

    public SourceBar() {
        chips.getStyleClass().add("source-chips");
        banner.getStyleClass().add("source-banner");
    }

    public HBox chips() {
        return chips;
    }

    public VBox banner() {
        return banner;
    }

    /**
     * Compact chips: healthy sources (UP, connecting) fold into one "● 4 sources UP" chip and only the others get a
     * chip of their own, for top bars that have little room (the Endpoints page on a laptop).
     */
    /** What polling costs, by source id: a tooltip on the chip (the Endpoints page also lists it). */
    public void setNotes(java.util.Map<String, String> notes) {
        this.notes = java.util.Map.copyOf(notes);
    }

    private java.util.Map<String, String> notes = java.util.Map.of();

    public void setCompact(boolean compact) {
        this.compact = compact;
    }

    public void update(List<SourceStatus> sources, Instant now) {
        chips.getChildren().clear();
        banner.getChildren().clear();
        int folded = 0;
        for (SourceStatus s : sources) {
            if (compact && !isProbe(s) && (s.state() == SourceState.UP || s.state() == SourceState.PENDING)) {
                folded++;
            }
        }
        if (folded > 0) {
            Label chip = new Label(StatusStyle.shape(SourceState.UP) + " " + folded + (folded == 1 ? " source" : " sources")
                    + " UP");
            chip.getStyleClass().addAll("source-chip", StatusStyle.styleClass(SourceState.UP));
            chips.getChildren().add(chip);
        }
        for (SourceStatus s : sources) {
            boolean fold = compact && (s.state() == SourceState.UP || s.state() == SourceState.PENDING);
            // A probe is shown on its endpoint, not as a chip (there may be hundreds); it only gets a banner line
            // when the probe itself cannot run (its key variable is gone), which no endpoint tile can say as well.
            if (!fold && !isProbe(s)) {
                String note = notes.get(s.id());
                Label chip = new Label(StatusStyle.shape(s.state()) + " " + s.id() + " " + StatusStyle.label(s.state())
                        + chipAge(s, now));
                if (note != null) {
                    chip.setTooltip(new javafx.scene.control.Tooltip(note));
                }
                chip.getStyleClass().addAll("source-chip", StatusStyle.styleClass(s.state()));
                chips.getChildren().add(chip);
            }
            if (s.state() == SourceState.DOWN || s.state().isAuthProblem() || s.state() == SourceState.DEGRADED) {
                Label line = new Label(bannerText(s, now));
                line.getStyleClass().addAll("banner-line", StatusStyle.styleClass(s.state()));
                line.setMaxWidth(Double.MAX_VALUE);
                banner.getChildren().add(line);
            }
        }
        banner.setVisible(!banner.getChildren().isEmpty());
        banner.setManaged(banner.isVisible());
    }

    private static boolean isProbe(SourceStatus s) {
        return PROBE_TYPE.equals(s.type());
    }

    /** The type of the console's own endpoint probes (io.watchfloor.sources.probe.ProbeSource.TYPE). */
    private static final String PROBE_TYPE = "probe";

    private static String chipAge(SourceStatus s, Instant now) {
        if (s.lastSuccessAt() == null) {
            return "";
        }
        return " · " + Ages.format(Duration.between(s.lastSuccessAt(), now).toMillis() / 1000.0);
    }

    public static String bannerText(SourceStatus s, Instant now) {
        String since = s.since() == null ? "" : " for " + Ages.format(Duration.between(s.since(), now).toMillis() / 1000.0);
        String why = s.lastError() == null ? "" : ": " + s.lastError();
        String tail = s.state() == SourceState.DEGRADED
                ? ""
                : ". Tiles show the last known values, greyed, with their age.";
        return StatusStyle.shape(s.state()) + " " + s.id() + " " + StatusStyle.label(s.state()) + since + why + tail;
    }
}
