package io.watchfloor.app.ui;

import java.net.URL;
import javafx.scene.Scene;

/** The stylesheets, kept under assets/styles and packaged on the class path. */
public final class Theme {
    public static final String DARK = "/assets/styles/wall-dark.css";

    private Theme() {
    }

    public static void apply(Scene scene) {
        URL css = Theme.class.getResource(DARK);
        if (css == null) {
            throw new IllegalStateException("stylesheet " + DARK + " is missing from the class path");
        }
        scene.getStylesheets().setAll(css.toExternalForm());
    }
}
