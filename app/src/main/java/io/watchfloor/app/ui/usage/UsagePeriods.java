package io.watchfloor.app.ui.usage;

import io.watchfloor.config.CustomerConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Which days a report covers, in the calendar of the customer it is for. The Usage page and `watchfloor report`
 * choose windows the same way: by default the last complete week or month, stepped a period at a time.
 */
public final class UsagePeriods {
    private UsagePeriods() {
    }

    /**
     * The zone whose midnights bound the scope's weeks and months: the customer's; for an endpoint, its customer's
     * (named on the endpoint or listing it); UTC for an endpoint of no customer.
     */
    public static ZoneId zoneOf(WatchfloorConfig config, ReportScope scope) {
        CustomerConfig c = scope.kind() == ReportScope.Kind.CUSTOMER ? config.customer(scope.id())
                : config.customerOf(scope.id());
        return c == null ? ZoneOffset.UTC : c.zone();
    }

    /** The last week (Monday to Sunday) or calendar month that ended before {@code now}, in {@code zone}. */
    public static ReportWindow lastComplete(ReportKind kind, Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return kind == ReportKind.WEEKLY ? ReportWindow.week(today.minusWeeks(1), zone)
                : ReportWindow.month(YearMonth.from(today).minusMonths(1), zone);
    }

    /** The week or month of {@code kind} containing {@code day}. */
    public static ReportWindow containing(ReportKind kind, LocalDate day, ZoneId zone) {
        return kind == ReportKind.WEEKLY ? ReportWindow.week(day, zone) : ReportWindow.month(YearMonth.from(day), zone);
    }

    /** {@code window} moved by {@code periods} weeks or months (negative: back). */
    public static ReportWindow step(ReportKind kind, ReportWindow window, int periods) {
        return kind == ReportKind.WEEKLY
                ? ReportWindow.week(window.firstDay().plusWeeks(periods), window.zone())
                : ReportWindow.month(YearMonth.from(window.firstDay()).plusMonths(periods), window.zone());
    }

    /**
     * The window of the other kind an operator means when switching: the month the shown week begins in, or the
     * week of the shown month's last day up to today (never a week that has not begun).
     */
    public static ReportWindow switchKind(ReportKind to, ReportWindow from, Instant now) {
        if (to == ReportKind.MONTHLY) {
            return containing(to, from.firstDay(), from.zone());
        }
        LocalDate today = now.atZone(from.zone()).toLocalDate();
        LocalDate day = from.lastDay().isAfter(today) ? today : from.lastDay();
        return containing(to, day, from.zone());
    }

    /** True when the window has begun by {@code now} (later ones hold nothing yet: the page does not step there). */
    public static boolean begun(ReportWindow window, Instant now) {
        return !window.from().isAfter(now);
    }
}
