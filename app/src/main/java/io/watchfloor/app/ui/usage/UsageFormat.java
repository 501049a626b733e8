package io.watchfloor.app.ui.usage;

import io.watchfloor.usage.SlaSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/** How the Usage page writes its figures; a missing figure is an em dash, never 0. */
public final class UsageFormat {
    static final String NONE = "—";

    private UsageFormat() {
    }

    /** 950, 12.3 k, 4.56 M, 1.20 G: counts are estimates, three figures are all they hold. */
    public static String count(double v) {
        double a = Math.abs(v);
        // thresholds just under 1000, 100 and 10: 999.6 M rounds to "1.00 G", never to "1000 M"
        if (a < 999.5) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String[] units = {" k", " M", " G", " T"};
        int u = -1;
        while (a >= 999.5 && u < units.length - 1) {
            a /= 1_000;
            v /= 1_000;
            u++;
        }
        return String.format(Locale.ROOT, a >= 99.95 ? "%.0f%s" : a >= 9.995 ? "%.1f%s" : "%.2f%s", v, units[u]);
    }

    public static String pct(Double v) {
        if (v == null) {
            return NONE;
        }
        return String.format(Locale.ROOT, v != 0 && Math.abs(v) < 0.1 ? "%.3f %%" : "%.2f %%", v);
    }

    public static String ms(Double v) {
        return v == null ? NONE : String.format(Locale.ROOT, v >= 10_000 ? "%.1f s" : "%.0f ms",
                v >= 10_000 ? v / 1000 : v);
    }

    /** "▲ 12 %", "▼ 3 %", "± 0 %"; null when there is nothing to compare with. */
    public static String change(Double now, Double before) {
        if (now == null || before == null || before == 0) {
            return null;
        }
        double pct = 100.0 * (now - before) / Math.abs(before);
        return arrow(pct) + String.format(Locale.ROOT, Math.abs(pct) < 10 ? "%.1f %%" : "%.0f %%", Math.abs(pct));
    }

    /** A change of a percentage in percentage points: "▲ 0.40 pp". */
    public static String changePoints(Double now, Double before) {
        if (now == null || before == null) {
            return null;
        }
        double pp = now - before;
        return arrow(pp) + String.format(Locale.ROOT, "%.2f pp", Math.abs(pp));
    }

    private static String arrow(double delta) {
        return Math.abs(delta) < 0.005 ? "± " : delta > 0 ? "▲ " : "▼ ";
    }

    /** "1,234.50 USD"; several currencies one after the other; a dash when nothing is priced. */
    public static String money(Map<String, BigDecimal> byCurrency) {
        if (byCurrency.isEmpty()) {
            return NONE;
        }
        StringBuilder s = new StringBuilder();
        byCurrency.forEach((currency, amount) -> {
            if (!s.isEmpty()) {
                s.append(" + ");
            }
            s.append(String.format(Locale.ROOT, "%,.2f %s", amount.setScale(2, RoundingMode.HALF_EVEN), currency));
        });
        return s.toString();
    }

    /** 45 s, 12 min, 3.5 h. */
    public static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 2 * 3600) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /** Error budget used in percent of the budget; null without a budget. */
    public static Double budgetUsedPct(SlaSummary sla) {
        return sla == null || sla.budgetSeconds() <= 0 ? null : 100.0 * sla.budgetUsedSeconds() / sla.budgetSeconds();
    }
}
