package io.watchfloor.usage;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * A report's time range [from, to) in a zone. Calendar weeks (ISO: Monday to Sunday) and months start at midnight in
 * the zone, so a DST change makes a week 167 or 169 hours long, as the customer's calendar says.
 *
 * @param firstDay the first calendar day, in the zone
 * @param lastDay  the last calendar day (inclusive), in the zone
 * @param shape    how the window was chosen, which decides what "the previous period" is
 */
public record ReportWindow(LocalDate firstDay, LocalDate lastDay, ZoneId zone, Shape shape) {
    public enum Shape { WEEK, MONTH, DAYS }

    public ReportWindow {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(shape, "shape");
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("the window ends (" + lastDay + ") before it starts (" + firstDay + ")");
        }
    }

    /** The ISO week (Monday to Sunday) that contains {@code day}. */
    public static ReportWindow week(LocalDate day, ZoneId zone) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportWindow(monday, monday.plusDays(6), zone, Shape.WEEK);
    }

    public static ReportWindow month(YearMonth month, ZoneId zone) {
        return new ReportWindow(month.atDay(1), month.atEndOfMonth(), zone, Shape.MONTH);
    }

    /**
     * The days from {@code first} to {@code last}, both included. A range that is exactly an ISO week or a calendar
     * month is taken as one, so its comparison is with the previous week or month.
     */
    public static ReportWindow days(LocalDate first, LocalDate last, ZoneId zone) {
        if (first.getDayOfWeek() == DayOfWeek.MONDAY && last.equals(first.plusDays(6))) {
            return week(first, zone);
        }
        if (first.getDayOfMonth() == 1 && last.equals(YearMonth.from(first).atEndOfMonth())) {
            return month(YearMonth.from(first), zone);
        }
        return new ReportWindow(first, last, zone, Shape.DAYS);
    }

    public Instant from() {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    /** The end, exclusive: midnight after the last day. */
    public Instant to() {
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public Duration length() {
        return Duration.between(from(), to());
    }

    public long days() {
        return lastDay.toEpochDay() - firstDay.toEpochDay() + 1;
    }

    /** The period before, for week-over-week and month-over-month: the previous week, month or as many days. */
    public ReportWindow previous() {
        return switch (shape) {
            case WEEK -> week(firstDay.minusWeeks(1), zone);
            case MONTH -> month(YearMonth.from(firstDay).minusMonths(1), zone);
            case DAYS -> new ReportWindow(firstDay.minusDays(days()), firstDay.minusDays(1), zone, Shape.DAYS);
        };
    }

    /** "Week 47, 2026 (17–23 Nov)", "November 2026", "1 Nov 2026 – 10 Nov 2026". */
    public String label() {
        DateTimeFormatter dayMonth = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
        DateTimeFormatter full = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
        return switch (shape) {
            case WEEK -> "Week " + firstDay.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR) + ", "
                    + firstDay.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) + " (" + firstDay.format(dayMonth)
                    + " – " + lastDay.format(dayMonth) + ")";
            case MONTH -> firstDay.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH));
            case DAYS -> firstDay.format(full) + " – " + lastDay.format(full);
        };
    }
}
