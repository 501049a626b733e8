package io.watchfloor.bench.probe;

import io.watchfloor.engine.EngineSettings;
import java.time.Duration;
import java.util.Locale;

/**
 * The probe benchmark's knobs, with the defaults of issue 3 item 8: 200 endpoints probed every 30 s for 5 minutes.
 *
 * @param servers      live model servers the endpoints are spread over (ports)
 * @param warmup       left out of the CPU figure (JIT, first connections, class loading); default one interval
 * @param timeout      each probe's own timeout (the probe config's {@code timeout}); hung endpoints outlast it
 * @param probeWorkers the engine's probe lane ({@link EngineSettings#maxConcurrentProbes()})
 * @param forkServers  run the simulated servers in a process of their own, so their CPU is not the console's
 * @param laneAsIs     run the probes on the lane {@code ProbeSource.lane()} names, instead of the engine's probe lane
 */
record BenchOptions(int endpoints, int servers, Duration interval, Duration run, Duration warmup, Duration timeout,
                    double slowPct, double hungPct, double refusedPct, int probeWorkers, boolean forkServers,
                    boolean laneAsIs) {

    static final String USAGE = """
            usage: ProbeScheduleBench [--endpoints 200] [--servers 20] [--interval 30s] [--minutes 5 | --seconds S]
                                      [--warmup <interval>] [--timeout 5s] [--slow-pct 5] [--hung-pct 1]
                                      [--refused-pct 5] [--probe-workers 16] [--servers-in-process] [--lane-as-is]
              durations: 30s, 500ms, 2m or plain seconds
              slow endpoints answer in 1-2 s; hung ones hold the request 3x the timeout; refused ones have no server""";

    static BenchOptions defaults() {
        return new BenchOptions(200, 20, Duration.ofSeconds(30), Duration.ofMinutes(5), null, Duration.ofSeconds(5),
                5, 1, 5, EngineSettings.DEFAULTS.maxConcurrentProbes(), true, false);
    }

    BenchOptions {
        if (endpoints < 1 || servers < 1 || probeWorkers < 1) {
            throw new IllegalArgumentException("endpoints, servers and probe workers must be at least 1");
        }
        if (!interval.isPositive() || !run.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("interval, run length and timeout must be positive");
        }
        warmup = warmup == null ? interval : warmup;
        if (warmup.compareTo(run) >= 0) {
            throw new IllegalArgumentException("the warm-up (" + warmup.toMillis() / 1000.0
                    + " s) leaves nothing of the run (" + run.toMillis() / 1000.0 + " s) to measure");
        }
    }

    /** How long a hung endpoint holds its request: well past the probe's timeout. */
    Duration hungFor() {
        return timeout.multipliedBy(3);
    }

    FloorPlan plan() {
        return FloorPlan.of(endpoints, servers, slowPct, hungPct, refusedPct, hungFor().toMillis());
    }

    /** Probes a perfect schedule would start in the run: every endpoint at 0, interval, 2 x interval, ... */
    long expectedPolls() {
        return endpoints * (long) Math.ceil((double) run.toMillis() / interval.toMillis());
    }

    static BenchOptions parse(String... args) {
        BenchOptions o = defaults();
        int endpoints = o.endpoints;
        int servers = o.servers;
        Duration interval = o.interval;
        Duration run = o.run;
        Duration warmup = null;
        Duration timeout = o.timeout;
        double slow = o.slowPct;
        double hung = o.hungPct;
        double refused = o.refusedPct;
        int workers = o.probeWorkers;
        boolean fork = true;
        boolean laneAsIs = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--servers-in-process".equals(a)) {
                fork = false;
                continue;
            }
            if ("--lane-as-is".equals(a)) {
                laneAsIs = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + a + "\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--endpoints" -> endpoints = Integer.parseInt(v);
                case "--servers" -> servers = Integer.parseInt(v);
                case "--interval" -> interval = duration(v);
                case "--minutes" -> run = Duration.ofMillis(Math.round(Double.parseDouble(v) * 60_000));
                case "--seconds" -> run = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
                case "--warmup" -> warmup = duration(v);
                case "--timeout" -> timeout = duration(v);
                case "--slow-pct" -> slow = Double.parseDouble(v);
                case "--hung-pct" -> hung = Double.parseDouble(v);
                case "--refused-pct" -> refused = Double.parseDouble(v);
                case "--probe-workers" -> workers = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option: " + a + "\n" + USAGE);
            }
        }
        return new BenchOptions(endpoints, servers, interval, run, warmup, timeout, slow, hung, refused, workers,
                fork, laneAsIs);
    }

    /** "30s", "500ms", "2m" or plain seconds ("1.5"). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
            }
            String seconds = t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
            return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (expected e.g. 30s, 500ms, 2m)");
        }
    }
}
