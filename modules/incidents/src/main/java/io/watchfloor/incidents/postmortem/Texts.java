package io.watchfloor.incidents.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How times and durations read in the postmortem: UTC to the second, durations in words a person says. */
final class Texts {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Texts() {
    }

    /** "2026-11-23 06:35:17" (UTC; the caller says so in the column header or after it). */
    static String time(Instant at) {
        return at == null ? "" : UTC.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** "2026-11-23 06:35:17 UTC". */
    static String timeUtc(Instant at) {
        return time(at) + " UTC";
    }

    /**
     * "45 s", "12 min 30 s", "2 h 5 min", "3 d 4 h": seconds only below an hour, minutes only below a day, where
     * they still matter to the reader. The sign is dropped: callers say "late" or "ago".
     */
    static String duration(Duration d) {
        long s = Math.abs(d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (s < 60) {
            return seconds + " s";
        }
        if (s < 3_600) {
            return minutes + " min" + (seconds > 0 ? " " + seconds + " s" : "");
        }
        if (s < 86_400) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }

    /** Seconds as minutes with one decimal: "12.5". */
    static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds / 60.0);
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
