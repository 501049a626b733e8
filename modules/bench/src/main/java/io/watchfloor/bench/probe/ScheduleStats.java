package io.watchfloor.bench.probe;

import io.watchfloor.bench.probe.FloorPlan.Kind;
import io.watchfloor.bench.probe.TimedProbe.Outcome;
import io.watchfloor.bench.probe.TimedProbe.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stopwatches of a run say about the schedule. Two views of each poll after a probe's first:
 * <ul>
 *   <li><b>drift</b>: its start minus (the previous start + interval): how far the probe is from "every 30 s".
 *       The engine plans the next poll one interval after the previous one <i>started</i> (fixed rate), so drift is
 *       the engine's own delay (scheduler, probe-lane queue), plus, only when an answer took longer than the
 *       interval, the overrun;</li>
 *   <li><b>lateness</b>: its start minus (the previous answer + interval): negative by the previous poll's duration
 *       under a fixed rate (kept to compare with a fixed-delay engine, where it is the engine's own delay).</li>
 * </ul>
 * First polls are staggered by the engine and reported apart, as the time from {@code start()} to each first poll.
 * Drift, lateness and durations by kind cover the steady part: polls whose predecessor, too, started after the
 * warm-up (a poll's drift holds the previous poll's duration, and the first round's polls are lengthened by the
 * first HTTP client, TLS setup and JIT). {@code driftWholeRun} has every poll. Only polls started before the end
 * of the run count.
 */
record ScheduleStats(long started, Map<Kind, Integer> startedByKind, Map<Kind, Integer> probesByKind, Dist firstRound,
                     Dist driftWholeRun, Map<Kind, Dist> drift, Dist driftAll, Map<Kind, Dist> lateness,
                     Dist latenessAll,
                     Map<Kind, Dist> duration, Map<Kind, Dist> phaseWalk, List<Minute> minutes,
                     Map<Outcome, Map<String, Integer>> outcomes) {

    /** Distribution in milliseconds (nearest-rank percentiles). */
    record Dist(int n, double p50, double p99, double max, double min) {
        static Dist of(List<Long> nanos) {
            if (nanos.isEmpty()) {
                return new Dist(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] s = nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(s);
            return new Dist(s.length, rank(s, 0.50), rank(s, 0.99), s[s.length - 1] / 1e6, s[0] / 1e6);
        }

        private static double rank(long[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    /** One minute of the run (by poll start): is the schedule holding, or does drift grow? */
    record Minute(int index, int polls, Dist drift, Dist lateness) {
    }

    static ScheduleStats of(List<TimedProbe> probes, long startNanos, long steadyNanos, long endNanos,
                            Duration interval) {
        long iv = interval.toNanos();
        Map<Kind, Integer> started = new EnumMap<>(Kind.class);
        Map<Kind, Integer> probesByKind = new EnumMap<>(Kind.class);
        Map<Kind, List<Long>> drift = new EnumMap<>(Kind.class);
        Map<Kind, List<Long>> late = new EnumMap<>(Kind.class);
        Map<Kind, List<Long>> dur = new EnumMap<>(Kind.class);
        Map<Kind, List<Long>> walk = new EnumMap<>(Kind.class);
        List<Long> first = new ArrayList<>();
        List<Long> driftAll = new ArrayList<>();
        List<Long> lateAll = new ArrayList<>();
        List<Long> wholeRun = new ArrayList<>();
        TreeMap<Integer, List<long[]>> byMinute = new TreeMap<>();
        Map<Outcome, Map<String, Integer>> outcomes = new EnumMap<>(Outcome.class);
        long total = 0;
        for (TimedProbe probe : probes) {
            Kind kind = probe.kind();
            probesByKind.merge(kind, 1, Integer::sum);
            List<Poll> polls = probe.polls().stream().filter(p -> p.startNanos() < endNanos).toList();
            total += polls.size();
            started.merge(kind, polls.size(), Integer::sum);
            if (polls.isEmpty()) {
                continue;
            }
            first.add(polls.get(0).startNanos() - startNanos);
            for (int k = 0; k < polls.size(); k++) {
                Poll p = polls.get(k);
                if (p.endNanos() <= endNanos) {
                    if (p.startNanos() >= steadyNanos) {
                        dur.computeIfAbsent(kind, x -> new ArrayList<>()).add(p.nanos());
                    }
                    outcomes.computeIfAbsent(p.outcome(), x -> new TreeMap<>())
                            .merge(p.text() == null ? "(no text)" : p.text(), 1, Integer::sum);
                }
                if (k == 0) {
                    continue;
                }
                Poll prev = polls.get(k - 1);
                long d = p.startNanos() - (prev.startNanos() + iv);
                long l = p.startNanos() - (prev.endNanos() + iv);
                wholeRun.add(d);
                if (prev.startNanos() >= steadyNanos) {
                    drift.computeIfAbsent(kind, x -> new ArrayList<>()).add(d);
                    late.computeIfAbsent(kind, x -> new ArrayList<>()).add(l);
                    driftAll.add(d);
                    lateAll.add(l);
                }
                int minute = (int) ((p.startNanos() - startNanos) / 60_000_000_000L);
                byMinute.computeIfAbsent(minute, x -> new ArrayList<>()).add(new long[] {d, l});
            }
            Poll firstPoll = polls.get(0);
            Poll last = polls.get(polls.size() - 1);
            // how far behind a perfect every-interval timetable (anchored at its first poll) the probe ended up
            walk.computeIfAbsent(kind, x -> new ArrayList<>())
                    .add(last.startNanos() - firstPoll.startNanos() - (polls.size() - 1) * iv);
        }
        List<Minute> minutes = new ArrayList<>();
        byMinute.forEach((m, rows) -> minutes.add(new Minute(m, rows.size(),
                Dist.of(rows.stream().map(r -> r[0]).toList()), Dist.of(rows.stream().map(r -> r[1]).toList()))));
        return new ScheduleStats(total, started, probesByKind, Dist.of(first), Dist.of(wholeRun), dists(drift),
                Dist.of(driftAll),
                dists(late), Dist.of(lateAll), dists(dur), dists(walk), minutes, outcomes);
    }

    private static Map<Kind, Dist> dists(Map<Kind, List<Long>> samples) {
        Map<Kind, Dist> out = new EnumMap<>(Kind.class);
        samples.forEach((k, v) -> out.put(k, Dist.of(v)));
        return out;
    }

    /** Polls that ended with this outcome, whatever the text. */
    int count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }
}
