package io.watchfloor.app.ui.endpoints;

import io.watchfloor.model.endpoint.EndpointStatus;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.paint.Color;

/**
 * How an endpoint status is told on screen: colour AND shape AND word, with the same shapes and colours as the
 * GPU tiles (UP as OK, DEGRADED as WARN, DOWN as CRIT, UNKNOWN as UNKNOWN), so the wall speaks one language.
 */
public final class EndpointStyle {
    private EndpointStyle() {
    }

    public static String shape(EndpointStatus s) {
        return switch (s) {
            case UP -> "●";
            case DEGRADED -> "▲";
            case DOWN -> "■";
            case UNKNOWN -> "?";
        };
    }

    public static String word(EndpointStatus s) {
        return s.name();
    }

    /** "■ DOWN". */
    public static String badge(EndpointStatus s) {
        return shape(s) + " " + word(s);
    }

    public static Color color(EndpointStatus s) {
        return switch (s) {
            case UP -> Color.web("#3fb950");
            case DEGRADED -> Color.web("#e3a008");
            case DOWN -> Color.web("#ff4d4f");
            case UNKNOWN -> Color.web("#8b949e");
        };
    }

    /** "ep-down": the stylesheet colours text and borders by it. */
    public static String styleClass(EndpointStatus s) {
        return "ep-" + s.wireName();
    }

    private static final List<String> STATUS_CLASSES = List.of("ep-up", "ep-degraded", "ep-down", "ep-unknown");

    /**
     * Gives a node the class of this status (and no other status class), touching its class list only when it
     * changes: every change makes JavaFX restyle the node, and a restyle requested during layout lands a pulse late.
     */
    public static void setStatusClass(Node n, EndpointStatus s) {
        String wanted = styleClass(s);
        var classes = n.getStyleClass();
        if (classes.contains(wanted) && classes.stream().filter(STATUS_CLASSES::contains).count() == 1) {
            return;
        }
        classes.removeAll(STATUS_CLASSES);
        classes.add(wanted);
    }

    /** Adds or removes one style class, touching the list only when that changes anything. */
    public static void toggle(Node n, String styleClass, boolean on) {
        var classes = n.getStyleClass();
        if (on && !classes.contains(styleClass)) {
            classes.add(styleClass);
        } else if (!on && classes.contains(styleClass)) {
            classes.removeAll(styleClass);
        }
    }
}
