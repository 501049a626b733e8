package io.watchfloor.bench.probe;

import io.watchfloor.model.Metric;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.SourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe source as the engine sees it, with a stopwatch: records when each {@link #poll()} really started and
 * returned (System.nanoTime) and what it found. Wrapping keeps the engine untouched: the schedule measured is the
 * one the engine keeps for any probe.
 */
final class TimedProbe implements Source {
    enum Outcome { UP, DOWN, NO_VERDICT, FAILED }

    /** One poll: when it entered and left {@code poll()}, and what it returned. */
    record Poll(long startNanos, long endNanos, Outcome outcome, String text) {
        long nanos() {
            return endNanos - startNanos;
        }
    }

    private final Source probe;
    private final FloorPlan.Kind kind;
    private final String lane;
    private final List<Poll> polls = new ArrayList<>();

    /** @param lane the engine lane to run on, or null for the one the probe itself names */
    TimedProbe(Source probe, FloorPlan.Kind kind, String lane) {
        this.probe = probe;
        this.kind = kind;
        this.lane = lane == null ? probe.lane() : lane;
    }

    FloorPlan.Kind kind() {
        return kind;
    }

    /** The polls so far, in order (the engine never polls one source twice at once). */
    synchronized List<Poll> polls() {
        return List.copyOf(polls);
    }

    @Override
    public PollResult poll() throws SourceException {
        long start = System.nanoTime();
        try {
            PollResult r = probe.poll();
            record(start, outcome(r), r.readings().isEmpty() ? null : r.readings().get(0).model());
            return r;
        } catch (SourceException | RuntimeException e) {
            record(start, Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    private synchronized void record(long start, Outcome outcome, String text) {
        polls.add(new Poll(start, System.nanoTime(), outcome, text));
    }

    private static Outcome outcome(PollResult r) {
        for (Reading reading : r.readings()) {
            Double up = reading.value(Metric.PROBE_UP);
            if (up != null) {
                return up == 1.0 ? Outcome.UP : Outcome.DOWN;
            }
        }
        return Outcome.NO_VERDICT;
    }

    @Override
    public String id() {
        return probe.id();
    }

    @Override
    public String type() {
        return probe.type();
    }

    @Override
    public Duration interval() {
        return probe.interval();
    }

    @Override
    public String lane() {
        return lane;
    }

    @Override
    public void close() {
        probe.close();
    }
}
