package io.watchfloor.app.ui;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest value from a background thread to the FX thread, at most one hand-over
 * in flight: if the engine publishes ten snapshots while the FX thread is busy, the view sees only
 * the newest, once. This is what keeps a 256-tile wall under its FX-thread budget.
 */
public final class Coalescer<T> implements Consumer<T> {
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final FxExecutor fx;
    private final Consumer<T> target;

    public Coalescer(FxExecutor fx, Consumer<T> target) {
        this.fx = fx;
        this.target = target;
    }

    @Override
    public void accept(T value) {
        latest.set(value);
        if (scheduled.compareAndSet(false, true)) {
            fx.execute(() -> {
                scheduled.set(false);
                T v = latest.getAndSet(null);
                if (v != null) {
                    target.accept(v);
                }
            });
        }
    }
}
