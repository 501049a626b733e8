package io.watchfloor.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Tuning of the {@link PollerEngine}.
 *
 * @param maxConcurrentPolls  worker threads; bounds how many sources poll at the same time (default 4)
 * @param watchdogGrace       added to a source's poll timeout before the watchdog interrupts it (default 5 s):
 *                            sources enforce their own I/O timeouts, the watchdog only catches ones that don't
 * @param backoffCap          longest wait between polls of a failing source, before jitter (default 5 min)
 * @param sparklineWindow     how much history a sparkline shows (default 1 h)
 * @param maxSparklinePoints  points per tile sparkline (default 120, i.e. 30 s buckets over 1 h)
 * @param maintenancePeriod   how often the store's retention/rollups run (default 5 min)
 * @param tileExpiry          a tile missing from its healthy source's results this long is dropped (default 10 min)
 * @param pollTimeouts        per source id, how long a poll may take before the watchdog counts (plus grace);
 *                            a source not listed (or listed with null) gets its interval. The app fills it
 *                            from each source's configured {@code timeout}.
 * @param maxConcurrentProbes worker threads of the probe lane (sources whose {@link io.watchfloor.model.Source#lane()}
 *                            is "probe", default 16): the console's own endpoint probes are many, short and often
 *                            waiting on a dead endpoint's timeout, so they get their own bounded lane and can never
 *                            starve the metric sources, nor be starved by them
 */
public record EngineSettings(int maxConcurrentPolls, Duration watchdogGrace, Duration backoffCap,
                             Duration sparklineWindow, int maxSparklinePoints, Duration maintenancePeriod,
                             Duration tileExpiry, Map<String, Duration> pollTimeouts, int maxConcurrentProbes) {

    public static final EngineSettings DEFAULTS = new EngineSettings(4, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofHours(1), 120, Duration.ofMinutes(5), Duration.ofMinutes(10), Map.of(), 16);

    public EngineSettings {
        if (maxConcurrentPolls < 1) {
            throw new IllegalArgumentException("maxConcurrentPolls must be at least 1");
        }
        if (maxConcurrentProbes < 1) {
            throw new IllegalArgumentException("maxConcurrentProbes must be at least 1");
        }
        if (maxSparklinePoints < 2) {
            throw new IllegalArgumentException("maxSparklinePoints must be at least 2");
        }
        requirePositive(watchdogGrace, "watchdogGrace", true);
        requirePositive(backoffCap, "backoffCap", false);
        requirePositive(sparklineWindow, "sparklineWindow", false);
        requirePositive(maintenancePeriod, "maintenancePeriod", false);
        requirePositive(tileExpiry, "tileExpiry", false);
        // A null timeout means "not configured": use the interval, rather than fail on Map.copyOf.
        Map<String, Duration> timeouts = new HashMap<>();
        pollTimeouts.forEach((id, t) -> {
            if (id != null && t != null && t.isPositive()) {
                timeouts.put(id, t);
            }
        });
        pollTimeouts = Map.copyOf(timeouts);
    }

    /** The poll timeout the watchdog uses for a source, before grace. */
    public Duration pollTimeout(String sourceId, Duration interval) {
        return pollTimeouts.getOrDefault(sourceId, interval);
    }

    public EngineSettings withMaxConcurrentPolls(int n) {
        return new EngineSettings(n, watchdogGrace, backoffCap, sparklineWindow, maxSparklinePoints,
                maintenancePeriod, tileExpiry, pollTimeouts, maxConcurrentProbes);
    }

    public EngineSettings withWatchdogGrace(Duration d) {
        return new EngineSettings(maxConcurrentPolls, d, backoffCap, sparklineWindow, maxSparklinePoints,
                maintenancePeriod, tileExpiry, pollTimeouts, maxConcurrentProbes);
    }

    public EngineSettings withBackoffCap(Duration d) {
        return new EngineSettings(maxConcurrentPolls, watchdogGrace, d, sparklineWindow, maxSparklinePoints,
                maintenancePeriod, tileExpiry, pollTimeouts, maxConcurrentProbes);
    }

    public EngineSettings withSparklines(Duration window, int maxPoints) {
        return new EngineSettings(maxConcurrentPolls, watchdogGrace, backoffCap, window, maxPoints,
                maintenancePeriod, tileExpiry, pollTimeouts, maxConcurrentProbes);
    }

    public EngineSettings withMaintenancePeriod(Duration d) {
        return new EngineSettings(maxConcurrentPolls, watchdogGrace, backoffCap, sparklineWindow, maxSparklinePoints,
                d, tileExpiry, pollTimeouts, maxConcurrentProbes);
    }

    public EngineSettings withTileExpiry(Duration d) {
        return new EngineSettings(maxConcurrentPolls, watchdogGrace, backoffCap, sparklineWindow, maxSparklinePoints,
                maintenancePeriod, d, pollTimeouts, maxConcurrentProbes);
    }

    public EngineSettings withPollTimeouts(Map<String, Duration> timeouts) {
        return new EngineSettings(maxConcurrentPolls, watchdogGrace, backoffCap, sparklineWindow, maxSparklinePoints,
                maintenancePeriod, tileExpiry, timeouts, maxConcurrentProbes);
    }

    public EngineSettings withMaxConcurrentProbes(int n) {
        return new EngineSettings(maxConcurrentPolls, watchdogGrace, backoffCap, sparklineWindow, maxSparklinePoints,
                maintenancePeriod, tileExpiry, pollTimeouts, n);
    }

    private static void requirePositive(Duration d, String name, boolean zeroAllowed) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "non-negative" : "positive"));
        }
    }
}
