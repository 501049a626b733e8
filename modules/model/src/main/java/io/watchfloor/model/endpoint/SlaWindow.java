package io.watchfloor.model.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The windows SLA figures are kept for. The calendar month is the one in the configured zone (UTC by default). */
public enum SlaWindow {
    LAST_24H("24h", Duration.ofHours(24)),
    LAST_7D("7d", Duration.ofDays(7)),
    LAST_30D("30d", Duration.ofDays(30)),
    MONTH("month", null),
    LAST_90D("90d", Duration.ofDays(90));

    private final String wireName;
    private final Duration length;

    SlaWindow(String wireName, Duration length) {
        this.wireName = wireName;
        this.length = length;
    }

    public String wireName() {
        return wireName;
    }

    /** Start of the window ending at {@code now}; for MONTH the first instant of the current calendar month. */
    public Instant start(Instant now, ZoneId zone) {
        if (length != null) {
            return now.minus(length);
        }
        ZonedDateTime z = now.atZone(zone);
        return z.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
    }

    /**
     * How long the whole period is, for the error budget: the window's length, and for MONTH the full calendar month
     * that {@code now} is in (its budget is for the month, not for the days gone so far).
     */
    public double periodSeconds(Instant now, ZoneId zone) {
        if (length != null) {
            return length.toSeconds();
        }
        ZonedDateTime first = now.atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        return Duration.between(first, first.plusMonths(1)).toSeconds();
    }

    public static SlaWindow fromWireName(String name) {
        for (SlaWindow w : values()) {
            if (w.wireName.equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown SLA window \"" + name + "\"; expected 24h, 7d, 30d, month or 90d");
    }
}
