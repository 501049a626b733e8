package io.watchfloor.sources.cloudwatch;

import java.time.Duration;
import java.time.Instant;

/**
 * The time range one poll asks for: the last few whole periods before now. Aligning both ends to the period
 * makes CloudWatch's datapoints start exactly on period boundaries (it aligns them to the start time) and keeps
 * a datapoint the same from one poll to the next. More than one period is asked because CloudWatch publishes
 * with a delay of a minute or two: the latest period that has data is taken.
 */
record PollWindow(Instant start, Instant end, Duration period) {
    static final int PERIODS = 5;

    static PollWindow ending(Instant now, Duration period) {
        long p = period.toSeconds();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), p) * p);
        return new PollWindow(end.minus(period.multipliedBy(PERIODS)), end, period);
    }

    /** The start of the newest period in the window (CloudWatch stamps a datapoint with its period's start). */
    Instant latestPeriodStart() {
        return end.minus(period);
    }

    /** A count over one period as a rate per minute. */
    double perMinute(double countPerPeriod) {
        return countPerPeriod * 60.0 / period.toSeconds();
    }
}
