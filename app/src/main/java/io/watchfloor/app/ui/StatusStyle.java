package io.watchfloor.app.ui;

import io.watchfloor.model.SourceState;
import io.watchfloor.model.TileStatus;
import javafx.scene.paint.Color;

/**
 * How a status is told on screen: a colour AND a shape AND a word, so colour-blind operators
 * and grey-scale photos of the wall read it too. Colours match the stylesheet's variables.
 */
public final class StatusStyle {
    private StatusStyle() {
    }

    public static String shape(TileStatus s) {
        return switch (s) {
            case OK -> "●";
            case WARN -> "▲";
            case CRIT -> "■";
            case STALE -> "◌";
            case UNKNOWN -> "?";
        };
    }

    public static String word(TileStatus s) {
        return s.name();
    }

    public static Color color(TileStatus s) {
        return switch (s) {
            case OK -> Color.web("#3fb950");
            case WARN -> Color.web("#e3a008");
            case CRIT -> Color.web("#ff4d4f");
            case STALE -> Color.web("#8b949e");
            case UNKNOWN -> Color.web("#6e7681");
        };
    }

    public static String styleClass(TileStatus s) {
        return "status-" + s.wireName();
    }

    public static String shape(SourceState s) {
        return switch (s) {
            case UP -> "●";
            case DEGRADED -> "▲";
            case DOWN, AUTH_FAILED, AUTH_EXPIRED -> "■";
            case PENDING -> "◌";
        };
    }

    public static String styleClass(SourceState s) {
        return "source-" + s.wireName();
    }

    public static String label(SourceState s) {
        return switch (s) {
            case UP -> "UP";
            case DEGRADED -> "DEGRADED";
            case DOWN -> "DOWN";
            case AUTH_FAILED -> "AUTH FAILED";
            case AUTH_EXPIRED -> "AUTH EXPIRED";
            case PENDING -> "CONNECTING";
        };
    }
}
