package io.watchfloor.bench.probe;

import io.watchfloor.bench.probe.FloorPlan.Kind;
import io.watchfloor.bench.probe.ScheduleStats.Dist;
import io.watchfloor.bench.probe.TimedProbe.Outcome;
import io.watchfloor.engine.EngineSettings;
import io.watchfloor.model.Source;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Benchmark of issue 3 item 8: 200 probed endpoints at a 30 s interval on 2 cores; reports the console's CPU and
 * the probe schedule's drift (see {@link ScheduleStats} for what drift and lateness mean, {@link ProbeRun} for the
 * setup). Not JMH: a schedule is measured over minutes of wall-clock time, not by repeating a call.
 *
 * <p>Run from the repo root after {@code mvn -B -q -pl modules/bench -am package -DskipTests}:
 * {@code modules/bench/scripts/probe-schedule.sh 5} (pins the JVM to 2 cores with the launcher's memory flags), or
 * {@code taskset -c 0,1 java -XX:ActiveProcessorCount=2 -cp modules/bench/target/bench.jar
 * io.watchfloor.bench.probe.ProbeScheduleBench --minutes 5}.
 */
public final class ProbeScheduleBench {
    private ProbeScheduleBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ProbeRun.Result r = ProbeRun.run(o, line -> System.out.println("[probe-bench] " + line));
        print(r, System.out);
    }

    static void print(ProbeRun.Result r, PrintStream out) {
        BenchOptions o = r.options();
        FloorPlan plan = r.plan();
        ScheduleStats s = r.schedule();
        out.printf("%n== %d probed endpoints every %s, %s on %d cores (%s) ==%n", o.endpoints(),
                ProbeRun.seconds(o.interval()), ProbeRun.seconds(o.run()), ProcessMeter.cores(),
                o.forkServers() ? "servers in their own process" : "servers in this JVM");
        out.printf("floor: %d on %d servers, %d slow (1-2 s), %d hung (%s, timeout %s), %d refused (closed port)%n",
                plan.count(Kind.OK), plan.servers(), plan.count(Kind.SLOW), plan.count(Kind.HUNG),
                ProbeRun.seconds(o.hungFor()), ProbeRun.seconds(o.timeout()), plan.count(Kind.REFUSED));
        int workers = Source.LANE_PROBE.equals(r.lane()) ? o.probeWorkers()
                : EngineSettings.DEFAULTS.maxConcurrentPolls();
        out.printf("engine: probes on the \"%s\" lane, %d workers%s%n", r.lane(), workers,
                r.lane().equals(r.sourceLane()) ? ""
                        : " (NOTE: ProbeSource.lane() says \"" + r.sourceLane() + "\"; --lane-as-is runs it there)");
        out.printf("probes started: %d of %d expected (%.1f%%);", s.started(), o.expectedPolls(),
                100.0 * s.started() / o.expectedPolls());
        for (Kind k : Kind.values()) {
            int probes = s.probesByKind().getOrDefault(k, 0);
            if (probes > 0) {
                out.printf(" %s %d/%d", k.name().toLowerCase(Locale.ROOT), s.startedByKind().getOrDefault(k, 0),
                        o.expectedPolls() / o.endpoints() * probes);
            }
        }
        out.println();
        out.printf("first round: first polls %.0f ms (p50) / %.0f ms (max) after start()%n",
                s.firstRound().p50(), s.firstRound().max());
        out.printf("%-44s %6s %9s %9s %9s%n", "ms, polls after each probe's first", "polls", "p50", "p99", "max");
        row(out, "drift, whole run (warm-up included)", s.driftWholeRun());
        out.printf("steady part (this poll and the one before it started after the %s warm-up):%n",
                ProbeRun.seconds(o.warmup()));
        row(out, "drift vs previous start + interval, all", s.driftAll());
        s.drift().forEach((k, d) -> row(out, "  " + k.name().toLowerCase(Locale.ROOT), d));
        row(out, "lateness vs previous answer + interval, all", s.latenessAll());
        s.lateness().forEach((k, d) -> row(out, "  " + k.name().toLowerCase(Locale.ROOT), d));
        out.printf("%-44s %6s %9s %9s %9s%n", "poll duration (ms), after the warm-up", "polls", "p50",
                "p99", "max");
        s.duration().forEach((k, d) -> row(out, "  " + k.name().toLowerCase(Locale.ROOT), d));
        out.printf("%-44s %6s %9s %9s %9s%n", "behind an every-interval timetable at the end", "probes", "p50",
                "p99", "max");
        s.phaseWalk().forEach((k, d) -> row(out, "  " + k.name().toLowerCase(Locale.ROOT), d));
        out.printf("per minute: polls, drift p99/max, lateness p99/max (ms), CPU %% of one core%n");
        for (ScheduleStats.Minute m : s.minutes()) {
            String cpu = m.index() < r.cpuByMinute().size()
                    ? String.format("%.1f%%", r.cpuByMinute().get(m.index())) : "-";
            out.printf("  %2d  %5d  %8.1f %8.1f  %8.1f %8.1f  %s%n", m.index() + 1, m.polls(), m.drift().p99(),
                    m.drift().max(), m.lateness().p99(), m.lateness().max(), cpu);
        }
        int cores = ProcessMeter.cores();
        out.printf("CPU (steady %.1f s, after %s warm-up): %.2f%% of one core = %.2f%% of %d cores; GC %d"
                        + " collections, %d ms%n", r.measured().toMillis() / 1000.0, ProbeRun.seconds(o.warmup()),
                r.cpuPct(), r.cpuPct() / cores, cores, r.gcCount(), r.gcMillis());
        if (r.floorCpuPct() != null) {
            out.printf("    the simulated servers' own process: %.2f%% of one core (not counted above)%n",
                    r.floorCpuPct());
        }
        out.printf("threads: %d live at the end (peak %d); heap after GC %.1f MB (max %.0f MB)%n", r.threads(),
                r.peakThreads(), r.heapAfterGc() / 1e6, r.heapMax() / 1e6);
        out.printf("cache: %d probe tiles in H2, SLA ledger for %d endpoints (%d with DOWN time) in %d segments,"
                + " file %.2f MB%n", r.probeTiles(), r.ledgered(), r.ledgeredDown(), r.segments(),
                r.cacheBytes() / 1e6);
        out.print("outcomes:");
        for (Outcome oc : Outcome.values()) {
            int n = s.count(oc);
            if (n > 0) {
                out.printf(" %s %d (%s)", oc.name().toLowerCase(Locale.ROOT), n, top(s.outcomes().get(oc)));
            }
        }
        out.println();
    }

    private static void row(PrintStream out, String label, Dist d) {
        out.printf("%-44s %6d %9.1f %9.1f %9.1f%n", label, d.n(), d.p50(), d.p99(), d.max());
    }

    /** The three commonest texts, with counts. */
    private static String top(Map<String, Integer> texts) {
        return String.join("; ", Objects.requireNonNull(texts).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(3).map(e -> e.getValue() + "x " + e.getKey()).toList());
    }
}
