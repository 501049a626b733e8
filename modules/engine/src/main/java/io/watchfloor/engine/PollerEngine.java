package io.watchfloor.engine;

import io.watchfloor.model.Ages;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceStatus;
import io.watchfloor.model.TelemetryStore;
import io.watchfloor.model.WallSnapshot;
import io.watchfloor.model.incident.AlertBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every source on its own schedule, keeps each source's state, feeds the cache and publishes immutable
 * {@link WallSnapshot}s.
 *
 * <p>Threads (all daemons, all named, all stopped by {@link #close()}):
 * <ul>
 *   <li>"watchfloor-scheduler": one thread; fires planned polls, watchdogs and maintenance. It never blocks:
 *       a trigger only hands the poll to a worker.</li>
 *   <li>"watchfloor-poll-N": at most {@code maxConcurrentPolls} workers running {@link Source#poll()}, so a slow
 *       source holds one worker and the others keep going. Idle workers time out.</li>
 *   <li>"watchfloor-probe-N": the same for sources in the probe lane (the console's own endpoint probes), at most
 *       {@code maxConcurrentProbes}: many short checks that must keep their schedule whatever the metric sources
 *       do.</li>
 *   <li>"watchfloor-writer": the only thread that writes to the store (see {@link StoreWriter}).</li>
 *   <li>"watchfloor-publish": hands snapshots to listeners, coalesced (see {@link SnapshotPublisher}).</li>
 *   <li>"watchfloor-alerts": hands the alert batches of alert sources to alert listeners, at most one waiting per
 *       source (see {@link AlertPublisher}).</li>
 * </ul>
 *
 * <p>Nothing grows over a week: each source has at most one poll in flight and one planned (so the worker queue,
 * sized sources + workers, never fills, and the scheduler holds O(sources) tasks; cancelled watchdogs are removed
 * at once), the writer queue and sparklines are bounded, and tiles expire (see {@link WallState}).
 *
 * <p>Timing: after a success the next poll is one interval after that poll started (fixed rate, so a slow answer
 * does not make the cadence slip); after a failure it follows the {@link Backoff}.
 * A poll running longer than its timeout ({@link EngineSettings#pollTimeout}) plus the watchdog grace is
 * interrupted and counts as a TIMEOUT failure right away, even if the source ignores the interrupt; the source is
 * then not polled again until that call has really returned (never two polls of one source at once).
 */
public final class PollerEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollerEngine.class);
    /** First polls are spread over at most this long, so a start does not hit every server in the same instant. */
    private static final long STAGGER_SPAN_MS = 1000;
    private static final long STAGGER_STEP_MS = 100;
    private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    private final List<PollSlot> slots;
    private final TelemetryStore store;
    private final Clock clock;
    private final EngineSettings settings;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor probeWorkers;
    private final AvailabilityJudge judge;
    private final StoreWriter writer;
    private final SnapshotPublisher publisher;
    private final AlertPublisher alerts = new AlertPublisher();
    private final WallState wall;
    private final Object publishLock = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public PollerEngine(List<Source> sources, TelemetryStore store, Clock clock, EngineSettings settings) {
        this(sources, store, clock, settings, RandomGenerator.getDefault());
    }

    /** As above, feeding the SLA ledger with what {@code judge} makes of each answered poll. */
    public PollerEngine(List<Source> sources, TelemetryStore store, Clock clock, EngineSettings settings,
                        AvailabilityJudge judge) {
        this(sources, store, clock, settings, RandomGenerator.getDefault(), judge);
    }

    /** As above with the generator behind backoff jitter, for deterministic tests. */
    public PollerEngine(List<Source> sources, TelemetryStore store, Clock clock, EngineSettings settings,
                        RandomGenerator random) {
        this(sources, store, clock, settings, random, AvailabilityJudge.NONE);
    }

    public PollerEngine(List<Source> sources, TelemetryStore store, Clock clock, EngineSettings settings,
                        RandomGenerator random, AvailabilityJudge judge) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        Backoff backoff = new Backoff(settings.backoffCap(), random);
        Instant now = clock.instant();
        List<PollSlot> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Source s : sources) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("duplicate source id: " + s.id());
            }
            Duration interval = s.interval() == null || s.interval().compareTo(MIN_INTERVAL) < 0
                    ? MIN_INTERVAL : s.interval();
            Duration limit = settings.pollTimeout(s.id(), interval).plus(settings.watchdogGrace());
            list.add(new PollSlot(s, interval, limit,
                    new SourceTracker(s.id(), s.type(), interval, backoff, null, now)));
        }
        this.slots = List.copyOf(list);
        this.wall = new WallState(settings);

        scheduler = new ScheduledThreadPoolExecutor(1, EngineThreads.single("watchfloor-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);

        workers = lane(settings.maxConcurrentPolls(), "watchfloor-poll");
        probeWorkers = lane(settings.maxConcurrentProbes(), "watchfloor-probe");

        writer = new StoreWriter(store);
        publisher = new SnapshotPublisher(wall.snapshot(now, statuses()));
    }

    /** A bounded worker pool whose queue can hold every source's one pending poll, so it never rejects in use. */
    private ThreadPoolExecutor lane(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(slots.size() + threads), EngineThreads.numbered(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private ThreadPoolExecutor workersFor(PollSlot slot) {
        return Source.LANE_PROBE.equals(slot.source.lane()) ? probeWorkers : workers;
    }

    /**
     * Builds the first snapshot from the cache and publishes it: last readings with their original sampledAt (so
     * ages are real), sparklines of the last {@code sparklineWindow} down-sampled to {@code maxSparklinePoints},
     * and each source as PENDING carrying its persisted lastError and lastSuccessAt until a poll answers (PENDING
     * because nothing has confirmed the old state yet; the old error and last success tell the operator what was
     * known). Readings of sources no longer configured are left out. Call it before {@link #start()}; tiles that
     * polls already filled are kept as they are.
     */
    public WallSnapshot loadFromCache() {
        ensureOpen();
        Instant now = clock.instant();
        Set<String> ids = new HashSet<>();
        slots.forEach(s -> ids.add(s.id));
        CacheLoader.Loaded loaded = CacheLoader.load(store, ids, now, settings.sparklineWindow(),
                settings.maxConcurrentPolls(), workers);
        for (PollSlot slot : slots) {
            slot.tracker.restore(loaded.statuses().get(slot.id), now);
        }
        synchronized (publishLock) {
            wall.seed(loaded.readings(), loaded.history(), now);
            WallSnapshot snapshot = wall.snapshot(now, statuses());
            publisher.publish(snapshot);
            return snapshot;
        }
    }

    /** Starts polling every source (first polls at once, slightly staggered) and the periodic cache maintenance. */
    public void start() {
        ensureOpen();
        if (!started.compareAndSet(false, true)) {
            return;
        }
        long step = slots.isEmpty() ? 0 : Math.min(STAGGER_STEP_MS, STAGGER_SPAN_MS / slots.size());
        for (int i = 0; i < slots.size(); i++) {
            planNext(slots.get(i), Duration.ofMillis(i * step));
        }
        long period = settings.maintenancePeriod().toMillis();
        scheduler.scheduleWithFixedDelay(() -> writer.maintain(clock.instant()), period, period,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Polls every source once, in parallel (bounded by the workers), applies the outcomes, waits for the cache
     * writes and publishes. Works with or without {@link #start()}; a source already being polled is waited for
     * rather than polled twice. A source that has not answered by {@code deadline} is cut off as a TIMEOUT.
     * Waiting for the cache is bounded too (the rest of the deadline, at least 5 s), and so is waiting for the alert
     * listeners: the {@link AlertBatch}es of this cycle's successful alert polls have been handed to every
     * {@link #subscribeAlerts alert listener} when it returns (unless that took longer than the same bound; logged).
     * If the calling thread is interrupted it returns early with its interrupt flag set.
     */
    public void pollAllOnce(Duration deadline) {
        ensureOpen();
        long end = System.nanoTime() + deadline.toNanos();
        List<PollSlot> waitedSlots = new ArrayList<>();
        List<PollSlot.Attempt> attempts = new ArrayList<>();
        for (PollSlot slot : slots) {
            PollSlot.Attempt a = trigger(slot, false);
            if (a == null) {
                a = slot.inFlight();
            }
            if (a != null) {
                waitedSlots.add(slot);
                attempts.add(a);
            }
        }
        try {
            for (int i = 0; i < attempts.size(); i++) {
                PollSlot.Attempt a = attempts.get(i);
                try {
                    a.settled.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException late) {
                    cutOff(waitedSlots.get(i), a, "no answer within " + Ages.format(deadline.toMillis() / 1000.0)
                            + " (snapshot deadline)");
                } catch (ExecutionException e) {
                    LOG.warn("poll of {} failed unexpectedly", waitedSlots.get(i).id, e);
                }
            }
            Duration flushWait = Duration.ofNanos(Math.max(Duration.ofSeconds(5).toNanos(), end - System.nanoTime()));
            if (!writer.flush(flushWait)) {
                LOG.warn("cache writes still pending after {}", flushWait);
            }
            Duration alertWait = Duration.ofNanos(Math.max(Duration.ofSeconds(5).toNanos(), end - System.nanoTime()));
            if (!alerts.flush(alertWait)) {
                LOG.warn("alert listeners still busy after {}", alertWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publishNow();
    }

    /** Each source's {@link Source#costNote()}, by source id, for those that have one. */
    public java.util.Map<String, String> sourceNotes() {
        java.util.Map<String, String> notes = new java.util.LinkedHashMap<>();
        for (PollSlot slot : slots) {
            String note = slot.source.costNote();
            if (note != null) {
                notes.put(slot.id, note);
            }
        }
        return notes;
    }

    public WallSnapshot current() {
        return publisher.current();
    }

    /**
     * Calls {@code listener} with every new snapshot (the newest one when several come at once), on the engine's
     * "watchfloor-publish" thread, never the FX thread: the app hops onto the FX thread itself. It does not replay
     * the current snapshot; read {@link #current()} for that. Close the returned handle to unsubscribe.
     */
    public AutoCloseable subscribe(Consumer<WallSnapshot> listener) {
        return publisher.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Calls {@code listener} with the {@link AlertBatch} of every successful poll of an alert source (one whose
     * {@link PollResult#alerts()} is not null): the complete set of alerts it reports now, stamped with the engine's
     * clock. A failed poll delivers nothing, so a dead Alertmanager never looks like every alert resolving.
     *
     * <p>Delivery is on the engine's "watchfloor-alerts" thread, never a poll worker, the scheduler or the FX thread,
     * one batch at a time. If a listener falls behind, an undelivered batch of a source is replaced by that source's
     * newer one (each is complete, so nothing is lost but intermediate states). A listener that throws is logged and
     * stays subscribed; the engine and the other listeners carry on. It does not replay earlier batches. Close the
     * returned handle to unsubscribe.
     */
    public AutoCloseable subscribeAlerts(Consumer<AlertBatch> listener) {
        return alerts.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /** The last cache write failure (logged as well), or null while writes work. The snapshot has no room for it. */
    public String lastStoreError() {
        return writer.lastError();
    }

    /**
     * Stops scheduling, interrupts running polls, writes what is queued for the cache, stops every engine thread
     * and closes the sources. The store stays open: the app owns it. Outcomes of polls cut short by closing are
     * dropped, so shutting down never records sources as DOWN. Alert batches not yet delivered are dropped too (a
     * delivery in progress is waited for, up to 2 s). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        workers.shutdownNow();
        probeWorkers.shutdownNow();
        awaitQuietly(workers, "poll workers");
        awaitQuietly(probeWorkers, "probe workers");
        writer.close(Duration.ofSeconds(10));
        publisher.close();
        alerts.close();
        awaitQuietly(scheduler, "scheduler");
        try {
            publisher.awaitTermination(2000);
            alerts.awaitTermination(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PollSlot slot : slots) {
            try {
                slot.source.close();
            } catch (RuntimeException e) {
                LOG.warn("closing source {} failed", slot.id, e);
            }
        }
    }

    // --- polling ---------------------------------------------------------------------------------------------

    /**
     * Starts a poll of the slot on a worker; null when one is already in flight (skipped, never queued).
     *
     * @param scheduled whether the plan fired it (then a skip must plan the next look itself, or the chain ends)
     */
    private PollSlot.Attempt trigger(PollSlot slot, boolean scheduled) {
        if (closed.get()) {
            return null;
        }
        PollSlot.Attempt a = slot.tryBegin();
        if (a == null) {
            // Still running (possibly a call the watchdog already gave up on): look again one interval later.
            LOG.debug("source {} is still being polled; skipping this turn", slot.id);
            if (scheduled) {
                planNext(slot, slot.interval);
            }
            return null;
        }
        try {
            workersFor(slot).execute(() -> runAttempt(slot, a));
            return a;
        } catch (RejectedExecutionException e) {
            slot.end(a);
            a.settled.complete(null);
            if (scheduled) {
                planNext(slot, slot.interval);
            }
            return null;
        }
    }

    private void runAttempt(PollSlot slot, PollSlot.Attempt a) {
        PollResult result = null;
        SourceException failure = null;
        try {
            a.watchdog = scheduler.schedule(() -> cutOff(slot, a, "no answer within "
                    + Ages.format(slot.watchdogAfter.toMillis() / 1000.0) + " (cut off by the watchdog)"),
                    slot.watchdogAfter.toMillis(), TimeUnit.MILLISECONDS);
            a.startedAt = clock.instant();
            a.polling(Thread.currentThread());
            try {
                result = slot.source.poll();
                if (result == null) {
                    failure = new SourceException(SourceException.Kind.MALFORMED, "the source returned no result");
                }
            } catch (SourceException e) {
                failure = e;
            } catch (Exception | LinkageError | AssertionError e) {
                // A bug in a source must cost that source, not the engine; the message may not be fit to show.
                LOG.warn("source {} threw unexpectedly", slot.id, e);
                failure = new SourceException(SourceException.Kind.UNREACHABLE,
                        "internal error in the " + slot.source.type() + " source (" + e.getClass().getSimpleName()
                                + "); see the log", e);
            } finally {
                a.pollReturned();
                if (a.watchdog != null) {
                    a.watchdog.cancel(false);
                }
            }
            if (a.decide()) {
                apply(slot, result, failure, a.startedAt);
            } else {
                LOG.debug("late answer of {} discarded", slot.id);
            }
        } catch (RejectedExecutionException closing) {
            LOG.debug("engine closing; poll of {} dropped", slot.id);
        } finally {
            slot.end(a);
            if (a.decide()) {
                // No outcome was applied (closing, or a fatal error escaped): keep the schedule alive.
                planNext(slot, slot.interval);
            }
            a.settled.complete(null);
        }
    }

    /** Gives up on a running poll: counts it as a TIMEOUT now and interrupts the call. */
    private void cutOff(PollSlot slot, PollSlot.Attempt a, String message) {
        if (!a.decide()) {
            return;
        }
        LOG.warn("poll of {} cut off: {}", slot.id, message);
        a.interrupt();
        apply(slot, null, new SourceException(SourceException.Kind.TIMEOUT, message), a.startedAt);
        a.settled.complete(null);
    }

    /** Applies one decided outcome: state, wall, snapshot, cache, next poll. */
    private void apply(PollSlot slot, PollResult result, SourceException failure, Instant startedAt) {
        if (closed.get()) {
            return; // interrupted by close(): not a real failure, record nothing
        }
        Instant now = clock.instant();
        SourceStatus before = slot.tracker.status();
        SourceStatus status = failure == null
                ? slot.tracker.onSuccess(result, now, startedAt == null ? now : startedAt)
                : slot.tracker.onFailure(failure, now);
        List<Reading> readings = failure == null ? result.readings() : List.of();
        if (before.state() != status.state()) {
            LOG.info("source {} is {}{}", slot.id, status.state().wireName(),
                    status.lastError() == null ? "" : ": " + status.lastError());
        }
        synchronized (publishLock) {
            int dropped = wall.merge(slot.id, readings, status.isHealthy(), now);
            if (dropped > 0) {
                LOG.info("{} tile(s) of {} dropped after {} without data", dropped, slot.id, settings.tileExpiry());
            }
            // Time taken under the lock so generatedAt never goes backwards between snapshots.
            publisher.publish(wall.snapshot(clock.instant(), statuses()));
        }
        if (failure == null && result.alerts() != null) {
            alerts.publish(new AlertBatch(slot.id, now, result.alerts()));
        }
        writer.record(readings, status, failure == null ? judged(slot, readings) : List.of());
        planNext(slot, slot.tracker.nextDelay(now));
    }

    /** Plans the slot's next poll, replacing any planned one; only while started (pollAllOnce alone plans none). */
    private void planNext(PollSlot slot, Duration delay) {
        if (closed.get() || !started.get()) {
            return;
        }
        try {
            slot.planNext(scheduler.schedule(() -> trigger(slot, true), delay.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException closing) {
            LOG.debug("engine closing; no next poll for {}", slot.id);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private List<io.watchfloor.model.endpoint.AvailabilityObservation> judged(PollSlot slot, List<Reading> readings) {
        try {
            return judge.judge(slot.source, slot.interval, readings);
        } catch (RuntimeException e) {
            LOG.warn("availability of {} could not be judged", slot.id, e);
            return List.of();
        }
    }

    private void publishNow() {
        synchronized (publishLock) {
            publisher.publish(wall.snapshot(clock.instant(), statuses()));
        }
    }

    private List<SourceStatus> statuses() {
        List<SourceStatus> list = new ArrayList<>(slots.size());
        for (PollSlot slot : slots) {
            list.add(slot.tracker.status());
        }
        return list;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("engine is closed");
        }
    }

    private static void awaitQuietly(ThreadPoolExecutor pool, String what) {
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within 5 s (a source ignores interrupts)", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
