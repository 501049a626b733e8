package io.watchfloor.usage.ledger;

import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.TileKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Integrates live readings into open ledger minutes (endpoints) and hours (GPUs), in memory, until
 * {@link #drain} hands the finished ones to the writer. Not thread-safe: {@link UsageLedger} serialises calls.
 *
 * <p>A sample at t stands for the time back to the previous sample of the same series (step-back: providers report
 * the rate over the period that ended at t). That time is capped (10 min for endpoints, 5 min for GPUs) so a long
 * silence stays a gap instead of being filled with the next sample's rate. The first sample after a start covers
 * one minute, but never time before the stored cursor (what the last run already wrote).
 */
final class LiveUsage {
    static final long MINUTE_MS = 60_000;
    static final long HOUR_MS = 3_600_000;
    static final long ENDPOINT_CAP_MS = 10 * MINUTE_MS;
    static final long GPU_CAP_MS = 5 * MINUTE_MS;
    static final long FIRST_SAMPLE_MS = MINUTE_MS;
    /** Above this much memory in use a GPU counts as held (a loaded model), whatever its utilisation. */
    static final double HELD_MEM_MIB = 1024;
    static final double IDLE_UTIL_PCT = 5;

    /** Finished rows to add to the ledger, and the cursors to store with them. */
    record Drained(List<EndpointMinute> minutes, List<GpuHour> hours, Map<String, Long> cursors) {
        boolean isEmpty() {
            return minutes.isEmpty() && hours.isEmpty() && cursors.isEmpty();
        }
    }

    private final Map<String, NavigableMap<Long, MinuteSums>> minutes = new HashMap<>();
    private final Map<String, NavigableMap<Long, HourSums>> hours = new HashMap<>();
    /** Last sample time per series ("endpoint:id" or the GPU tile id) in this run. */
    private final Map<String, Long> lastSample = new HashMap<>();
    /** Where earlier runs (and this one's flushes) stopped writing; per series. */
    private final Map<String, Long> storedCursors;
    private final Map<String, String> gpuHosts = new HashMap<>();

    LiveUsage(Map<String, Long> storedCursors) {
        this.storedCursors = new HashMap<>(storedCursors);
    }

    void add(Reading r) {
        TileKind kind = r.key().kind();
        if (kind == TileKind.ENDPOINT) {
            addEndpoint(r);
        } else if (kind == TileKind.GPU) {
            addGpu(r);
        }
    }

    private void addEndpoint(Reading r) {
        String endpointId = r.key().host();
        long t = r.sampledAt().toEpochMilli();
        long start = coverageStart(r.tileId(), t, ENDPOINT_CAP_MS);
        if (start >= t || !hasUsage(r)) {
            return;
        }
        Double rpm = r.value(Metric.REQUESTS_PM);
        NavigableMap<Long, MinuteSums> open = minutes.computeIfAbsent(endpointId, k -> new TreeMap<>());
        for (long s = start; s < t; ) {
            long minute = Math.floorDiv(s, MINUTE_MS) * MINUTE_MS;
            long e = Math.min(t, minute + MINUTE_MS);
            open.computeIfAbsent(minute, k -> new MinuteSums()).add(r, rpm, e - s);
            s = e;
        }
    }

    private static boolean hasUsage(Reading r) {
        return r.has(Metric.REQUESTS_PM) || r.has(Metric.TOKENS_IN_PM) || r.has(Metric.TOKENS_OUT_PM)
                || r.has(Metric.P50_MS) || r.has(Metric.P95_MS) || r.has(Metric.AVG_MS);
    }

    private void addGpu(Reading r) {
        String tileId = r.tileId();
        long t = r.sampledAt().toEpochMilli();
        long start = coverageStart(tileId, t, GPU_CAP_MS);
        if (start >= t) {
            return;
        }
        gpuHosts.put(tileId, r.key().host());
        NavigableMap<Long, HourSums> open = hours.computeIfAbsent(tileId, k -> new TreeMap<>());
        for (long s = start; s < t; ) {
            long hour = Math.floorDiv(s, HOUR_MS) * HOUR_MS;
            long e = Math.min(t, hour + HOUR_MS);
            open.computeIfAbsent(hour, k -> new HourSums()).add(r, e - s);
            s = e;
        }
    }

    /** The start of what a sample at t covers, and t becomes the series' last sample (unless it is older). */
    private long coverageStart(String series, long t, long cap) {
        Long prev = lastSample.get(series);
        long start;
        if (prev != null) {
            start = Math.max(prev, t - cap);
        } else {
            Long cursor = storedCursors.get(series);
            start = cursor == null ? t - FIRST_SAMPLE_MS : Math.max(cursor, t - FIRST_SAMPLE_MS);
        }
        if (prev == null || t > prev) {
            lastSample.put(series, t);
        }
        return start;
    }

    /**
     * Removes and returns the minutes that ended at or before {@code cutMillis} and the hours that ended at or
     * before it ({@code Long.MAX_VALUE}: everything), with the cursors that now hold.
     */
    Drained drain(long cutMillis) {
        List<EndpointMinute> doneMinutes = new ArrayList<>();
        for (Iterator<Map.Entry<String, NavigableMap<Long, MinuteSums>>> it = minutes.entrySet().iterator();
             it.hasNext(); ) {
            Map.Entry<String, NavigableMap<Long, MinuteSums>> e = it.next();
            Map<Long, MinuteSums> done = cutMillis == Long.MAX_VALUE ? e.getValue()
                    : e.getValue().headMap(cutMillis - MINUTE_MS, true);
            done.forEach((minute, sums) -> doneMinutes.add(sums.toMinute(e.getKey(), minute)));
            done.clear();
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        List<GpuHour> doneHours = new ArrayList<>();
        for (Iterator<Map.Entry<String, NavigableMap<Long, HourSums>>> it = hours.entrySet().iterator();
             it.hasNext(); ) {
            Map.Entry<String, NavigableMap<Long, HourSums>> e = it.next();
            Map<Long, HourSums> done = cutMillis == Long.MAX_VALUE ? e.getValue()
                    : e.getValue().headMap(cutMillis - HOUR_MS, true);
            done.forEach((hour, sums) -> doneHours.add(sums.toHour(gpuHosts.get(e.getKey()), e.getKey(), hour)));
            done.clear();
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        return new Drained(doneMinutes, doneHours, advanceCursors(cutMillis));
    }

    /**
     * A series is written up to the cut, or up to its last sample when that is earlier; a cut inside an open hour
     * counts only up to that hour's start, since the hour itself is still in memory.
     */
    private Map<String, Long> advanceCursors(long cutMillis) {
        Map<String, Long> changed = new HashMap<>();
        lastSample.forEach((series, last) -> {
            long unit = series.startsWith("endpoint:") ? MINUTE_MS : HOUR_MS;
            long written = cutMillis == Long.MAX_VALUE ? last
                    : Math.min(last, Math.floorDiv(cutMillis, unit) * unit);
            Long stored = storedCursors.get(series);
            if (stored == null || written > stored) {
                storedCursors.put(series, written);
                changed.put(series, written);
            }
        });
        return changed;
    }

    /** Puts back what a failed write drained, so the next flush tries again. */
    void restore(Drained d) {
        for (EndpointMinute m : d.minutes()) {
            minutes.computeIfAbsent(m.endpointId(), k -> new TreeMap<>())
                    .computeIfAbsent(m.minute().toEpochMilli(), k -> new MinuteSums()).plus(m);
        }
        for (GpuHour h : d.hours()) {
            gpuHosts.putIfAbsent(h.tileId(), h.host());
            hours.computeIfAbsent(h.tileId(), k -> new TreeMap<>())
                    .computeIfAbsent(h.hour().toEpochMilli(), k -> new HourSums()).plus(h);
        }
        d.cursors().keySet().forEach(storedCursors::remove);
    }

    boolean isEmpty() {
        return minutes.isEmpty() && hours.isEmpty();
    }

    /** One endpoint minute being filled. Missing metrics add nothing: a gap is never a zero. */
    private static final class MinuteSums {
        long coveredMs;
        double requests, tokensIn, tokensOut, errors, throttles;
        double p50Sum, p50Weight, p95Sum, p95Weight, avgSum, avgWeight;

        void add(Reading r, Double rpm, long ms) {
            double fraction = ms / (double) MINUTE_MS;
            coveredMs = Math.min(MINUTE_MS, coveredMs + ms);
            Double part = rpm == null ? null : rpm * fraction;
            if (part != null) {
                requests += part;
                Double errPct = r.value(Metric.ERROR_PCT);
                if (errPct != null) {
                    errors += part * errPct / 100;
                }
                Double throttlePct = r.value(Metric.THROTTLE_PCT);
                if (throttlePct != null) {
                    throttles += part * throttlePct / 100;
                }
            }
            Double tin = r.value(Metric.TOKENS_IN_PM);
            if (tin != null) {
                tokensIn += tin * fraction;
            }
            Double tout = r.value(Metric.TOKENS_OUT_PM);
            if (tout != null) {
                tokensOut += tout * fraction;
            }
            // weighted by requests so a busy minute's latency counts more; an idle one by its time
            double weight = part != null && part > 0 ? part : fraction;
            Double p50 = r.value(Metric.P50_MS);
            if (p50 != null) {
                p50Sum += p50 * weight;
                p50Weight += weight;
            }
            Double p95 = r.value(Metric.P95_MS);
            if (p95 != null) {
                p95Sum += p95 * weight;
                p95Weight += weight;
            }
            Double avg = r.value(Metric.AVG_MS);
            if (avg != null) {
                avgSum += avg * weight;
                avgWeight += weight;
            }
        }

        void plus(EndpointMinute m) {
            coveredMs = Math.min(MINUTE_MS, coveredMs + m.coveredMillis());
            requests += m.requests();
            tokensIn += m.tokensIn();
            tokensOut += m.tokensOut();
            errors += m.errors();
            throttles += m.throttles();
            p50Sum += m.p50Sum();
            p50Weight += m.p50Weight();
            p95Sum += m.p95Sum();
            p95Weight += m.p95Weight();
            avgSum += m.avgSum();
            avgWeight += m.avgWeight();
        }

        EndpointMinute toMinute(String endpointId, long minute) {
            return new EndpointMinute(endpointId, Instant.ofEpochMilli(minute), coveredMs, requests, tokensIn,
                    tokensOut, errors, throttles, p50Sum, p50Weight, p95Sum, p95Weight, avgSum, avgWeight);
        }
    }

    /** One GPU hour being filled. */
    private static final class HourSums {
        long observedMs, idleHeldMs;
        double utilPctMs, memUsedMibMs, memTotalMib;

        void add(Reading r, long ms) {
            observedMs += ms;
            Double util = r.value(Metric.UTIL_PCT);
            Double mem = r.value(Metric.MEM_USED_MIB);
            if (util != null) {
                utilPctMs += util * ms;
            }
            if (mem != null) {
                memUsedMibMs += mem * ms;
            }
            if (util != null && mem != null && mem > HELD_MEM_MIB && util < IDLE_UTIL_PCT) {
                idleHeldMs += ms;
            }
            Double total = r.value(Metric.MEM_TOTAL_MIB);
            if (total != null) {
                memTotalMib = total;
            }
        }

        void plus(GpuHour h) {
            observedMs += h.observedMillis();
            idleHeldMs += h.idleHeldMillis();
            utilPctMs += h.utilPctMillis();
            memUsedMibMs += h.memUsedMibMillis();
            if (h.memTotalMib() > 0 && memTotalMib == 0) {
                memTotalMib = h.memTotalMib();
            }
        }

        GpuHour toHour(String host, String tileId, long hour) {
            return new GpuHour(host, tileId, Instant.ofEpochMilli(hour), observedMs, idleHeldMs, utilPctMs,
                    memUsedMibMs, memTotalMib);
        }
    }
}
