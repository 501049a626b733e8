package io.watchfloor.bench.probe;

import io.watchfloor.bench.TempDirs;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.ProbeConfig;
import io.watchfloor.config.Provider;
import io.watchfloor.config.SlaConfig;
import io.watchfloor.engine.AvailabilityJudge;
import io.watchfloor.engine.EngineSettings;
import io.watchfloor.engine.PollerEngine;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Source;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKind;
import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityRule;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.probe.ProbeSource;
import io.watchfloor.sources.probe.ProbeSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One run of the probe benchmark: the floor's servers, {@code n} probed endpoints built as configuration records,
 * the probes from {@link ProbeSources#create}, each wrapped in a {@link TimedProbe}, polled by a real
 * {@link PollerEngine} into a real H2 cache (readings, source states and the SLA ledger, as the application does)
 * for the run's length on the wall clock. Nothing is simulated on the console's side.
 */
final class ProbeRun {
    /**
     * @param lane         the lane the probes ran on, and the one {@link ProbeSource#lane()} reports
     * @param cpuPct       this JVM's CPU over the steady part (after the warm-up), % of one core
     * @param cpuByMinute  the same per minute of the run (the first includes start-up)
     * @param floorCpuPct  the forked floor's CPU over the same span, % of one core; null when it ran in this JVM
     * @param probeTiles   PROBE readings in the cache's latest table after the run
     * @param ledgered     endpoints with SLA segments in the cache; {@code ledgeredDown} of them with a DOWN one;
     *                     {@code segments} in all (one per endpoint when no poll came too late to extend the last)
     */
    record Result(BenchOptions options, FloorPlan plan, String lane, String sourceLane, ScheduleStats schedule,
                  double cpuPct, List<Double> cpuByMinute, long gcCount, long gcMillis, Double floorCpuPct,
                  int threads, int peakThreads, long heapAfterGc, long heapMax, int probeTiles, int ledgered,
                  int ledgeredDown, int segments, long cacheBytes, Duration measured) {
    }

    private ProbeRun() {
    }

    /** Runs the benchmark; {@code progress} gets a line now and then (a run lasts minutes). */
    static Result run(BenchOptions o, Consumer<String> progress) throws IOException {
        FloorPlan plan = o.plan();
        Path dir = Files.createTempDirectory("watchfloor-bench-probe");
        try (RunningFloor floor = RunningFloor.start(o)) {
            List<EndpointConfig> endpoints = new ArrayList<>();
            for (int i = 0; i < plan.endpoints(); i++) {
                endpoints.add(endpoint(i, URI.create(floor.baseUrl(plan, i)), o));
            }
            Clock clock = Clock.systemUTC();
            // as the application opens its cache: a file in the data directory, default retention, no encryption
            try (H2TelemetryStore store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, clock)) {
                return measure(o, plan, floor, endpoints, clock, store, progress);
            }
        } finally {
            TempDirs.deleteTree(dir);
        }
    }

    private static Result measure(BenchOptions o, FloorPlan plan, RunningFloor floor, List<EndpointConfig> endpoints,
                                  Clock clock, H2TelemetryStore store, Consumer<String> progress) throws IOException {
        List<Source> probes = ProbeSources.create(endpoints, new SourceContext(clock, Thresholds.DEFAULTS, endpoints),
                Map.of());
        String sourceLane = probes.get(0).lane();
        List<TimedProbe> timed = new ArrayList<>();
        Map<String, Duration> timeouts = new HashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            ProbeSource p = (ProbeSource) probes.get(i);
            // the probe lane the engine keeps for probes, unless asked to take the lane the source names (see Result)
            timed.add(new TimedProbe(p, plan.behaviour(i).kind(), o.laneAsIs() ? null : Source.LANE_PROBE));
            // the watchdog allows the probe's own timeout plus its grace, as the probe asks
            timeouts.put(p.id(), p.timeout());
        }
        EngineSettings settings = EngineSettings.DEFAULTS.withPollTimeouts(timeouts)
                .withMaxConcurrentProbes(o.probeWorkers());
        List<ProcessMeter.Sample> minutes = new ArrayList<>();
        ProcessMeter.Sample warm;
        ProcessMeter.Sample end;
        Duration floorWarm;
        Duration floorEnd;
        long startNanos;
        long endNanos;
        int threads;
        int peak;
        long heap;
        try (PollerEngine engine = new PollerEngine(List.copyOf(timed), store, clock, settings, judge(endpoints))) {
            engine.loadFromCache();
            ProcessMeter.Sample first = ProcessMeter.Sample.now();
            minutes.add(first);
            startNanos = first.wallNanos();
            endNanos = startNanos + o.run().toNanos();
            engine.start();
            progress.accept(String.format("running %d probes every %s for %s (warm-up %s)...", timed.size(),
                    seconds(o.interval()), seconds(o.run()), seconds(o.warmup())));
            long warmAt = startNanos + o.warmup().toNanos();
            long nextMinute = startNanos + 60_000_000_000L;
            ProcessMeter.Sample w = null;
            Duration fw = null;
            while (true) {
                long next = Math.min(endNanos, w == null ? Math.min(warmAt, nextMinute) : nextMinute);
                sleepUntil(next);
                if (w == null && System.nanoTime() >= warmAt) {
                    w = ProcessMeter.Sample.now();
                    fw = floor.cpu();
                }
                if (System.nanoTime() >= endNanos) {
                    break;
                }
                if (System.nanoTime() >= nextMinute) {
                    minutes.add(ProcessMeter.Sample.now());
                    nextMinute += 60_000_000_000L;
                    progress.accept(String.format("  %d min: %d polls so far", minutes.size() - 1,
                            timed.stream().mapToInt(t -> t.polls().size()).sum()));
                }
            }
            end = ProcessMeter.Sample.now();
            floorEnd = floor.cpu();
            minutes.add(end);
            warm = w;
            floorWarm = fw;
            threads = ProcessMeter.threads();
            peak = ProcessMeter.peakThreads();
            // with the engine still running: its live state (wall, sparklines, caches) is part of the heap figure
            heap = ProcessMeter.heapAfterGc();
        }
        // the engine has written what it queued; the cache must hold every probe's tile and ledger
        int tiles = (int) store.latest().stream().map(Reading::key).filter(k -> k.kind() == TileKind.PROBE).count();
        Instant now = clock.instant();
        int ledgered = 0;
        int down = 0;
        int segments = 0;
        for (EndpointConfig e : endpoints) {
            List<AvailabilitySegment> segs = store.segments(e.id(), now.minus(o.run()).minusSeconds(60), now);
            ledgered += segs.isEmpty() ? 0 : 1;
            segments += segs.size();
            down += segs.stream().anyMatch(s -> s.state() == Availability.DOWN) ? 1 : 0;
        }
        long bytes = Files.exists(store.dataDir().resolve("watchfloor.mv.db"))
                ? Files.size(store.dataDir().resolve("watchfloor.mv.db")) : 0;
        ScheduleStats stats = ScheduleStats.of(timed, startNanos, startNanos + o.warmup().toNanos(), endNanos,
                o.interval());
        List<Double> perMinute = new ArrayList<>();
        for (int i = 1; i < minutes.size(); i++) {
            perMinute.add(minutes.get(i).pctOfOneCoreSince(minutes.get(i - 1)));
        }
        Double floorPct = floorWarm == null || floorEnd == null ? null
                : 100.0 * floorEnd.minus(floorWarm).toNanos() / (end.wallNanos() - warm.wallNanos());
        return new Result(o, plan, laneOf(timed), sourceLane, stats, end.pctOfOneCoreSince(warm), perMinute,
                end.gcCount() - warm.gcCount(), end.gcMillis() - warm.gcMillis(), floorPct, threads, peak, heap,
                ProcessMeter.heapMax(), tiles, ledgered, down, segments, bytes,
                Duration.ofNanos(end.wallNanos() - warm.wallNanos()));
    }

    /** Endpoint i as the configuration reader would build it from a {@code probe: {interval, timeout}} entry. */
    static EndpointConfig endpoint(int i, URI url, BenchOptions o) {
        ProbeConfig probe = new ProbeConfig(ProbeConfig.Kind.MODELS, null, o.interval(), o.timeout(), 200, null, null,
                null, null, null, null);
        return new EndpointConfig(FloorPlan.endpointId(i), null, Provider.OPENAI_COMPATIBLE, url, null, Map.of(),
                probe, SlaConfig.DEFAULTS, null, null);
    }

    /** Probe readings judged for the SLA ledger as the application does for probed endpoints (decision 0005). */
    private static AvailabilityJudge judge(List<EndpointConfig> endpoints) {
        Map<String, AvailabilityRule> rules = new HashMap<>();
        endpoints.forEach(e -> rules.put(e.id(), new AvailabilityRule(e.sla().serverErrorPct())));
        return (source, interval, readings) -> readings.stream()
                .filter(r -> r.key().kind() == TileKind.PROBE && rules.containsKey(r.key().host()))
                .map(r -> rules.get(r.key().host()).observe(r, interval))
                .flatMap(Optional::stream)
                .toList();
    }

    private static String laneOf(List<TimedProbe> timed) {
        return timed.get(0).lane();
    }

    private static void sleepUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
