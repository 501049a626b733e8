package io.watchfloor.usage.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Which parts of a read over [from, to), in steps of {@code step} from {@code from}, come from usage_hours and
 * which from usage_minutes. An hour comes from usage_hours when it lies inside the window and inside one step;
 * the rest (a window starting at :30, the current hour, an hour that a 90-minute step cuts) is read from minutes,
 * in as few ranges as possible. Totals are one step as long as the window.
 */
final class ReadPlan {
    static final long HOUR_MS = LiveUsage.HOUR_MS;

    final long from;
    final long to;
    final long step;
    /** Hour rows in [hoursFrom, hoursTo) are candidates; empty when the window holds no whole hour. */
    final long hoursFrom;
    final long hoursTo;
    /** [start, end) ranges of minutes to read, in order, not touching each other. */
    final List<long[]> minuteRanges = new ArrayList<>();

    private ReadPlan(long from, long to, long step) {
        this.from = from;
        this.to = to;
        this.step = step;
        long firstHour = Math.floorDiv(from + HOUR_MS - 1, HOUR_MS) * HOUR_MS;
        long lastHourEnd = Math.floorDiv(to, HOUR_MS) * HOUR_MS;
        if (firstHour >= lastHourEnd) {
            hoursFrom = hoursTo = firstHour;
            addMinutes(from, to);
            return;
        }
        hoursFrom = firstHour;
        hoursTo = lastHourEnd;
        addMinutes(from, firstHour);
        for (long h = firstHour; h < lastHourEnd; h += HOUR_MS) {
            if (!withinOneStep(h)) {
                addMinutes(h, h + HOUR_MS);
            }
        }
        addMinutes(lastHourEnd, to);
    }

    /** The whole window as one step (totals). */
    static ReadPlan totals(long from, long to) {
        return new ReadPlan(from, to, to - from);
    }

    static ReadPlan steps(long from, long to, long step) {
        return new ReadPlan(from, to, step);
    }

    boolean hasHours() {
        return hoursFrom < hoursTo;
    }

    /** Whether the hour starting at {@code hour} is read from usage_hours (else its minutes are). */
    boolean fromHours(long hour) {
        return hour >= hoursFrom && hour < hoursTo && withinOneStep(hour);
    }

    /** The step that a row starting at {@code start} (inside the window) adds to. */
    long stepIndex(long start) {
        return (start - from) / step;
    }

    private boolean withinOneStep(long hour) {
        return stepIndex(hour) == stepIndex(hour + HOUR_MS - 1);
    }

    private void addMinutes(long start, long end) {
        if (start >= end) {
            return;
        }
        if (!minuteRanges.isEmpty() && minuteRanges.get(minuteRanges.size() - 1)[1] == start) {
            minuteRanges.get(minuteRanges.size() - 1)[1] = end;
        } else {
            minuteRanges.add(new long[]{start, end});
        }
    }
}
