package io.watchfloor.engine;

import io.watchfloor.model.incident.AlertBatch;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the {@link AlertBatch} of every successful alert-source poll to the alert listeners, on one
 * "watchfloor-alerts" thread.
 *
 * <p>Why a thread of its own: a listener (the incident desk) writes to disk for each batch, so it must not run on a
 * poll worker (it would eat poll capacity), on the scheduler (it runs the watchdog), nor on "watchfloor-publish"
 * (a slow disk would hold back the wall's snapshots).
 *
 * <p>Why at most one batch per source waits: a batch is the complete current set of that source's alerts, so a newer
 * one supersedes an undelivered older one (it takes the older one's place in the queue). The queue is thus bounded by
 * the number of sources, whatever the listeners' speed, and publishing never blocks. Batches are delivered in the
 * order they were first queued. A listener that throws is logged (rate-limited) and the others still get the batch.
 */
final class AlertPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertPublisher.class);

    private record Pending(long seq, AlertBatch batch) {
    }

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(EngineThreads.single("watchfloor-alerts"));
    /** Waiting batches by source id, in publish order (a replaced one keeps its place); guarded by this. */
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private long published; // guarded by this: sequence number of the latest publish
    private long delivering = -1; // guarded by this: sequence being handed out now, -1 when idle
    private boolean draining; // guarded by this: a drain task is queued or running
    private boolean closed; // guarded by this

    /** Queues the batch for delivery, replacing an undelivered batch of the same source. Never blocks. */
    void publish(AlertBatch batch) {
        synchronized (this) {
            if (closed) {
                return;
            }
            published++;
            Pending waiting = pending.get(batch.sourceId());
            if (waiting != null) {
                // keeps its place (and sequence): whoever waits for the older batch now gets the newer one
                LOG.debug("alert batch of {} superseded before delivery", batch.sourceId());
                pending.put(batch.sourceId(), new Pending(waiting.seq(), batch));
            } else {
                pending.put(batch.sourceId(), new Pending(published, batch));
            }
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException closing) {
            synchronized (this) {
                draining = false;
            }
        }
    }

    AutoCloseable subscribe(Consumer<AlertBatch> listener) {
        Subscription s = new Subscription(listener);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    /**
     * Waits until every batch published before this call has been handed to the listeners (or a newer batch of the
     * same source that took its place has); false if that took longer than {@code timeout}.
     */
    boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            long target = published;
            while (!closed && outstandingFrom() <= target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** The lowest sequence not yet fully delivered; batches are handed out in sequence order. Caller holds the lock. */
    private long outstandingFrom() {
        if (delivering >= 0) {
            return delivering;
        }
        Iterator<Pending> first = pending.values().iterator();
        return first.hasNext() ? first.next().seq() : Long.MAX_VALUE;
    }

    private void drain() {
        try {
            deliverAll();
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                draining = false;
                delivering = -1;
                notifyAll();
            }
            throw e;
        }
    }

    private void deliverAll() {
        while (true) {
            Pending next;
            synchronized (this) {
                delivering = -1;
                notifyAll();
                Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
                if (closed || !it.hasNext()) {
                    draining = false;
                    return;
                }
                next = it.next().getValue();
                it.remove();
                delivering = next.seq();
            }
            for (Subscription s : subscriptions) {
                s.deliver(next.batch());
            }
        }
    }

    /** Stops delivering; batches not yet delivered are dropped (the next start polls afresh). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            pending.clear();
            notifyAll();
        }
        executor.shutdown();
        subscriptions.clear();
    }

    /** Waits for a delivery in progress to finish. */
    boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private static final class Subscription {
        private final Consumer<AlertBatch> listener;
        private long failures; // only touched on the alerts thread

        Subscription(Consumer<AlertBatch> listener) {
            this.listener = listener;
        }

        void deliver(AlertBatch batch) {
            try {
                listener.accept(batch);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                failures++;
                if (failures == 1) {
                    LOG.warn("alert listener {} failed on the batch of {}; it stays subscribed", listener,
                            batch.sourceId(), t);
                } else if (failures % 1000 == 0) {
                    LOG.warn("alert listener {} has failed {} times, last: {}", listener, failures, t.toString());
                }
            }
        }
    }
}
