package io.watchfloor.app.ui;

import io.watchfloor.app.runtime.ConsoleRuntime;
import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. The runtime (cache, engine, sources) is built before launch, so the
 * first frame already shows the cached state; the engine starts polling once the window is up.
 */
public final class WatchfloorApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WatchfloorApp.class);
    // Application.launch instantiates the class itself; this is the hand-over
    private static volatile ConsoleRuntime runtime;
    private static volatile boolean wallMode;
    private static volatile boolean exitAfterFirstFrame;
    private ConsoleView view;

    public static void launch(ConsoleRuntime rt, boolean wall, boolean exitAfterFirst) {
        runtime = rt;
        wallMode = wall;
        exitAfterFirstFrame = exitAfterFirst;
        new Thread(() -> Application.launch(WatchfloorApp.class), "watchfloor-fx-launcher").start();
    }

    @Override
    public void start(Stage stage) {
        view = Views.create("wall", runtime.viewContext(FxExecutor.FX));
        Scene scene = new Scene(view.node(), 1366, 768);
        Theme.apply(scene);
        stage.setTitle("Watchfloor");
        stage.setScene(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F11) {
                stage.setFullScreen(!stage.isFullScreen());
            } else if (e.getCode() == KeyCode.Q && e.isShortcutDown()) {
                Platform.exit();
            }
        });
        if (wallMode) {
            // a wall is never touched: no cursor, no exit hint, Esc does not leave full screen
            scene.setCursor(Cursor.NONE);
            stage.setFullScreenExitHint("");
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            // cover the screen even where full screen is not honoured (kiosk X sessions without a window manager)
            Rectangle2D screen = Screen.getPrimary().getBounds();
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
            stage.setFullScreen(true);
        }
        reportFirstFrame(scene);
        stage.show();
        view.node().requestFocus();
        view.activate();
        runtime.engine().start();
        LOG.info("console started ({} sources, wall mode {})", runtime.config().sources().size(), wallMode);
    }

    /** Logs the cold-start figure: JVM start to the first pulse that laid out the cached wall. */
    private static void reportFirstFrame(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            int tiles = scene.getRoot().lookupAll(".gpu-tile").size();
            LOG.info("first frame {} ms after JVM start ({} tiles on the first page)", ms, tiles);
            if (exitAfterFirstFrame) {
                System.out.println("first-frame-ms " + ms + " tiles " + tiles);
                Platform.runLater(Platform::exit);
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    @Override
    public void stop() {
        if (view != null) {
            view.deactivate();
        }
        runtime.close();
        // the poller threads are daemons; exit promptly even if a poll is stuck in I/O
        Runtime.getRuntime().halt(0);
    }
}
