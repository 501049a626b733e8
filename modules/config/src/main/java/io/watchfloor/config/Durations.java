package io.watchfloor.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in the config: "500ms", "5s", "10m", "1h", "7d", "1h30m". */
final class Durations {
    static final String EXPECTED = "expected a number with a unit such as 500ms, 5s, 10m, 1h, 7d";

    // "ms" must come before "m" so that "500ms" is not read as 500 minutes followed by junk.
    private static final Pattern PART = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Durations() {
    }

    static Duration parse(String text) {
        Duration duration = tryParse(text);
        if (duration == null) {
            throw new IllegalArgumentException(ScalarText.quote(String.valueOf(text)) + " is not a duration; " + EXPECTED);
        }
        return duration;
    }

    /** The duration, or null when the text is not one. */
    static Duration tryParse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int previousRank = Integer.MAX_VALUE;
        int at = 0;
        try {
            while (at < s.length()) {
                if (!m.region(at, s.length()).lookingAt()) {
                    return null;
                }
                int rank = rank(m.group(2));
                // Units must go from large to small, each once: "30m1h" and "1m1m" are more likely typos than intent.
                if (rank >= previousRank) {
                    return null;
                }
                previousRank = rank;
                total = total.plus(of(Long.parseLong(m.group(1)), m.group(2)));
                at = m.end();
            }
        } catch (ArithmeticException e) {
            return null;
        }
        return total;
    }

    /** The shortest text that {@link #parse} reads back as the same duration, e.g. "1h30m". */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        append(out, days, "d");
        append(out, d.toHoursPart(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        append(out, d.toMillisPart(), "ms");
        return out.isEmpty() ? d.toString() : out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "ms" -> 0;
            case "s" -> 1;
            case "m" -> 2;
            case "h" -> 3;
            default -> 4;
        };
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
