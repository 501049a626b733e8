package io.watchfloor.incidents;

import io.watchfloor.incidents.store.Columns;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What people type is checked here, before any transaction: empty or over-long text is refused with a sentence
 * that says which field and what is allowed (never an SQL error). Also the few time formats messages use.
 */
final class TextRules {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_HH_MM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY_HH_MM_SS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private TextRules() {
    }

    /** {@code text} stripped; refused when empty or longer than {@code max}. */
    static String required(String what, String text, int max) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw invalid(what + " is empty");
        }
        return fits(what, s, max);
    }

    /** {@code text} stripped, or null when empty; refused when longer than {@code max}. */
    static String optional(String what, String text, int max) {
        String s = text == null ? "" : text.strip();
        return s.isEmpty() ? null : fits(what, s, max);
    }

    /** {@code text} as written (a postmortem keeps its line breaks), "" for null; refused when too long. */
    static String longText(String what, String text, int max) {
        return fits(what, text == null ? "" : text, max);
    }

    private static String fits(String what, String s, int max) {
        if (s.length() > max) {
            throw invalid(what + " is too long (" + s.length() + " characters; at most " + max + ")");
        }
        return s;
    }

    /** Timeline text is made by us from bounded parts; the cut only guards the column. */
    static String entryText(String text) {
        return Columns.cut(text, Columns.ENTRY_TEXT);
    }

    static IncidentException invalid(String message) {
        return new IncidentException(IncidentException.Kind.INVALID, message);
    }

    /** "14:02" when {@code t} is on the same day as {@code now} in {@code zone}, else "2026-11-22 14:02". */
    static String time(Instant t, Instant now, ZoneId zone) {
        LocalDate day = t.atZone(zone).toLocalDate();
        return (day.equals(now.atZone(zone).toLocalDate()) ? HH_MM : DAY_HH_MM).format(t.atZone(zone));
    }

    /** As {@link #time}, to the second: when an alert started ("14:02:10"). */
    static String timeToSecond(Instant t, Instant now, ZoneId zone) {
        LocalDate day = t.atZone(zone).toLocalDate();
        return (day.equals(now.atZone(zone).toLocalDate()) ? HH_MM_SS : DAY_HH_MM_SS).format(t.atZone(zone));
    }

    /** "15m", "1h", "1h 30m", "1d", "45s". */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        StringBuilder out = new StringBuilder();
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(out.isEmpty() ? "" : " ").append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(out.isEmpty() ? "" : " ").append(minutes).append('m');
        }
        return out.toString();
    }
}
