package io.watchfloor.app.bench;

import io.watchfloor.app.ui.ConsoleView;
import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.ViewContext;
import io.watchfloor.app.ui.Views;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.model.WallSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Measures the wall under its worst case: N GPU tiles, every one changing every second, published
 * from a background thread as the engine does. Reports frames per second (pulses that completed
 * while an animation requests one every frame) and the FX thread's CPU time as a share of wall time.
 */
public final class WallBench {
    public record Result(int tiles, String size, double fps, double fxBusyPct, double renderBusyPct, double seconds, String pipeline) {
    }

    private WallBench() {
    }

    /** Runs on a started JavaFX toolkit (a real window when a display exists, else headless). */
    public static Result run(int tiles, int width, int height, Duration duration) throws Exception {
        SyntheticFleet fleet = new SyntheticFleet(tiles, Clock.systemUTC().instant());
        AtomicReference<WallSnapshot> current = new AtomicReference<>(fleet.next(Clock.systemUTC().instant()));
        List<Consumer<WallSnapshot>> listeners = new CopyOnWriteArrayList<>();
        WatchfloorConfig config = new WatchfloorConfig(Path.of("<bench>"), List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS);
        ViewContext ctx = new ViewContext(config, Clock.systemUTC(), current::get, l -> {
            listeners.add(l);
            return () -> listeners.remove(l);
        }, FxExecutor.FX, () -> io.watchfloor.model.endpoint.SlaBoard.empty(Clock.systemUTC().instant()));

        AtomicLong frames = new AtomicLong();
        AtomicLong fxThreadId = new AtomicLong();
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        // a 4x4 marker that changes every frame, so every pulse really renders (a dirty scene)
        Region marker = new Region();
        marker.setMaxSize(4, 4);
        StackPane.setAlignment(marker, Pos.BOTTOM_RIGHT);
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long n = frames.incrementAndGet();
                marker.setStyle((n & 1) == 0 ? "-fx-background-color: #ffffff;" : "-fx-background-color: #000000;");
            }
        };
        Platform.runLater(() -> {
            fxThreadId.set(Thread.currentThread().getId());
            ConsoleView view = Views.create("wall", ctx);
            Scene scene = new Scene(new StackPane(view.node(), marker), width, height);
            Theme.apply(scene);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            view.activate();
            counter.start();
            shown.complete(stage);
        });
        Stage stage = shown.get(30, TimeUnit.SECONDS);
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(() -> {
            WallSnapshot s = fleet.next(Clock.systemUTC().instant());
            current.set(s);
            listeners.forEach(l -> l.accept(s));
        }, 1, 1, TimeUnit.SECONDS);
        // warm-up: JIT, CSS, first layouts
        Thread.sleep(3000);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // software rendering runs on JavaFX's render thread, not the FX thread: measure both
        long renderId = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst().orElse(-1);
        long cpu0 = mx.getThreadCpuTime(fxThreadId.get());
        long render0 = renderId < 0 ? 0 : mx.getThreadCpuTime(renderId);
        long f0 = frames.get();
        long t0 = System.nanoTime();
        Thread.sleep(duration.toMillis());
        long cpu1 = mx.getThreadCpuTime(fxThreadId.get());
        long render1 = renderId < 0 ? 0 : mx.getThreadCpuTime(renderId);
        long f1 = frames.get();
        long t1 = System.nanoTime();
        publisher.shutdownNow();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            counter.stop();
            stage.close();
            closed.complete(null);
        });
        closed.get(10, TimeUnit.SECONDS);
        double secs = (t1 - t0) / 1e9;
        return new Result(tiles, width + "x" + height, (f1 - f0) / secs, 100.0 * (cpu1 - cpu0) / (t1 - t0),
                100.0 * (render1 - render0) / (t1 - t0), secs,
                System.getProperty("glass.platform", "native") + "/" + System.getProperty("prism.order", "default"));
    }
}
