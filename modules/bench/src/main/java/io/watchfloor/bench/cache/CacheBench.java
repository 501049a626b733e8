package io.watchfloor.bench.cache;

import io.watchfloor.bench.TempDirs;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.TileKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The two cache figures of the product brief, on a real H2 file in a temp directory:
 * <ul>
 *   <li>{@code ingest}: record() of 256 GPUs x 8 metrics = 2048 samples a call; the score is samples/s
 *       (target &gt;= 150k/s on 2 cores). Timestamps lie in the past, so packing the closed windows and
 *       trimming the journal are part of what is measured.</li>
 *   <li>{@code sparkline}: series() of 1 h of one series at 1 s (3600 points) in a cache holding 2048 such
 *       series, a random series each call; Mode.SampleTime gives p50/p99 (target p99 &lt;= 5 ms).</li>
 * </ul>
 * Run: {@code mvn -B -q -pl modules/bench -am package -DskipTests &&
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar modules/bench/target/bench.jar CacheBench}
 */
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class CacheBench {

    static final int GPUS = 256;
    static final Metric[] METRICS = {Metric.UTIL_PCT, Metric.MEM_USED_MIB, Metric.MEM_TOTAL_MIB, Metric.TEMP_C,
            Metric.POWER_W, Metric.SM_CLOCK_MHZ, Metric.THROTTLE_REASONS, Metric.XID_LAST};
    static final int SAMPLES_PER_CALL = 2048; // GPUS x METRICS.length (a constant for @OperationsPerInvocation)

    /** 256 GPU readings at {@code at}, values varying with {@code tick} like real telemetry. */
    static {
        if (GPUS * METRICS.length != SAMPLES_PER_CALL) {
            throw new AssertionError("SAMPLES_PER_CALL must be GPUS x METRICS.length");
        }
    }

    static List<Reading> fleet(Instant at, long tick, SplittableRandom rnd) {
        List<Reading> out = new ArrayList<>(GPUS);
        for (int g = 0; g < GPUS; g++) {
            Map<Metric, Double> m = new EnumMap<>(Metric.class);
            m.put(Metric.UTIL_PCT, (double) rnd.nextInt(101));
            m.put(Metric.MEM_USED_MIB, 40_000.0 + rnd.nextInt(4000));
            m.put(Metric.MEM_TOTAL_MIB, 81_559.0);
            m.put(Metric.TEMP_C, 45.0 + rnd.nextInt(30));
            m.put(Metric.POWER_W, Math.round(rnd.nextDouble(90, 700) * 100) / 100.0);
            m.put(Metric.SM_CLOCK_MHZ, tick % 60 == 0 ? 1755.0 : 1980.0);
            m.put(Metric.THROTTLE_REASONS, 0.0);
            m.put(Metric.XID_LAST, 0.0);
            out.add(new Reading(TileKey.gpu("gpu-h" + (g / 8), Integer.toString(g % 8), "GPU-" + g, null),
                    "NVIDIA H100 80GB HBM3", "prom-a", at, m, g % 50 == 0 ? Set.of(Flag.THROTTLE) : Set.of()));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ ingest

    @State(Scope.Benchmark)
    public static class IngestState {
        Path dir;
        H2TelemetryStore store;
        Instant start;
        long tick;
        List<Reading> next;
        final SplittableRandom rnd = new SplittableRandom(42);

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("watchfloor-bench-ingest");
            store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null);
            // two days ago: every window is closed, so packing runs as it would after an outage
            start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        }

        @Setup(Level.Invocation)
        public void nextBatch() {
            next = fleet(start.plusSeconds(tick), tick, rnd);
            tick++;
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            store.close();
            long size = Files.size(dir.resolve("watchfloor.mv.db"));
            System.out.printf("%n[ingest] %d calls, %d samples, file %.1f MB (%.1f bytes/sample)%n",
                    tick, tick * SAMPLES_PER_CALL, size / 1e6, size / (double) (tick * SAMPLES_PER_CALL));
            TempDirs.deleteTree(dir);
        }
    }

    /** One record() of 2048 samples; the score is samples per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(SAMPLES_PER_CALL)
    public void ingest(IngestState s) {
        s.store.record(s.next);
    }

    // ------------------------------------------------------------------------------------------ sparkline

    @State(Scope.Benchmark)
    public static class ReadState {
        Path dir;
        H2TelemetryStore store;
        String[] keys;
        Instant from;
        Instant to;
        final SplittableRandom pick = new SplittableRandom(7);

        @Setup(Level.Trial)
        public void fill() throws IOException {
            dir = Files.createTempDirectory("watchfloor-bench-read");
            store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null);
            // the last hour at 1 s for 2048 series, ending now: older minutes packed, the newest buffered
            to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            from = to.minus(Duration.ofHours(1)).plusSeconds(1);
            SplittableRandom rnd = new SplittableRandom(1);
            long started = System.nanoTime();
            for (long i = 0; i < 3600; i++) {
                store.record(fleet(from.plusSeconds(i), i, rnd));
            }
            store.maintain(Instant.now());
            System.out.printf("%n[sparkline] filled 2048 series x 3600 s in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            keys = new String[SAMPLES_PER_CALL];
            int k = 0;
            for (int g = 0; g < GPUS; g++) {
                String tile = TileKey.gpu("gpu-h" + (g / 8), Integer.toString(g % 8), null, null).id();
                for (Metric m : METRICS) {
                    keys[k++] = Series.key(tile, m);
                }
            }
            int points = store.series(keys[0], from, to).size();
            if (points != 3600) {
                throw new IllegalStateException("expected 3600 points, got " + points);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            store.close();
            TempDirs.deleteTree(dir);
        }
    }

    /** 1 h of one random series (3600 points); SampleTime reports the latency distribution. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Series sparkline(ReadState s) {
        return s.store.series(s.keys[s.pick.nextInt(s.keys.length)], s.from, s.to);
    }
}
