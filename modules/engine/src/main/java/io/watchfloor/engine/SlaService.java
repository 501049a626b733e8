package io.watchfloor.engine;

import io.watchfloor.model.endpoint.SlaBoard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes every endpoint's SLA figures from the cache's availability ledger on its own thread
 * ("watchfloor-sla") and publishes them as one immutable {@link SlaBoard}.
 *
 * <p>Why periodic and not per poll: the figures cover 24 h to 90 days, so a poll moves them by a fraction of a
 * second; reading the ledger once a period costs O(endpoints x segments) no matter how often probes run, and views
 * just read {@link #current()} on refresh. A failing computation keeps the last board and is logged once per
 * distinct message: the wall keeps its last figures rather than blanking them.
 */
public final class SlaService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlaService.class);

    private final Supplier<SlaBoard> compute;
    private final Duration period;
    private final AtomicReference<SlaBoard> current;
    private final List<Consumer<SlaBoard>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private volatile String lastError;

    public SlaService(Supplier<SlaBoard> compute, Duration period, Clock clock) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.period = Objects.requireNonNull(period, "period");
        this.current = new AtomicReference<>(SlaBoard.empty(clock.instant()));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, EngineThreads.single("watchfloor-sla"));
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = t;
    }

    /** Computes at once (off the caller's thread), then every period. */
    public void start() {
        thread.scheduleWithFixedDelay(this::refreshQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Computes now on the caller's thread (headless snapshots, tests) and publishes the result. */
    public SlaBoard refreshNow() {
        SlaBoard board = compute.get();
        current.set(board);
        for (Consumer<SlaBoard> l : listeners) {
            try {
                l.accept(board);
            } catch (RuntimeException e) {
                LOG.warn("SLA listener failed", e);
            }
        }
        return board;
    }

    public SlaBoard current() {
        return current.get();
    }

    /** The last computation failure in operator terms, or null while it works. */
    public String lastError() {
        return lastError;
    }

    /** Called with every new board on the "watchfloor-sla" thread; close the handle to unsubscribe. */
    public AutoCloseable subscribe(Consumer<SlaBoard> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    private void refreshQuietly() {
        try {
            refreshNow();
            lastError = null;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!message.equals(lastError)) {
                LOG.warn("SLA figures could not be computed; keeping the last ones", e);
            }
            lastError = message;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
