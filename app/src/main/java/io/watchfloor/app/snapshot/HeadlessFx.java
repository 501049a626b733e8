package io.watchfloor.app.snapshot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Starts JavaFX without a display (Monocle's headless platform, software rendering), for
 * `watchfloor snapshot` on servers and in CI. Must run before anything else touches JavaFX.
 */
public final class HeadlessFx {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private HeadlessFx() {
    }

    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        // the headless screen defaults to 1280x800; windows larger than the screen overflow its buffer
        System.setProperty("headless.geometry", System.getProperty("headless.geometry", "3840x2160-32"));
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k".equals(System.getProperty("prism.text")) ? "t2k" : "native");
        System.setProperty("java.awt.headless", "true");
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Platform.startup(() -> ready.complete(null));
        Platform.setImplicitExit(false);
        await(ready);
    }

    /** Runs work on the FX thread and waits for its result (only for headless tools, never in the GUI). */
    public static <T> T call(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return await(f);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for JavaFX", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("JavaFX did not answer within 60 s", e);
        }
    }
}
