package io.watchfloor.model.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SLA figures from availability segments, as {@link SlaFigures} defines them. Pure: no clock, no I/O.
 *
 * <p>A window is [start, now): segments and maintenance are clipped to it, so the open segment's projected end
 * (its last observation is valid into the future) never counts. Time in a maintenance window that applies to the
 * endpoint is taken out first, whatever the segments say there; overlapping windows count once. What is left is
 * up, down, or unknown (covered by no segment, or by an UNKNOWN segment), so
 * up + down + unknown + maintenance = the window's length, to the nanosecond.
 *
 * <p>Segments are expected not to overlap (the cache's ledger never writes overlapping ones); where they do, the
 * one that starts first keeps the shared time, so nothing is counted twice.
 */
public final class SlaCalculator {
    private static final double NANOS_PER_SECOND = 1e9;

    private SlaCalculator() {
    }

    /** The figures of one window ending at {@code now}. */
    public static SlaFigures compute(String endpointId, List<AvailabilitySegment> segments,
                                     List<MaintenanceWindow> maintenance, SlaWindow window, Instant now, ZoneId zone,
                                     double targetPct) {
        Objects.requireNonNull(window, "window");
        return compute(endpointId, segments, maintenance, EnumSet.of(window), now, zone, targetPct).get(window);
    }

    /**
     * The figures of every {@link SlaWindow}, in one pass over the segments. Pass the segments since
     * {@link #earliestStart}: what lies before it is ignored.
     */
    public static Map<SlaWindow, SlaFigures> computeAll(String endpointId, List<AvailabilitySegment> segments,
                                                        List<MaintenanceWindow> maintenance, Instant now,
                                                        ZoneId zone, double targetPct) {
        return compute(endpointId, segments, maintenance, EnumSet.allOf(SlaWindow.class), now, zone, targetPct);
    }

    /** Where the longest window ending at {@code now} starts: the history {@link #computeAll} needs. */
    public static Instant earliestStart(Instant now, ZoneId zone) {
        Instant lo = now;
        for (SlaWindow w : SlaWindow.values()) {
            Instant s = w.start(now, zone);
            if (s.isBefore(lo)) {
                lo = s;
            }
        }
        return lo;
    }

    /** @throws IllegalArgumentException unless 0 < target <= 100 */
    public static void checkTarget(double targetPct) {
        if (!(targetPct > 0 && targetPct <= 100)) {
            throw new IllegalArgumentException("SLA target must be above 0 and at most 100 %, was " + targetPct);
        }
    }

    private static Map<SlaWindow, SlaFigures> compute(String endpointId, List<AvailabilitySegment> segments,
                                                      List<MaintenanceWindow> maintenance, Set<SlaWindow> windows,
                                                      Instant now, ZoneId zone, double targetPct) {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        checkTarget(targetPct);

        Map<SlaWindow, Instant> starts = new EnumMap<>(SlaWindow.class);
        Instant lo = now;
        for (SlaWindow w : windows) {
            Instant s = w.start(now, zone);
            s = s.isAfter(now) ? now : s;
            starts.put(w, s);
            lo = s.isBefore(lo) ? s : lo;
        }
        // every time below is nanoseconds since lo; at most 90 days, far inside a long
        Timeline t = new Timeline(lo, now);
        List<long[]> maint = t.mergedMaintenance(endpointId, maintenance);
        List<Piece> measured = Timeline.subtract(t.measuredPieces(endpointId, segments), maint);

        Map<SlaWindow, SlaFigures> out = new EnumMap<>(SlaWindow.class);
        for (Map.Entry<SlaWindow, Instant> e : starts.entrySet()) {
            long ws = t.offset(e.getValue());
            long len = t.end() - ws;
            long up = 0;
            long down = 0;
            for (Piece p : measured) {
                long overlap = p.to - Math.max(p.from, ws);
                if (overlap > 0) {
                    if (p.state == Availability.UP) {
                        up += overlap;
                    } else {
                        down += overlap;
                    }
                }
            }
            long inMaintenance = 0;
            for (long[] m : maint) {
                inMaintenance += Math.max(0, m[1] - Math.max(m[0], ws));
            }
            long unknown = len - inMaintenance - up - down;
            double period = e.getKey().periodSeconds(now, zone);
            out.put(e.getKey(), figures(e.getKey(), e.getValue(), now, targetPct, period, up, down, unknown,
                    inMaintenance));
        }
        return out;
    }

    private static SlaFigures figures(SlaWindow w, Instant from, Instant to, double targetPct, double periodSeconds,
                                      long up, long down, long unknown, long maintenance) {
        long measured = up + down;
        double measuredSeconds = seconds(measured);
        double downSeconds = seconds(down);
        // (100 - target) / 100 rather than 1 - target / 100: 0.005 exactly-rounded for 99.5, not 0.0050000000000000044
        double allowedShare = (100 - targetPct) / 100;
        // The budget is what the target allows over the whole period (a calendar month: all of it, so "3 h 36 m this
        // month" at 99.5 %), less planned maintenance; unknown time is not charged, so it does not shrink it either.
        double budget = allowedShare * Math.max(0, periodSeconds - seconds(maintenance));
        Double uptimePct = null;
        Double burnRate = null;
        if (measured > 0) {
            uptimePct = 100.0 * up / measured;
            double downShare = (double) down / measured;
            if (allowedShare > 0) {
                burnRate = downShare / allowedShare;
            } else {
                // a 100 % target allows nothing: any downtime burns an empty budget infinitely fast
                burnRate = down > 0 ? Double.POSITIVE_INFINITY : 0.0;
            }
        }
        return new SlaFigures(w, from, to, targetPct, seconds(up), downSeconds, seconds(unknown), seconds(maintenance),
                uptimePct, budget, budget - downSeconds, burnRate);
    }

    private static double seconds(long nanos) {
        return nanos / NANOS_PER_SECOND;
    }

    /** A disjoint stretch [from, to) of one state, in nanoseconds since the timeline's start. */
    private record Piece(Availability state, long from, long to) {
    }

    /** [lo, hi) as nanosecond offsets; instants outside it are clamped. */
    private static final class Timeline {
        private final Instant lo;
        private final Instant hi;
        private final long end;

        Timeline(Instant lo, Instant hi) {
            this.lo = lo;
            this.hi = hi;
            this.end = Duration.between(lo, hi).toNanos();
        }

        long end() {
            return end;
        }

        long offset(Instant x) {
            if (!x.isAfter(lo)) {
                return 0;
            }
            if (!x.isBefore(hi)) {
                return end;
            }
            return Duration.between(lo, x).toNanos();
        }

        /** UP and DOWN segments of the endpoint clipped to the timeline, disjoint, in order. */
        List<Piece> measuredPieces(String endpointId, List<AvailabilitySegment> segments) {
            List<AvailabilitySegment> sorted = new ArrayList<>(segments.size());
            for (AvailabilitySegment s : segments) {
                if (s.endpointId().equals(endpointId)) {
                    sorted.add(s);
                }
            }
            sorted.sort(Comparator.comparing(AvailabilitySegment::from)); // stable: input order breaks ties
            List<Piece> out = new ArrayList<>(sorted.size());
            long cursor = 0; // time before it is taken by an earlier segment
            for (AvailabilitySegment s : sorted) {
                long from = Math.max(offset(s.from()), cursor);
                long to = offset(s.to());
                if (to <= from) {
                    continue;
                }
                cursor = to;
                if (s.state() != Availability.UNKNOWN) {
                    out.add(new Piece(s.state(), from, to));
                }
            }
            return out;
        }

        /** The maintenance windows of the endpoint clipped to the timeline, merged, as {from, to}, in order. */
        List<long[]> mergedMaintenance(String endpointId, List<MaintenanceWindow> maintenance) {
            List<long[]> clipped = new ArrayList<>();
            for (MaintenanceWindow m : maintenance) {
                if (m.appliesTo(endpointId)) {
                    long from = offset(m.from());
                    long to = offset(m.to());
                    if (to > from) {
                        clipped.add(new long[] {from, to});
                    }
                }
            }
            if (clipped.isEmpty()) {
                return Collections.emptyList();
            }
            clipped.sort(Comparator.comparingLong(a -> a[0]));
            List<long[]> merged = new ArrayList<>();
            long[] cur = clipped.get(0);
            for (int i = 1; i < clipped.size(); i++) {
                long[] next = clipped.get(i);
                if (next[0] <= cur[1]) {
                    cur = new long[] {cur[0], Math.max(cur[1], next[1])};
                } else {
                    merged.add(cur);
                    cur = next;
                }
            }
            merged.add(cur);
            return merged;
        }

        /** {@code pieces} minus the merged windows {@code cut}; both sorted and disjoint. */
        static List<Piece> subtract(List<Piece> pieces, List<long[]> cut) {
            if (cut.isEmpty()) {
                return pieces;
            }
            List<Piece> out = new ArrayList<>(pieces.size() + cut.size());
            int j = 0;
            for (Piece p : pieces) {
                while (j < cut.size() && cut.get(j)[1] <= p.from) {
                    j++;
                }
                long cur = p.from;
                for (int k = j; cur < p.to; k++) {
                    if (k >= cut.size() || cut.get(k)[0] >= p.to) {
                        out.add(new Piece(p.state, cur, p.to));
                        break;
                    }
                    long[] m = cut.get(k);
                    if (m[0] > cur) {
                        out.add(new Piece(p.state, cur, m[0]));
                    }
                    cur = Math.max(cur, m[1]);
                }
            }
            return out;
        }
    }
}
