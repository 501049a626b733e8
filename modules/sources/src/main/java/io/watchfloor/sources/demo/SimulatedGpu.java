package io.watchfloor.sources.demo;

import io.watchfloor.model.Flag;
import io.watchfloor.model.GpuHealth;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Thresholds;
import io.watchfloor.model.TileKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One simulated GPU (or one MIG slice of it). Every value is a closed-form function of time and of
 * parameters drawn once from the seed, so the same seed and instant always give the same reading.
 */
final class SimulatedGpu {
    private static final long GPU_IDLE_BIT = 0x1;
    private static final long HW_THERMAL_BIT = 0x40;

    private final String host;
    private final int index;
    private final String uuid;
    private final DemoGpuModel model;
    private final Scenario scenario;
    private final Wave utilWave;
    private final Wave heatWave;
    private final Wave powerWave;
    private final double utilLo;
    private final double utilHi;
    private final double weightsFraction;
    private final double ambientC;
    private final List<MigSlice> slices;

    /** A MIG instance: its own work and memory share; temperature comes from the physical GPU. */
    private record MigSlice(String instanceId, String profile, int computeSlices, double memoryMib,
                            Wave utilWave, double weightsFraction) {
    }

    SimulatedGpu(String host, int index, String uuid, DemoGpuModel model, Scenario scenario,
                 boolean mig, SplittableRandom rnd) {
        this.host = host;
        this.index = index;
        this.uuid = uuid;
        this.model = model;
        this.scenario = scenario;
        this.utilWave = Wave.random(rnd);
        this.heatWave = Wave.random(rnd);
        this.powerWave = Wave.random(rnd);
        this.ambientC = rnd.nextDouble(34, 38);
        if (scenario == Scenario.BATCH) {
            utilLo = rnd.nextDouble(20, 30);
            utilHi = rnd.nextDouble(55, 70);
            weightsFraction = rnd.nextDouble(0.20, 0.40);
        } else {
            utilLo = rnd.nextDouble(60, 70);
            utilHi = rnd.nextDouble(92, 99);
            // model weights plus the KV cache a server keeps even when quiet; stays below the 90% memory warning
            weightsFraction = rnd.nextDouble(0.35, 0.55);
        }
        this.slices = mig ? migSlices(model, rnd) : List.of();
    }

    /** Three instances as an operator would carve an 8-slice GPU: 3g (4 memory slices), 2g (2), 1g (1). */
    private static List<MigSlice> migSlices(DemoGpuModel model, SplittableRandom rnd) {
        int[][] shapes = {{3, 4}, {2, 2}, {1, 1}};
        List<MigSlice> out = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            double mem = Math.floor(model.memoryMib() * shapes[i][1] / 8.0);
            String profile = shapes[i][0] + "g." + Math.round(mem / 1024) + "gb";
            out.add(new MigSlice(String.valueOf(i + 1), profile, shapes[i][0], mem, Wave.random(rnd),
                    rnd.nextDouble(0.35, 0.55)));
        }
        return List.copyOf(out);
    }

    Scenario scenario() {
        return scenario;
    }

    boolean isMig() {
        return !slices.isEmpty();
    }

    /** The tiles of this GPU at {@code at}: one, or one per MIG instance. */
    List<Reading> sample(Instant at, String sourceId, Thresholds thresholds) {
        double t = at.toEpochMilli() / 1000.0;
        if (slices.isEmpty()) {
            Map<Metric, Double> m = wholeGpu(t);
            return List.of(reading(TileKey.gpu(host, String.valueOf(index), uuid, null), model.name(), at,
                    sourceId, m, thresholds));
        }
        List<Reading> out = new ArrayList<>();
        double temp = temperature(t);
        for (MigSlice s : slices) {
            double util = s.utilWave().between(t, 55, 97);
            Map<Metric, Double> m = new EnumMap<>(Metric.class);
            m.put(Metric.UTIL_PCT, util);
            m.put(Metric.MEM_USED_MIB, Math.floor(s.memoryMib() * (s.weightsFraction() + 0.3 * util / 100)));
            m.put(Metric.MEM_TOTAL_MIB, s.memoryMib());
            // power and clocks belong to the physical GPU: repeating them on each slice would count them three times
            m.put(Metric.TEMP_C, temp);
            m.put(Metric.XID_LAST, 0.0);
            out.add(reading(TileKey.gpu(host, String.valueOf(index), uuid, s.instanceId()),
                    model.name() + " MIG " + s.profile(), at, sourceId, m, thresholds));
        }
        return out;
    }

    private Map<Metric, Double> wholeGpu(double t) {
        double util = util(t);
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.UTIL_PCT, util);
        m.put(Metric.MEM_USED_MIB, Math.floor(model.memoryMib() * memoryFraction(t, util)));
        m.put(Metric.MEM_TOTAL_MIB, model.memoryMib());
        if (scenario != Scenario.NO_TEMP) {
            m.put(Metric.TEMP_C, temperature(t));
        }
        m.put(Metric.POWER_W, power(t, util));
        m.put(Metric.SM_CLOCK_MHZ, smClock(t, util));
        m.put(Metric.XID_LAST, scenario == Scenario.XID ? 79.0 : 0.0);
        m.put(Metric.THROTTLE_REASONS, (double) throttleReasons(util));
        return m;
    }

    /** Utilisation of the whole GPU; for a MIG GPU the compute-weighted mean of its slices. */
    double util(double t) {
        if (!slices.isEmpty()) {
            double sum = 0;
            for (MigSlice s : slices) {
                sum += s.utilWave().between(t, 55, 97) * s.computeSlices() / 7.0;
            }
            return sum;
        }
        return switch (scenario) {
            case HOT -> utilWave.between(t, 96, 99);
            case XID -> 0;
            case IDLE, HELD_IDLE -> utilWave.between(t, 0, 2);
            case THROTTLED -> utilWave.between(t, 85, 99);
            case INFERENCE, BATCH, NO_TEMP -> utilWave.between(t, utilLo, utilHi);
        };
    }

    private double memoryFraction(double t, double util) {
        return switch (scenario) {
            // only the driver's context: well below any held-idle threshold
            case IDLE, XID -> powerWave.between(t, 0.0, 0.01);
            case HELD_IDLE -> powerWave.between(t, 0.68, 0.72);
            default -> weightsFraction + 0.3 * util / 100;
        };
    }

    /** Follows utilisation with a lag of about a minute, as a heat sink does. */
    private double temperature(double t) {
        return switch (scenario) {
            case HOT -> heatWave.between(t, 91, 95);
            case THROTTLED -> heatWave.between(t, 86, 89);
            default -> {
                double lagged = 0.6 * util(t - 90) + 0.4 * util(t - 30);
                yield clamp(ambientC + 0.45 * lagged + 1.5 * heatWave.at(t), 35, 85);
            }
        };
    }

    private double power(double t, double util) {
        double span = model.maxW() - model.idleW();
        double w = switch (scenario) {
            case HOT -> powerWave.between(t, 0.95, 1.0) * model.maxW();
            case HELD_IDLE -> model.idleW() + powerWave.between(t, 20, 35);
            // a thermal slowdown also caps the power the GPU can draw
            case THROTTLED -> model.idleW() + 0.6 * span * util / 100 + 8 * powerWave.at(t);
            default -> model.idleW() + 0.9 * span * Math.pow(util / 100, 1.3) + 8 * powerWave.at(t);
        };
        return clamp(w, model.idleW(), model.maxW());
    }

    private double smClock(double t, double util) {
        if (scenario == Scenario.THROTTLED) {
            return Math.round(model.maxSmMhz() * powerWave.between(t, 0.60, 0.70));
        }
        return util < 3 ? model.idleSmMhz() : model.maxSmMhz();
    }

    private long throttleReasons(double util) {
        if (scenario == Scenario.THROTTLED) {
            return HW_THERMAL_BIT;
        }
        return util < 3 ? GPU_IDLE_BIT : 0;
    }

    private static Reading reading(TileKey key, String model, Instant at, String sourceId,
                                   Map<Metric, Double> m, Thresholds thresholds) {
        return new Reading(key, model, sourceId, at, m, flags(m, thresholds));
    }

    /** Flags derive from the values by the same rules as for real GPUs, so the demo cannot disagree with them. */
    static Set<Flag> flags(Map<Metric, Double> m, Thresholds thresholds) {
        Set<Flag> flags = EnumSet.of(Flag.DEMO);
        flags.addAll(GpuHealth.flags(m, thresholds));
        return flags;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
