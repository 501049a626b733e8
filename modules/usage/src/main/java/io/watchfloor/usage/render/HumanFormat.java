package io.watchfloor.usage.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers as a reader of the PDF and HTML reports wants them: "1,234,567", "12.3 %", "3 h 12 m", "USD 1,234.56".
 * Always English grouping, whatever the machine's locale, so a report reads the same wherever it was made. Missing
 * values are an em dash, never 0.
 */
final class HumanFormat {
    static final String MISSING = "—";

    private HumanFormat() {
    }

    private static DecimalFormat pattern(String p) {
        return new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    }

    /** A count, rounded to a whole number: "1,234,567". */
    static String count(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        return pattern("#,##0").format(Math.round(value));
    }

    /** A percentage with one decimal: "12.3 %"; null is missing. */
    static String pct(Double value) {
        return value == null || value.isNaN() ? MISSING : pattern("#,##0.0").format(value) + " %";
    }

    /** An uptime percentage keeps two decimals, since 99.9 and 99.95 are different promises. */
    static String uptime(Double value) {
        return value == null || value.isNaN() ? MISSING : pattern("0.00").format(value) + " %";
    }

    static String ms(Double value) {
        if (value == null || value.isNaN()) {
            return MISSING;
        }
        return value >= 10_000 ? pattern("#,##0.0").format(value / 1000) + " s" : pattern("#,##0").format(value) + " ms";
    }

    /** A duration from seconds: "0 m", "45 s", "12 m", "3 h 12 m", "2 d 4 h". */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return MISSING;
        }
        long s = Math.round(seconds);
        if (s == 0) {
            return "0 m";
        }
        if (s < 60) {
            return s + " s";
        }
        long minutes = Math.round(seconds / 60.0);
        long d = minutes / (24 * 60);
        long h = (minutes % (24 * 60)) / 60;
        long m = minutes % 60;
        if (d > 0) {
            return h > 0 ? d + " d " + h + " h" : d + " d";
        }
        if (h > 0) {
            return m > 0 ? h + " h " + m + " m" : h + " h";
        }
        return m + " m";
    }

    static String money(String currency, BigDecimal amount) {
        if (amount == null) {
            return MISSING;
        }
        return currency + " " + pattern("#,##0.00").format(amount.setScale(2, RoundingMode.HALF_EVEN));
    }

    static String unitPrice(String currency, BigDecimal price) {
        if (price == null) {
            return MISSING;
        }
        return currency + " " + price.stripTrailingZeros().toPlainString();
    }

    /** A quantity with up to two decimals ("1,234.5"), for hours and token counts in cost lines. */
    static String quantity(double value) {
        return pattern("#,##0.##").format(value);
    }

    /** The change of {@code current} against {@code previous}: "+12.3 %", "−4.0 %", "new", or missing. */
    static String change(double current, Double previous) {
        if (previous == null || previous.isNaN() || Double.isNaN(current)) {
            return MISSING;
        }
        if (previous == 0) {
            return current == 0 ? "0.0 %" : "new";
        }
        return signed(100.0 * (current - previous) / previous) + " %";
    }

    /** The change between two percentages, in percentage points: "+0.4 pp". */
    static String changePoints(Double current, Double previous) {
        if (current == null || previous == null) {
            return MISSING;
        }
        return signed(current - previous) + " pp";
    }

    private static String signed(double v) {
        String s = pattern("#,##0.0").format(Math.abs(v));
        if (s.equals("0.0")) {
            return s;
        }
        return (v > 0 ? "+" : "−") + s;
    }

    static String dateTime(Instant at, ZoneId zone) {
        if (at == null) {
            return MISSING;
        }
        return DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).format(at.atZone(zone));
    }

    static String dateTimeWithZone(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofPattern("d MMM yyyy HH:mm z", Locale.ENGLISH).format(at.atZone(zone));
    }
}
