package io.watchfloor.cache;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Measures what record() costs the disk: bytes this JVM wrote (Linux {@code /proc/self/io}) per record() of a
 * fleet, at a fixed pace with wall-clock timestamps, so H2's write delay coalesces as it does on a real wall.
 * Used by {@link WriteVolumeTest}, and runnable on its own for the figures in docs/decisions/0002:
 * {@code java -cp ... io.watchfloor.cache.WriteVolumeProbe [intervalMs=1000] [records=120] [gpus=256]}.
 */
final class WriteVolumeProbe {
    private static final Path PROC_IO = Path.of("/proc/self/io");

    /** Bytes per record(): {@code wchar} (handed to write()) and {@code write_bytes} (sent to the block layer). */
    record Result(int records, double seconds, double wcharPerRecord, double writeBytesPerRecord, long fileBytes) {
        @Override
        public String toString() {
            return String.format("%d records in %.1f s: %.1f KB/record passed to write(), %.1f KB/record to disk,"
                            + " file %.1f MB", records, seconds, wcharPerRecord / 1024, writeBytesPerRecord / 1024,
                    fileBytes / 1e6);
        }
    }

    private WriteVolumeProbe() {
    }

    static boolean available() {
        return Files.isReadable(PROC_IO);
    }

    /**
     * Records {@code warmup} then {@code records} fleets of {@code gpus} GPUs into {@code store}, one every
     * {@code intervalMs} of wall time; {@code timeOfTick} gives the sample time of the n-th call (and may move
     * the store's clock along). Closes the store.
     */
    static Result measure(H2TelemetryStore store, Path dbFile, LongFunction<Instant> timeOfTick, int gpus,
                          long intervalMs, int warmup, int records) throws IOException, InterruptedException {
        SplittableRandom rnd = new SplittableRandom(42);
        try (store) {
            long next = System.nanoTime();
            long[] before = null;
            long started = 0;
            for (int tick = 0; tick < warmup + records; tick++) {
                if (tick == warmup) {
                    before = procIo();
                    started = System.nanoTime();
                }
                store.record(fleet(gpus, timeOfTick.apply(tick), tick, rnd));
                next += intervalMs * 1_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            long[] after = procIo();
            return new Result(records, (System.nanoTime() - started) / 1e9, (after[0] - before[0]) / (double) records,
                    (after[1] - before[1]) / (double) records, Files.size(dbFile));
        }
    }

    /** {wchar, write_bytes} of this process. */
    static long[] procIo() throws IOException {
        long wchar = 0;
        long writeBytes = 0;
        for (String line : Files.readAllLines(PROC_IO)) {
            if (line.startsWith("wchar:")) {
                wchar = Long.parseLong(line.substring(6).trim());
            } else if (line.startsWith("write_bytes:")) {
                writeBytes = Long.parseLong(line.substring(12).trim());
            }
        }
        return new long[] {wchar, writeBytes};
    }

    /** {@code gpus} GPUs with 8 metrics each and values that move like real telemetry. */
    static List<Reading> fleet(int gpus, Instant at, long tick, SplittableRandom rnd) {
        List<Reading> out = new ArrayList<>(gpus);
        for (int g = 0; g < gpus; g++) {
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

    public static void main(String[] args) throws Exception {
        long intervalMs = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int gpus = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        Path dir = Files.createTempDirectory("watchfloor-write-volume");
        Result r = measure(H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null), dir.resolve("watchfloor.mv.db"),
                tick -> Instant.now(), gpus, intervalMs, 10, records);
        System.out.println(gpus + " GPUs, one record() every " + intervalMs + " ms: " + r);
    }
}
