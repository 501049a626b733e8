package io.watchfloor.incidents.notify;

import java.time.Duration;

/**
 * The wait before retrying a message: 5 s after the first failure, doubling up to 5 min, each shortened by up to a
 * quarter at random so that channels failing together (the network went away) do not retry in lock step.
 */
final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofMinutes(5);

    private Backoff() {
    }

    /**
     * @param failures how many attempts of this message failed so far (1 after the first)
     * @param random   a number in [0, 1)
     */
    static Duration after(int failures, double random) {
        long base = FIRST.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        long capped = Math.min(base, MAX.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - 0.25 * random)));
    }
}
