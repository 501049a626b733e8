package io.watchfloor.engine;

import io.watchfloor.model.WallSnapshot;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current snapshot and hands it to listeners on one "watchfloor-publish" thread.
 *
 * <p>Why a thread of its own: listeners must never run on a poll worker (a slow listener would eat poll capacity)
 * nor on the scheduler (it runs the watchdog). Why coalescing: when polls finish faster than listeners consume,
 * only the newest snapshot matters, so at most one delivery is queued and it always reads the latest value;
 * nothing piles up. A listener that throws is logged (rate-limited, a wall runs for weeks) and the others
 * still get the snapshot.
 */
final class SnapshotPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);

    private final AtomicReference<WallSnapshot> current;
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean deliveryQueued = new AtomicBoolean();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), EngineThreads.single("watchfloor-publish"),
            new ThreadPoolExecutor.DiscardPolicy());
    private WallSnapshot lastDelivered; // only touched on the publish thread

    SnapshotPublisher(WallSnapshot initial) {
        this.current = new AtomicReference<>(initial);
    }

    WallSnapshot current() {
        return current.get();
    }

    /** Callers serialise publish() so snapshots never go back in time. */
    void publish(WallSnapshot snapshot) {
        current.set(snapshot);
        if (deliveryQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::deliver);
            } catch (RejectedExecutionException closed) {
                deliveryQueued.set(false);
            }
        }
    }

    AutoCloseable subscribe(Consumer<WallSnapshot> listener) {
        Subscription s = new Subscription(listener);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        subscriptions.clear();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private void deliver() {
        deliveryQueued.set(false); // before reading: a publish after this point queues a fresh delivery
        WallSnapshot snapshot = current.get();
        if (snapshot == lastDelivered) {
            return;
        }
        lastDelivered = snapshot;
        for (Subscription s : subscriptions) {
            s.deliver(snapshot);
        }
    }

    private static final class Subscription {
        private final Consumer<WallSnapshot> listener;
        private long failures;

        Subscription(Consumer<WallSnapshot> listener) {
            this.listener = listener;
        }

        void deliver(WallSnapshot snapshot) {
            try {
                listener.accept(snapshot);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                failures++;
                if (failures == 1) {
                    LOG.warn("snapshot listener {} failed; it stays subscribed", listener, t);
                } else if (failures % 1000 == 0) {
                    LOG.warn("snapshot listener {} has failed {} times, last: {}", listener, failures, t.toString());
                }
            }
        }
    }
}
