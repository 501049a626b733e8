package io.watchfloor.bench.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told to: one poll interval per cycle. It lets back-to-back benchmark
 * cycles look to the cache like polls 10 s apart, so it packs a closed minute every sixth cycle as it
 * would in the application, instead of once per wall-clock minute.
 */
final class SteppingClock extends Clock {
    private final Instant start;
    private volatile long millis;

    SteppingClock(Instant start) {
        this.start = start;
        this.millis = start.toEpochMilli();
    }

    /** Moves the clock on by {@code step}; one writer (the benchmark thread). */
    void advance(Duration step) {
        millis = millis + step.toMillis();
    }

    /** Whole steps since the start, e.g. the poll cycle number. */
    long stepsSinceStart(Duration step) {
        return (millis - start.toEpochMilli()) / step.toMillis();
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
