package io.watchfloor.engine;

import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.WallSnapshot;
import java.time.Duration;
import java.util.function.Predicate;

/** Waits, via the engine's subscription, until the current snapshot satisfies a condition. No sleeping. */
final class SnapshotProbe implements AutoCloseable {
    private final PollerEngine engine;
    private final AutoCloseable subscription;
    private final Object monitor = new Object();

    SnapshotProbe(PollerEngine engine) {
        this.engine = engine;
        this.subscription = engine.subscribe(s -> {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        });
    }

    WallSnapshot await(Predicate<WallSnapshot> condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                WallSnapshot s = engine.current();
                if (condition.test(s)) {
                    return s;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("condition not met within " + timeout + "; last snapshot: " + s);
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    static SourceStatus status(WallSnapshot s, String id) {
        return s.sources().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    static Predicate<WallSnapshot> state(String id, SourceState state) {
        return s -> status(s, id).state() == state;
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
