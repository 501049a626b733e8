package io.watchfloor.usage.report;

import io.watchfloor.usage.ledger.EndpointMinute;
import io.watchfloor.usage.ledger.GpuHour;
import io.watchfloor.usage.ledger.UsageHistory;
import io.watchfloor.usage.ledger.UsageSums;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The usage ledger in lists, summing the way the H2 ledger is specified to. */
final class FakeUsage implements UsageHistory {
    final List<EndpointMinute> minutes = new ArrayList<>();
    final List<GpuHour> gpuHours = new ArrayList<>();

    /** One minute with these counts and a p95 (null: none). */
    FakeUsage minute(String endpoint, Instant at, double requests, double tokensIn, double tokensOut, double errors,
                     double throttles, Double p95) {
        minutes.add(new EndpointMinute(endpoint, at, 60_000, requests, tokensIn, tokensOut, errors, throttles,
                0, 0, p95 == null ? 0 : p95 * requests, p95 == null ? 0 : requests, 0, 0));
        return this;
    }

    /** {@code count} consecutive quiet minutes with one request each from {@code from}. */
    FakeUsage quietMinutes(String endpoint, Instant from, int count) {
        for (int i = 0; i < count; i++) {
            minute(endpoint, from.plusSeconds(60L * i), 1, 0, 0, 0, 0, null);
        }
        return this;
    }

    FakeUsage gpu(String host, int index, Instant hour, long observedMillis, long idleHeldMillis, double utilPct,
                  double memMib) {
        gpuHours.add(new GpuHour(host, host + "/gpu" + index, hour, observedMillis, idleHeldMillis,
                utilPct * observedMillis, memMib * observedMillis, 81920));
        return this;
    }

    @Override
    public Map<String, UsageSums> totals(Collection<String> endpointIds, Instant from, Instant to) {
        Map<String, UsageSums> out = new HashMap<>();
        for (EndpointMinute m : in(endpointIds, from, to)) {
            out.merge(m.endpointId(), sums(m), UsageSums::plus);
        }
        return out;
    }

    @Override
    public NavigableMap<Long, UsageSums> steps(Collection<String> endpointIds, Instant from, Instant to,
                                               long stepMillis) {
        NavigableMap<Long, UsageSums> out = new TreeMap<>();
        for (EndpointMinute m : in(endpointIds, from, to)) {
            long step = from.toEpochMilli()
                    + (m.minute().toEpochMilli() - from.toEpochMilli()) / stepMillis * stepMillis;
            out.merge(step, sums(m), UsageSums::plus);
        }
        return out;
    }

    @Override
    public List<GpuHour> gpuHours(Collection<String> hosts, Instant from, Instant to) {
        return gpuHours.stream()
                .filter(g -> hosts.contains(g.host()) && !g.hour().isBefore(from) && g.hour().isBefore(to))
                .sorted(Comparator.comparing(GpuHour::tileId).thenComparing(GpuHour::hour))
                .toList();
    }

    private List<EndpointMinute> in(Collection<String> endpointIds, Instant from, Instant to) {
        return minutes.stream().filter(m -> endpointIds.contains(m.endpointId()) && !m.minute().isBefore(from)
                && m.minute().isBefore(to)).toList();
    }

    private static UsageSums sums(EndpointMinute m) {
        return new UsageSums(1, m.requests(), m.tokensIn(), m.tokensOut(), m.errors(), m.throttles(), m.p50Sum(),
                m.p50Weight(), m.p95Sum(), m.p95Weight(), m.avgSum(), m.avgWeight());
    }
}
