package io.watchfloor.usage.render;

import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import io.watchfloor.usage.UsageReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which trend charts a report shows (the same in the PDF and the HTML): traffic, tokens, latency. */
final class ReportCharts {
    private ReportCharts() {
    }

    record Chart(String title, List<TrendSeries> lines) {
    }

    static List<Chart> of(UsageReport r) {
        List<Chart> charts = new ArrayList<>();
        add(charts, "Requests", r.trend(TrendMetric.REQUESTS));
        add(charts, "Tokens", r.trend(TrendMetric.TOKENS_IN), r.trend(TrendMetric.TOKENS_OUT));
        add(charts, "Latency", r.trend(TrendMetric.P50_MS), r.trend(TrendMetric.P95_MS));
        add(charts, "GPU idle but held", r.trend(TrendMetric.GPU_IDLE_HELD_PCT));
        return charts;
    }

    /** A chart of the lines that exist and have at least one value. */
    private static void add(List<Chart> charts, String title, TrendSeries... lines) {
        List<TrendSeries> present = new ArrayList<>();
        for (TrendSeries s : lines) {
            if (s != null && hasValue(s)) {
                present.add(s);
            }
        }
        if (!present.isEmpty()) {
            charts.add(new Chart(title, present.stream().filter(Objects::nonNull).toList()));
        }
    }

    private static boolean hasValue(TrendSeries s) {
        for (double v : s.values()) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}
