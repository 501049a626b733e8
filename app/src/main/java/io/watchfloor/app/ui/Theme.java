package io.watchfloor.app.ui;

import java.net.URL;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The stylesheets, kept under assets/styles and packaged on the class path. The scene gets the base dark theme (its
 * colour variables); a page adds its own sheet on its root ({@link #addPageSheet}), so pages style only themselves.
 */
public final class Theme {
    public static final String DARK = "/assets/styles/wall-dark.css";
    public static final String ENDPOINTS = "/assets/styles/endpoints-dark.css";
    public static final String INCIDENTS = "/assets/styles/incidents-dark.css";
    public static final String USAGE = "/assets/styles/usage-dark.css";
    public static final String ACCESS = "/assets/styles/access-dark.css";

    private Theme() {
    }

    public static void apply(Scene scene) {
        scene.getStylesheets().setAll(url(DARK));
    }

    /** Adds a page's stylesheet to a node (its root, or a dialog's pane), after the base theme where asked. */
    public static void addPageSheet(Parent node, String sheet) {
        String u = url(sheet);
        if (!node.getStylesheets().contains(u)) {
            node.getStylesheets().add(u);
        }
    }

    /** The base theme and a page's sheet on a node that lives in its own scene (a dialog). */
    public static void applyTo(Parent node, String pageSheet) {
        addPageSheet(node, DARK);
        addPageSheet(node, pageSheet);
    }

    private static String url(String sheet) {
        URL css = Theme.class.getResource(sheet);
        if (css == null) {
            throw new IllegalStateException("stylesheet " + sheet + " is missing from the class path");
        }
        return css.toExternalForm();
    }
}
