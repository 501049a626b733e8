package io.watchfloor.engine;

import io.watchfloor.model.PollResult;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceState;
import io.watchfloor.model.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state machine of one source connection. Every outcome produces a new immutable {@link SourceStatus},
 * swapped in with compare-and-set, so the worker that finished a poll and the watchdog that gave up on it
 * can both call in without locks.
 *
 * <ul>
 *   <li>success without warnings: UP, lastError cleared (a green source next to an old error misleads);</li>
 *   <li>success with warnings: DEGRADED, lastError = the first warning;</li>
 *   <li>{@link SourceException.Kind#AUTH}: AUTH_FAILED; {@link SourceException.Kind#AUTH_EXPIRED}: AUTH_EXPIRED; any other failure: DOWN; lastError = the message.</li>
 * </ul>
 * {@code since} moves only when the state changes. Failures count up {@code consecutiveFailures} and set
 * {@code nextPollAt} from the {@link Backoff}; a success resets the count and schedules one interval later.
 *
 * <p>Restarts: the tracker starts PENDING (nothing has answered yet in this process) but carries the persisted
 * lastError, lastSuccessAt and lastAttemptAt so the wall can still say "last data 3h ago". If the first poll
 * lands in the same state that was persisted, the persisted {@code since} is kept: a source that was down since
 * yesterday is still "down since yesterday", not "down since the restart". The failure count starts at zero,
 * so a restart retries on the normal schedule.
 */
public final class SourceTracker {
    private final String id;
    private final Duration interval;
    private final Backoff backoff;
    private final AtomicReference<SourceStatus> current;
    private volatile SourceStatus persisted;

    /**
     * @param persisted the status this source had when the process last ran (same id), or null
     */
    public SourceTracker(String id, String type, Duration interval, Backoff backoff, SourceStatus persisted,
                         Instant now) {
        this.id = Objects.requireNonNull(id, "id");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.current = new AtomicReference<>(SourceStatus.pending(id, type, interval, now));
        restore(persisted, now);
    }

    /**
     * Carries a persisted status over into this still-PENDING tracker (see the class comment). Does nothing and
     * returns false once a poll of this process has answered, or when the status belongs to another source.
     */
    public boolean restore(SourceStatus persisted, Instant now) {
        if (persisted == null || !id.equals(persisted.id())) {
            return false;
        }
        SourceStatus prev = current.get();
        if (prev.state() != SourceState.PENDING) {
            return false;
        }
        this.persisted = persisted;
        SourceStatus restored = new SourceStatus(id, prev.type(), SourceState.PENDING, now, persisted.lastError(),
                persisted.lastSuccessAt(), persisted.lastAttemptAt(), 0, interval, prev.nextPollAt());
        return current.compareAndSet(prev, restored);
    }

    public SourceStatus status() {
        return current.get();
    }

    public SourceStatus onSuccess(PollResult result, Instant now) {
        return onSuccess(result, now, now);
    }

    /**
     * As above for a poll that started at {@code startedAt}: the next one is planned one interval after this one
     * <em>started</em> (fixed rate), so a source keeps its cadence however long it takes to answer ("every 30 s"
     * stays every 30 s for a probe that waits 2 s on a slow endpoint); never before now.
     */
    public SourceStatus onSuccess(PollResult result, Instant now, Instant startedAt) {
        boolean degraded = !result.warnings().isEmpty();
        SourceState state = degraded ? SourceState.DEGRADED : SourceState.UP;
        String error = degraded ? result.warnings().get(0) : null;
        Instant planned = startedAt.plus(interval);
        Instant next = planned.isBefore(now) ? now : planned;
        return current.updateAndGet(prev -> new SourceStatus(prev.id(), prev.type(), state,
                sinceFor(prev, state, now), error, now, now, 0, interval, next));
    }

    public SourceStatus onFailure(SourceException e, Instant now) {
        SourceState state = switch (e.kind()) {
            case AUTH -> SourceState.AUTH_FAILED;
            case AUTH_EXPIRED -> SourceState.AUTH_EXPIRED;
            default -> SourceState.DOWN;
        };
        String error = e.getMessage() == null || e.getMessage().isBlank()
                ? e.kind().name().toLowerCase(Locale.ROOT) : e.getMessage();
        // Drawn once: updateAndGet may re-run the function under contention and the delay must not change then.
        double jitter = backoff.nextJitter();
        return current.updateAndGet(prev -> {
            int failures = prev.consecutiveFailures() + 1;
            Instant next = now.plus(backoff.delay(failures, interval, jitter));
            return new SourceStatus(prev.id(), prev.type(), state, sinceFor(prev, state, now), error,
                    prev.lastSuccessAt(), now, failures, interval, next);
        });
    }

    /** How long to wait from the latest outcome until the next poll (interval after success, backoff after failure). */
    public Duration nextDelay(Instant now) {
        Instant next = current.get().nextPollAt();
        if (next == null) {
            return interval;
        }
        Duration d = Duration.between(now, next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private Instant sinceFor(SourceStatus prev, SourceState state, Instant now) {
        if (prev.state() == state) {
            return prev.since();
        }
        SourceStatus before = persisted;
        if (prev.state() == SourceState.PENDING && before != null && before.state() == state
                && before.since() != null) {
            return before.since();
        }
        return now;
    }
}
