package io.watchfloor.usage.report;

import io.watchfloor.usage.CostLine;
import io.watchfloor.usage.EndpointUsage;
import io.watchfloor.usage.OptimisationHint;
import io.watchfloor.usage.OptimisationHint.Figure;
import io.watchfloor.usage.OptimisationHint.Kind;
import io.watchfloor.usage.UsageFigures;
import io.watchfloor.usage.ledger.GpuHour;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The monthly review's optimisation hints, each with the figures behind it. */
final class Hints {
    /** A GPU held idle a full day over the month is worth a look at any size of fleet. */
    static final double IDLE_TOTAL_HOURS = 24;
    /** Six idle hours in a row is more than a night's lull between batch jobs: memory is held by something stuck. */
    static final int IDLE_STRETCH_HOURS = 6;
    /** An hour counts towards a stretch when nearly all of its observed time was idle-held (short jobs allowed). */
    static final double IDLE_HOUR_SHARE = 0.9;
    /** Below 2 % throttled, retries absorb it; above, users notice slow or failed calls. */
    static final double THROTTLE_PCT = 2.0;
    /** With fewer throttles the percentage rests on too few requests to suggest buying quota. */
    static final double THROTTLE_MIN_COUNT = 100;
    /** A 20 % slower tail is beyond month-to-month noise of provider-reported percentiles... */
    static final double LATENCY_RISE_RATIO = 1.2;
    /** ...and at least 50 ms, so a fast endpoint going from 40 to 50 ms is not flagged. */
    static final double LATENCY_RISE_MS = 50;

    private static final double MILLIS_PER_HOUR = 3_600_000.0;
    private static final double MIB_PER_GIB = 1024.0;

    private Hints() {
    }

    static List<OptimisationHint> compute(List<EndpointUsage> endpoints, List<GpuHour> gpuHours,
                                          List<CostLine> hostCost) {
        List<OptimisationHint> out = new ArrayList<>(idleGpus(gpuHours, hostCost));
        for (EndpointUsage e : endpoints) {
            OptimisationHint t = throttling(e);
            if (t != null) {
                out.add(t);
            }
            OptimisationHint l = latency(e);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    static List<OptimisationHint> idleGpus(List<GpuHour> gpuHours, List<CostLine> hostCost) {
        Map<String, List<GpuHour>> byTile = new LinkedHashMap<>();
        gpuHours.stream().sorted(Comparator.comparing(GpuHour::tileId).thenComparing(GpuHour::hour))
                .forEach(g -> byTile.computeIfAbsent(g.tileId(), t -> new ArrayList<>()).add(g));
        Map<String, Double> observedPerHost = new LinkedHashMap<>();
        gpuHours.forEach(g -> observedPerHost.merge(g.host(), (double) g.observedMillis(), Double::sum));
        List<OptimisationHint> out = new ArrayList<>();
        for (Map.Entry<String, List<GpuHour>> e : byTile.entrySet()) {
            OptimisationHint h = idleGpu(e.getKey(), e.getValue(), hostCost, observedPerHost);
            if (h != null) {
                out.add(h);
            }
        }
        return out;
    }

    private static OptimisationHint idleGpu(String tile, List<GpuHour> hours, List<CostLine> hostCost,
                                            Map<String, Double> observedPerHost) {
        double idle = 0;
        double observed = 0;
        double util = 0;
        double mem = 0;
        int longest = 0;
        int run = 0;
        GpuHour prev = null;
        for (GpuHour g : hours) {
            idle += g.idleHeldMillis();
            observed += g.observedMillis();
            util += g.utilPctMillis();
            mem += g.memUsedMibMillis();
            boolean idleHour = g.observedMillis() > 0 && g.idleHeldMillis() >= IDLE_HOUR_SHARE * g.observedMillis();
            boolean follows = prev != null && prev.hour().plusSeconds(3600).equals(g.hour());
            run = idleHour ? (follows ? run + 1 : 1) : 0;
            longest = Math.max(longest, run);
            prev = g;
        }
        double idleHours = idle / MILLIS_PER_HOUR;
        if (idleHours < IDLE_TOTAL_HOURS && longest < IDLE_STRETCH_HOURS) {
            return null;
        }
        double meanUtil = observed > 0 ? util / observed : 0;
        double meanGib = observed > 0 ? mem / observed / MIB_PER_GIB : 0;
        List<Figure> figures = new ArrayList<>(List.of(
                new Figure("idle-held hours", fmt("%.1f h", idleHours)),
                new Figure("longest idle stretch", longest + " h"),
                new Figure("mean utilisation", fmt("%.1f %%", meanUtil)),
                new Figure("mean memory held", fmt("%.1f GiB", meanGib))));
        String host = hours.get(0).host();
        String share = costShare(host, idle, hostCost, observedPerHost.getOrDefault(host, 0.0));
        if (share != null) {
            figures.add(new Figure("instance-hour cost of the idle time", share));
        }
        String text = fmt("%s held %.1f GiB while under 5 %% busy for %.0f h (longest stretch %d h)", tile, meanGib,
                idleHours, longest);
        return new OptimisationHint(Kind.IDLE_GPU, tile, text, figures);
    }

    /** The host's instance-hour cost in the proportion of this GPU's idle time to all its GPUs' observed time. */
    private static String costShare(String host, double idleMillis, List<CostLine> hostCost, double hostObserved) {
        List<CostLine> lines = hostCost.stream().filter(l -> l.subject().equals(host)).toList();
        if (lines.isEmpty() || hostObserved <= 0) {
            return null;
        }
        BigDecimal amount = lines.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal share = amount.multiply(BigDecimal.valueOf(idleMillis / hostObserved))
                .setScale(2, RoundingMode.HALF_EVEN);
        return lines.get(0).currency() + " " + share.toPlainString();
    }

    static OptimisationHint throttling(EndpointUsage e) {
        UsageFigures u = e.usage();
        Double pct = u.throttlePct();
        if (pct == null || pct < THROTTLE_PCT || u.throttles() < THROTTLE_MIN_COUNT) {
            return null;
        }
        Double prevPct = e.previous() == null ? null : e.previous().throttlePct();
        String text = fmt("%s: %.1f %% of requests were throttled (%,.0f of %,.0f); more quota or spreading the load"
                + " would avoid it", e.endpointId(), pct, u.throttles(), u.requests());
        return new OptimisationHint(Kind.HIGH_THROTTLING, e.endpointId(), text, List.of(
                new Figure("throttled", fmt("%,.0f", u.throttles())),
                new Figure("requests", fmt("%,.0f", u.requests())),
                new Figure("throttled share", fmt("%.2f %%", pct)),
                new Figure("previous period", prevPct == null ? "no data" : fmt("%.2f %%", prevPct))));
    }

    static OptimisationHint latency(EndpointUsage e) {
        if (e.previous() == null) {
            return null;
        }
        UsageFigures now = e.usage();
        UsageFigures before = e.previous();
        String label;
        Double cur;
        Double prev;
        if (now.p95Ms() != null && before.p95Ms() != null) {
            label = "p95";
            cur = now.p95Ms();
            prev = before.p95Ms();
        } else if (now.p95Ms() == null && before.p95Ms() == null && now.avgMs() != null && before.avgMs() != null) {
            label = "average";
            cur = now.avgMs();
            prev = before.avgMs();
        } else {
            return null;
        }
        double rise = cur - prev;
        if (prev <= 0 || rise < LATENCY_RISE_MS || cur < prev * LATENCY_RISE_RATIO) {
            return null;
        }
        String text = fmt("%s: latency %s rose from %.0f ms to %.0f ms (+%.0f %%) against the previous period",
                e.endpointId(), label, prev, cur, 100 * rise / prev);
        return new OptimisationHint(Kind.LATENCY_REGRESSION, e.endpointId(), text, List.of(
                new Figure("previous " + label, fmt("%.0f ms", prev)),
                new Figure(label, fmt("%.0f ms", cur)),
                new Figure("change", fmt("+%.0f ms (+%.0f %%)", rise, 100 * rise / prev))));
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
