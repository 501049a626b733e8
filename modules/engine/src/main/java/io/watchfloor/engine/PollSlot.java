package io.watchfloor.engine;

import io.watchfloor.model.Source;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One source as the engine schedules it: its tracker, at most one poll in flight, at most one next poll planned.
 *
 * <p>"At most one in flight" is what keeps a source from ever being polled concurrently with itself and keeps
 * slow sources from piling up work: a trigger that finds a poll still running is skipped, never queued.
 */
final class PollSlot {
    final Source source;
    final String id;
    final Duration interval;
    /** Poll timeout plus grace: past this the watchdog cuts the poll off. */
    final Duration watchdogAfter;
    final SourceTracker tracker;
    private final AtomicReference<Attempt> inFlight = new AtomicReference<>();
    private ScheduledFuture<?> next; // guarded by this

    PollSlot(Source source, Duration interval, Duration watchdogAfter, SourceTracker tracker) {
        this.source = source;
        this.id = source.id();
        this.interval = interval;
        this.watchdogAfter = watchdogAfter;
        this.tracker = tracker;
    }

    /** A new attempt if none is in flight, else null. */
    Attempt tryBegin() {
        Attempt a = new Attempt();
        return inFlight.compareAndSet(null, a) ? a : null;
    }

    Attempt inFlight() {
        return inFlight.get();
    }

    /** Called when the poll call has really returned (not when the watchdog gave up on it). */
    void end(Attempt a) {
        inFlight.compareAndSet(a, null);
    }

    /** Replaces the planned next poll, so a source never has two poll chains running. */
    synchronized void planNext(ScheduledFuture<?> f) {
        if (next != null && next != f) {
            next.cancel(false);
        }
        next = f;
    }

    /**
     * One poll of a source. Its outcome is decided exactly once, by whoever comes first: the worker when poll()
     * returns, or the watchdog / a pollAllOnce deadline when it gives up. A late answer is then discarded.
     */
    static final class Attempt {
        /** Completed once the outcome is applied (or the attempt was dropped). */
        final CompletableFuture<Void> settled = new CompletableFuture<>();
        private final AtomicBoolean decided = new AtomicBoolean();
        private Thread pollThread; // guarded by this; set only while poll() runs
        volatile ScheduledFuture<?> watchdog;
        /** When poll() was called (null until then): the next poll is planned from it. */
        volatile java.time.Instant startedAt;

        boolean decide() {
            return decided.compareAndSet(false, true);
        }

        synchronized void polling(Thread t) {
            pollThread = t;
        }

        /** Clears the poll thread and any interrupt meant for this poll, so none leaks into the next pooled task. */
        synchronized void pollReturned() {
            pollThread = null;
            Thread.interrupted();
        }

        /** Interrupts poll() if it is still running; a no-op once it has returned. */
        synchronized void interrupt() {
            if (pollThread != null) {
                pollThread.interrupt();
            }
        }
    }
}
