package io.watchfloor.bench.poll;

import io.watchfloor.bench.TempDirs;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.PollResult;
import io.watchfloor.model.Reading;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.Thresholds;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.prometheus.HttpSettings;
import io.watchfloor.sources.prometheus.PrometheusClient;
import io.watchfloor.sources.prometheus.PrometheusGpuSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One poll cycle of a Prometheus source at fleet scale: 13 concurrent instant queries over HTTP
 * returning 10,000 dcgm-exporter series (1,250 H100 GPUs x the 8 default-counter fields the wall reads),
 * parsed, grouped into 1,250 readings and, in {@code pollAndStore}, written to the H2 cache.
 *
 * <ul>
 *   <li>{@code pollAndStore}: {@code source.poll()} then {@code store.record(readings)} into a real H2 file
 *       in a temp directory. The cache's clock moves 10 s per cycle (the default poll interval), so it packs
 *       a closed minute every sixth cycle as in the application: the slow tail is those cycles.</li>
 *   <li>{@code pollOnly}: {@code source.poll()} alone, to tell the write cost apart.</li>
 * </ul>
 * The answers come from a {@link MockWebServer} on loopback, built once from the real captured answer
 * {@value FleetResponses#FIXTURE} (see {@link FleetResponses}); the server shares the JVM and its cores
 * with the client, so its socket writes count against the cycle. Mode.SampleTime reports p50/p99 per
 * cycle; each run also prints series/s over its measured cycles. Target: a cycle fits well inside one
 * poll interval (10 s), since a new sample must be on the wall within one interval plus a second.
 *
 * <p>Run (from the repo root; fixtures from -Dwatchfloor.shared.dir, default ../shared):
 * {@code mvn -B -q -pl modules/bench -am package -DskipTests &&
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Dwatchfloor.shared.dir=../shared -jar modules/bench/target/bench.jar PollCycleBench}
 */
@Fork(1)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 9)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PollCycleBench {

    static final int GPUS = 1_250;
    static final Duration INTERVAL = SourceConfig.DEFAULT_INTERVAL;
    /** Value sets served in turn: a minute of 10 s polls before values repeat. */
    static final int VARIANTS = 6;
    /** The application's default maintenance period (5 min) in poll intervals. */
    static final int MAINTAIN_EVERY_CYCLES = 30;

    @State(Scope.Benchmark)
    public static class Fleet {
        /** JUL keeps loggers weakly; hold the one silenced here. */
        private static final Logger MOCK_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

        FleetResponses responses;
        MockWebServer server;
        SteppingClock clock;
        PrometheusGpuSource source;
        int seriesPerCycle;

        // tally of the measured cycles
        boolean measuring;
        long cycles;
        long samples;
        long pollNanos;
        long storeNanos;
        long[] storeTimes = new long[1024];

        @Setup(Level.Trial)
        public void start() throws IOException, SourceException {
            MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING); // it logs every request at INFO
            Path shared = Path.of(System.getProperty("watchfloor.shared.dir", "../shared"));
            responses = FleetResponses.build(shared.resolve(FleetResponses.FIXTURE), GPUS, VARIANTS, 20_260_310L);
            seriesPerCycle = responses.seriesPerCycle();
            clock = new SteppingClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(184));

            server = new MockWebServer();
            server.setDispatcher(new PrometheusDispatcher(responses, clock));
            server.start(InetAddress.getLoopbackAddress(), 0);
            PrometheusClient client = new PrometheusClient(HttpSettings.of(server.url("/").uri()));
            source = new PrometheusGpuSource("prom-fleet", INTERVAL, client, null,
                    new SourceContext(clock, Thresholds.DEFAULTS));

            // one cycle to check the setup end to end (and to open the connections)
            clock.advance(INTERVAL);
            PollResult first = source.poll();
            check(first);
            System.out.printf("%n[fleet] %s; templates: %d captured series; first cycle: %d readings,"
                            + " %d samples, %d requests%n", responses, responses.templateSeries(),
                    first.readings().size(), samplesOf(first), first.requests());
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams params) {
            measuring = params.getType() == IterationType.MEASUREMENT;
        }

        void check(PollResult r) {
            if (r.readings().size() != responses.gpus() || !r.warnings().isEmpty()) {
                throw new IllegalStateException("cycle returned " + r.readings().size() + " readings (expected "
                        + responses.gpus() + "), warnings " + r.warnings());
            }
        }

        void tally(PollResult r, long poll, long store) {
            check(r);
            if (!measuring) {
                return;
            }
            if (cycles == storeTimes.length) {
                storeTimes = Arrays.copyOf(storeTimes, storeTimes.length * 2);
            }
            storeTimes[(int) cycles] = store;
            cycles++;
            samples += samplesOf(r);
            pollNanos += poll;
            storeNanos += store;
        }

        @TearDown(Level.Trial)
        public void stop(BenchmarkParams params) throws IOException {
            source.close();
            server.close();
            if (cycles == 0) {
                return;
            }
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            double secs = (pollNanos + storeNanos) / 1e9;
            System.out.printf("%n[%s] %d measured cycles of %,d series: %,.0f series/s, mean %.1f ms a cycle"
                            + " (poll %.1f ms", name, cycles, seriesPerCycle, cycles * (double) seriesPerCycle / secs,
                    secs * 1e3 / cycles, pollNanos / 1e6 / cycles);
            if (storeNanos > 0) {
                long[] t = Arrays.copyOf(storeTimes, (int) cycles);
                Arrays.sort(t);
                System.out.printf(", record() %.1f ms: p50 %.1f / p99 %.1f / max %.1f ms; %,.0f samples/s stored",
                        storeNanos / 1e6 / cycles, pct(t, 0.50), pct(t, 0.99), t[t.length - 1] / 1e6,
                        samples / (storeNanos / 1e9));
            }
            System.out.printf("); %,d samples a cycle%n", samples / cycles);
        }

        private static double pct(long[] sorted, double p) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    @State(Scope.Benchmark)
    public static class Cache {
        Path dir;
        H2TelemetryStore store;
        int maintained;
        long maintainNanos;

        @Setup(Level.Trial)
        public void open(Fleet fleet) throws IOException {
            dir = Files.createTempDirectory("watchfloor-bench-poll");
            // the fleet's clock: windows close as the simulated polls advance, not with the wall clock
            store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, fleet.clock);
        }

        /**
         * The application runs maintain() (rollups, retention, compaction of a fragmented file) every 5 min on
         * the cache's writer thread; here every 30 simulated cycles, outside the measured time, so the file is
         * in the state the application keeps it in.
         */
        @Setup(Level.Invocation)
        public void maintainLikeTheApp(Fleet fleet) {
            long cycle = fleet.clock.stepsSinceStart(INTERVAL);
            if (cycle > 0 && cycle % MAINTAIN_EVERY_CYCLES == 0) {
                long t0 = System.nanoTime();
                store.maintain(fleet.clock.instant());
                maintainNanos += System.nanoTime() - t0;
                maintained++;
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            System.out.printf("%n[cache] maintain() ran %d times, %.1f s in all (not measured)", maintained,
                    maintainNanos / 1e9);
            store.close();
            Path file = dir.resolve("watchfloor.mv.db");
            if (Files.exists(file)) {
                System.out.printf("; file %.1f MB after the run%n", Files.size(file) / 1e6);
            } else {
                System.out.println();
            }
            TempDirs.deleteTree(dir);
        }
    }

    /** One poll cycle: 13 queries over HTTP, parse, group into readings, write them to the H2 cache. */
    @Benchmark
    public PollResult pollAndStore(Fleet f, Cache c) throws SourceException {
        f.clock.advance(INTERVAL);
        long t0 = System.nanoTime();
        PollResult r = f.source.poll();
        long t1 = System.nanoTime();
        c.store.record(r.readings());
        f.tally(r, t1 - t0, System.nanoTime() - t1);
        return r;
    }

    /** The same cycle without the cache write. */
    @Benchmark
    public PollResult pollOnly(Fleet f) throws SourceException {
        f.clock.advance(INTERVAL);
        long t0 = System.nanoTime();
        PollResult r = f.source.poll();
        f.tally(r, System.nanoTime() - t0, 0);
        return r;
    }

    static long samplesOf(PollResult r) {
        long n = 0;
        for (Reading reading : r.readings()) {
            n += reading.metrics().size();
        }
        return n;
    }

    /** Answers GET /api/v1/query by its {@code query} parameter, as Prometheus would for this fleet. */
    static final class PrometheusDispatcher extends Dispatcher {
        private final FleetResponses responses;
        private final SteppingClock clock;

        PrometheusDispatcher(FleetResponses responses, SteppingClock clock) {
            this.responses = responses;
            this.clock = clock;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            HttpUrl url = request.getUrl();
            if (!"/api/v1/query".equals(url.encodedPath())) {
                return respond(404, new Buffer().writeUtf8("404 page not found\n"), "text/plain; charset=utf-8");
            }
            String query = url.queryParameter("query");
            Buffer body = query == null ? null
                    : responses.answer(query, clock.stepsSinceStart(INTERVAL), clock.millis());
            if (body == null) {
                return respond(400, new Buffer().writeUtf8("{\"status\":\"error\",\"errorType\":\"bad_data\","
                        + "\"error\":\"benchmark fleet has no series for this query\"}"), "application/json");
            }
            return respond(200, body, "application/json");
        }

        private static MockResponse respond(int code, Buffer body, String contentType) {
            return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
        }
    }
}
