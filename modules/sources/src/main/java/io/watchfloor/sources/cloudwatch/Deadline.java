package io.watchfloor.sources.cloudwatch;

import java.time.Duration;

/** The time left for one poll: every call of the poll shares the source's timeout, so a poll cannot hang. */
final class Deadline {
    private final Duration timeout;
    private final long endNanos;

    private Deadline(Duration timeout) {
        this.timeout = timeout;
        this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    static Deadline after(Duration timeout) {
        return new Deadline(timeout);
    }

    Duration timeout() {
        return timeout;
    }

    /** Zero or negative once the time is up. */
    Duration remaining() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }
}
