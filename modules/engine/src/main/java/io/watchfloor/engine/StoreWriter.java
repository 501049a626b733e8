package io.watchfloor.engine;

import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TelemetryStore;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread ("watchfloor-writer") that writes to the {@link TelemetryStore}.
 *
 * <p>Why one thread: H2 writes are serialised anyway, and pollers must never wait on disk. Pollers hand work over
 * with a non-blocking offer into a bounded queue; if the disk stalls long enough to fill it, the newest batch is
 * dropped and logged (the wall itself is fed from memory and stays current, only cache history gets a gap)
 * instead of growing without bound or blocking a poller. A store that throws is logged, remembered in
 * {@link #lastError()} and the writer carries on: a broken cache must not stop the wall.
 */
final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    static final int CAPACITY = 1024;
    private static final Runnable STOP = () -> { };

    private final TelemetryStore store;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;
    private volatile String lastError;
    private long failures; // writer thread only
    private long dropped; // guarded by this

    StoreWriter(TelemetryStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.thread = EngineThreads.single("watchfloor-writer").newThread(this::loop);
        thread.start();
    }

    void record(List<Reading> readings, SourceStatus status, List<AvailabilityObservation> availability) {
        submit(() -> {
            if (!readings.isEmpty()) {
                store.record(readings);
            }
            if (!availability.isEmpty()) {
                store.recordAvailability(availability);
            }
            store.recordSourceStatus(status);
        });
    }

    void maintain(Instant now) {
        submit(() -> store.maintain(now));
    }

    /** Waits until everything submitted before this call is written; false if that took longer than timeout. */
    boolean flush(Duration timeout) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        long deadline = System.nanoTime() + timeout.toNanos();
        if (closed || !queue.offer(new Marker(done), timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        return done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** The last store failure in operator terms, or null when the last write worked. */
    String lastError() {
        return lastError;
    }

    /** Writes what is queued (up to timeout), then stops the thread. */
    void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!queue.offer(STOP, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.interrupt();
            }
            thread.join(Math.max(1, timeout.toMillis()));
            if (thread.isAlive()) {
                LOG.warn("cache writer did not finish within {}; interrupting it", timeout);
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void submit(Runnable task) {
        if (closed) {
            LOG.debug("cache writer closed; dropping a write");
            return;
        }
        if (!queue.offer(task)) {
            long n;
            synchronized (this) {
                n = ++dropped;
            }
            if (n == 1 || n % 100 == 0) {
                LOG.warn("cache writer is behind ({} writes queued); dropped {} write(s) so far", CAPACITY, n);
            }
        }
    }

    /** A flush point: runs after every write queued before it, and is not a write itself. */
    private record Marker(CountDownLatch done) implements Runnable {
        @Override
        public void run() {
            done.countDown();
        }
    }

    private void loop() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
                if (!(task instanceof Marker)) {
                    lastError = null;
                }
            } catch (RuntimeException e) {
                failures++;
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!message.equals(lastError) || failures % 100 == 0) {
                    LOG.warn("cache write failed ({} failures so far); the wall keeps running from memory", failures, e);
                }
                lastError = message;
            }
        }
    }
}
