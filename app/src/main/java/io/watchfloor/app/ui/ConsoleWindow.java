package io.watchfloor.app.ui;

import io.watchfloor.app.runtime.ConsoleRuntime;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's window. The JavaFX toolkit is started while the cache is still opening
 * ({@link #startToolkit()}), so the first frame with cached data comes as early as possible; the
 * engine starts polling once the window is up.
 */
public final class ConsoleWindow {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleWindow.class);

    private ConsoleWindow() {
    }

    /** Starts the toolkit on a background thread; completes when it is ready. */
    public static CompletableFuture<Void> startToolkit() {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Platform.startup(() -> ready.complete(null));
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
            }
        }, "watchfloor-fx-start");
        t.setDaemon(true);
        t.start();
        return ready;
    }

    /**
     * FX thread. Closing the window stops the engine, closes the cache and exits. The keys 1..9 switch between the
     * views in {@link Views} order (1 wall, 2 endpoints, 3 incidents, 4 usage); a view keeps its state while hidden.
     */
    public static void show(ConsoleRuntime runtime, boolean wallMode, boolean exitAfterFirstFrame, String firstView) {
        long t0 = System.nanoTime();
        ViewContext context = runtime.viewContext(FxExecutor.FX);
        Map<String, ConsoleView> built = new HashMap<>();
        ConsoleView first = built.computeIfAbsent(firstView, n -> Views.create(n, context));
        LOG.debug("{} view built in {} ms", firstView, (System.nanoTime() - t0) / 1_000_000);
        Scene scene = new Scene(first.node(), 1366, 768);
        Theme.apply(scene);
        Stage stage = new Stage();
        stage.setTitle(title(firstView));
        stage.setScene(scene);
        ConsoleView[] shown = {first};
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl) {
                return; // a digit typed into a note or a field is text, not a page switch
            }
            int index = e.getCode().isDigitKey() ? e.getCode().getCode() - KeyCode.DIGIT1.getCode() : -1;
            if (index >= 0 && index < Views.names().size() && !e.isAltDown()) {
                String name = Views.names().get(index);
                ConsoleView next = built.computeIfAbsent(name, n -> Views.create(n, context));
                if (next != shown[0]) {
                    shown[0].deactivate();
                    scene.setRoot(next.node());
                    stage.setTitle(title(name));
                    next.activate();
                    next.node().requestFocus();
                    shown[0] = next;
                }
                e.consume();
            }
        });
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F11) {
                stage.setFullScreen(!stage.isFullScreen());
            } else if (e.getCode() == KeyCode.Q && e.isShortcutDown()) {
                stage.close();
            }
        });
        ConsoleView view = first;
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
        stage.setOnHidden(e -> shutdown(runtime, shown[0]));
        // polling starts once the cached wall is on screen, so the first poll does not delay it
        onFirstFrame(scene, exitAfterFirstFrame ? stage : null, () -> {
            runtime.start();
            // pictures of the affected hosts' tiles go on new incidents' timelines
            new io.watchfloor.app.ui.incidents.DetectionSnapshots(context).start();
        });
        stage.show();
        LOG.debug("window shown {} ms after the view was started", (System.nanoTime() - t0) / 1_000_000);
        view.node().requestFocus();
        view.activate();
        LOG.info("console started ({} sources, wall mode {})", runtime.config().sources().size(), wallMode);
    }

    private static String title(String view) {
        return "Watchfloor · " + view + "  (1 wall · 2 endpoints · 3 incidents · 4 usage)";
    }

    private static void shutdown(ConsoleRuntime runtime, ConsoleView view) {
        view.deactivate();
        // closing flushes the cache writer: off the FX thread, then leave
        Thread t = new Thread(() -> {
            try {
                runtime.close();
            } finally {
                Platform.exit();
                System.exit(0);
            }
        }, "watchfloor-shutdown");
        t.start();
    }

    /** Logs the cold-start figure (JVM start to the first pulse that laid out the cached wall), then runs {@code then}. */
    private static void onFirstFrame(Scene scene, Stage closeAfter, Runnable then) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            int tiles = scene.getRoot().lookupAll(".gpu-tile").size();
            LOG.info("first frame {} ms after JVM start ({} tiles on the first page)", ms, tiles);
            then.run();
            if (closeAfter != null) {
                System.out.println("first-frame-ms " + ms + " tiles " + tiles);
                Platform.runLater(closeAfter::close);
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
