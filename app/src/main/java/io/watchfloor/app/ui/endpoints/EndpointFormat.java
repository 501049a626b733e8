package io.watchfloor.app.ui.endpoints;

import io.watchfloor.model.Ages;
import io.watchfloor.model.Metric;
import io.watchfloor.model.endpoint.EndpointState;
import io.watchfloor.model.endpoint.SlaFigures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Text of the endpoint screens. A figure the provider does not give shows as an en dash, never as 0; an average
 * latency always says "avg"; a spent error budget says SPENT (not only red).
 */
public final class EndpointFormat {
    public static final String NONE = "–";

    private EndpointFormat() {
    }

    /** "420", "1.2k". */
    public static String count(Double v) {
        if (v == null) {
            return NONE;
        }
        double a = Math.abs(v);
        if (a >= 999_500) {
            return trim(v / 1_000_000) + "M";
        }
        if (a >= 9_995) {
            return Math.round(v / 1000) + "k";
        }
        if (a >= 1000) {
            return trim(v / 1000) + "k";
        }
        return a >= 10 || v == Math.rint(v) ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** "7.2", "12", "0.0": one decimal below 10. */
    public static String pct(Double v) {
        if (v == null) {
            return NONE;
        }
        return Math.abs(v) < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(Math.round(v));
    }

    /** "640 ms", "6.2 s". */
    public static String millis(Double ms) {
        if (ms == null) {
            return NONE;
        }
        return ms < 1000 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    /** Errors column: "7.2 (1.1/6.1)", the total then 4xx/5xx; whatever the provider lacks is a dash. */
    public static String errors(EndpointState s) {
        Double all = s.value(Metric.ERROR_PCT);
        Double client = s.value(Metric.CLIENT_ERROR_PCT);
        Double server = s.value(Metric.SERVER_ERROR_PCT);
        if (all == null && client == null && server == null) {
            return NONE;
        }
        if (client == null && server == null) {
            return pct(all);
        }
        return pct(all) + " (" + pct(client) + "/" + pct(server) + ")";
    }

    /** Latency column: "240 / 880" (p50 / p95 ms), or "avg 2389" where the provider gives only an average. */
    public static String latency(EndpointState s) {
        if (s.latencyIsAverage()) {
            return "avg " + Math.round(s.value(Metric.AVG_MS));
        }
        Double p50 = s.value(Metric.P50_MS);
        Double p95 = s.value(Metric.P95_MS);
        if (p50 == null && p95 == null) {
            return NONE;
        }
        return (p50 == null ? NONE : String.valueOf(Math.round(p50))) + " / " + (p95 == null ? NONE : String.valueOf(Math.round(p95)));
    }

    /** The wall tile's latency: "p95 880 ms", "avg 2.4 s". */
    public static String shortLatency(EndpointState s) {
        Double v = s.latencyMs();
        if (v == null) {
            return "p95 " + NONE;
        }
        return (s.latencyIsAverage() || s.value(Metric.P95_MS) == null ? "avg " : "p95 ") + millis(v);
    }

    /** Tokens column: "354k / 77k" (in / out per minute). */
    public static String tokens(EndpointState s) {
        Double in = s.value(Metric.TOKENS_IN_PM);
        Double out = s.value(Metric.TOKENS_OUT_PM);
        if (in == null && out == null) {
            return NONE;
        }
        return count(in) + " / " + count(out);
    }

    /** Probe column: "47 ms · 200 OK · 2 models"; "not probed" without a probe. */
    public static String probe(EndpointState s) {
        Double ms = s.value(Metric.PROBE_MS);
        String outcome = s.probeOutcome();
        if (ms == null && outcome == null && s.value(Metric.PROBE_UP) == null) {
            return "not probed";
        }
        StringBuilder sb = new StringBuilder();
        if (ms != null) {
            sb.append(millis(ms));
        }
        if (outcome != null && !outcome.isBlank()) {
            if (!sb.isEmpty()) {
                sb.append(" · ");
            }
            sb.append(outcome);
        }
        return sb.isEmpty() ? NONE : sb.toString();
    }

    /** "41 d", "EXPIRED"; a dash for plain HTTP or no probe. */
    public static String tls(Double days) {
        if (days == null) {
            return NONE;
        }
        return days < 0 ? "EXPIRED" : (long) Math.floor(days) + " d";
    }

    public static String age(Double seconds) {
        return seconds == null ? NONE : Ages.format(seconds);
    }

    /**
     * Uptime rounded down, so 99.996% never shows as a promise-keeping "100.00%": "99.82%".
     */
    public static String uptime(Double pct) {
        if (pct == null) {
            return NONE;
        }
        if (pct >= 100) {
            return "100%";
        }
        return new BigDecimal(pct).setScale(2, RoundingMode.FLOOR).toPlainString() + "%";
    }

    /** Error budget left: "2h 41m", or "SPENT −12m 05s" once overspent. */
    public static String budget(SlaFigures f) {
        if (f == null || f.uptimePct() == null) {
            return NONE;
        }
        double left = f.budgetLeftSeconds();
        return left <= 0 ? "SPENT −" + Ages.format(-left) : Ages.format(left);
    }

    public static boolean spent(SlaFigures f) {
        return f != null && f.uptimePct() != null && f.budgetLeftSeconds() <= 0;
    }

    /** "0.4×", "12×". */
    public static String burn(Double rate) {
        if (rate == null) {
            return NONE;
        }
        return (rate < 10 ? String.format(Locale.ROOT, "%.1f", rate) : String.valueOf(Math.round(rate))) + "×";
    }

    /** A duration in seconds: "0s", "12m 05s", "3h 12m". */
    public static String duration(double seconds) {
        return Ages.format(seconds);
    }
}
