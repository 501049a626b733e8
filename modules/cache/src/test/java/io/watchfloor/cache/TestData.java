package io.watchfloor.cache;

import io.watchfloor.model.Flag;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class TestData {
    /** An epoch-aligned start (a whole day) so windows and buckets line up with test arithmetic. */
    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    private TestData() {
    }

    static Reading gpu(String host, int gpu, Instant at, double util, double temp) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.UTIL_PCT, util);
        m.put(Metric.TEMP_C, temp);
        return new Reading(TileKey.gpu(host, Integer.toString(gpu), "GPU-" + host + "-" + gpu, null),
                "NVIDIA H100 80GB HBM3", "prom-a", at, m, Set.of());
    }

    /** {@code hosts} x 8 GPUs, 8 metrics each, all at {@code at}; values derived from {@code seed}. */
    static List<Reading> fleet(int hosts, Instant at, double seed) {
        List<Reading> out = new ArrayList<>(hosts * 8);
        for (int h = 0; h < hosts; h++) {
            for (int g = 0; g < 8; g++) {
                Map<Metric, Double> m = new EnumMap<>(Metric.class);
                m.put(Metric.UTIL_PCT, (seed + g) % 101);
                m.put(Metric.MEM_USED_MIB, 40_000.0 + g);
                m.put(Metric.MEM_TOTAL_MIB, 81_559.0);
                m.put(Metric.TEMP_C, 40 + (seed + h) % 40);
                m.put(Metric.POWER_W, 300.25 + g);
                m.put(Metric.SM_CLOCK_MHZ, 1980.0);
                m.put(Metric.XID_LAST, 0.0);
                m.put(Metric.THROTTLE_REASONS, 0.0);
                out.add(new Reading(TileKey.gpu("gpu-" + h, Integer.toString(g), null, null), "NVIDIA H100",
                        "prom-a", at, m, g == 0 ? Set.of(Flag.THROTTLE) : Set.of()));
            }
        }
        return out;
    }

    static RetentionPolicy policy(Duration raw, Duration step, Duration rollups) {
        return new RetentionPolicy(raw, step, rollups);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
