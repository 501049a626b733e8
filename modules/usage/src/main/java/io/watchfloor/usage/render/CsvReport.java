package io.watchfloor.usage.render;

import io.watchfloor.usage.CostLine;
import io.watchfloor.usage.EndpointUsage;
import io.watchfloor.usage.SlaSummary;
import io.watchfloor.usage.UsageFigures;
import io.watchfloor.usage.UsageReport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report as RFC 4180 CSV in UTF-8, for spreadsheets and scripts: a header, one row per endpoint, then a TOTAL row
 * (whose cost includes the dedicated hosts). Numbers are plain with a '.' decimal point and no grouping; a value the
 * report does not have is an empty cell, never 0. The window is given as its first and last day (both included) in
 * the report's zone.
 */
final class CsvReport {
    static final String TOTAL_ID = "TOTAL";
    private static final List<String> LEADING = List.of("scope", "window_from", "window_to", "endpoint_id",
            "endpoint_name", "requests", "tokens_in", "tokens_out", "errors", "error_pct", "throttles", "throttle_pct",
            "p50_ms", "p95_ms", "avg_ms", "uptime_pct", "sla_target_pct", "budget_minutes", "budget_used_minutes",
            "covered_minutes", "gap_minutes");
    private static final List<String> TRAILING = List.of("previous_requests", "requests_change_pct");

    private CsvReport() {
    }

    static void write(UsageReport r, OutputStream out) throws IOException {
        // no BOM: RFC 4180 readers and scripts do not expect one
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        Set<String> currencies = new TreeSet<>(r.costTotals().keySet());
        List<String> header = new ArrayList<>(LEADING);
        currencies.forEach(c -> header.add("cost_" + c));
        header.addAll(TRAILING);
        row(w, header);
        if (r.hasData()) {
            for (EndpointUsage e : r.endpoints()) {
                row(w, cells(r, e.endpointId(), e.name(), e.usage(), e.previous(), sla(e.sla()),
                        sums(e.cost()), currencies));
            }
            ReportTables.ScopeSla scope = ReportTables.scopeSla(r);
            Sla total = scope == null ? null : new Sla(scope.uptimePct(), scope.targetPct(), scope.budgetSeconds(),
                    scope.budgetUsedSeconds());
            row(w, cells(r, TOTAL_ID, "All endpoints and hosts", r.totals(), r.previousTotals(), total,
                    r.costTotals(), currencies));
        }
        w.flush();
    }

    /** The SLA columns of one row; for the TOTAL row the target is the lowest of the endpoints'. */
    private record Sla(Double uptimePct, double targetPct, double budgetSeconds, double budgetUsedSeconds) {
    }

    private static Sla sla(SlaSummary s) {
        return s == null ? null : new Sla(s.uptimePct(), s.targetPct(), s.budgetSeconds(), s.budgetUsedSeconds());
    }

    private static Map<String, BigDecimal> sums(List<CostLine> lines) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        lines.forEach(c -> sums.merge(c.currency(), c.amount(), BigDecimal::add));
        return sums;
    }

    private static List<String> cells(UsageReport r, String id, String name, UsageFigures u, UsageFigures previous,
                                      Sla sla, Map<String, BigDecimal> cost, Set<String> currencies) {
        List<String> c = new ArrayList<>();
        c.add(r.scope().id());
        c.add(r.window().firstDay().toString());
        c.add(r.window().lastDay().toString());
        c.add(id);
        c.add(name);
        boolean measured = u.hasData();
        c.add(measured ? whole(u.requests()) : "");
        c.add(measured ? whole(u.tokensIn()) : "");
        c.add(measured ? whole(u.tokensOut()) : "");
        c.add(measured ? whole(u.errors()) : "");
        c.add(decimal(u.errorPct(), 3));
        c.add(measured ? whole(u.throttles()) : "");
        c.add(decimal(u.throttlePct(), 3));
        c.add(decimal(u.p50Ms(), 1));
        c.add(decimal(u.p95Ms(), 1));
        c.add(decimal(u.avgMs(), 1));
        c.add(sla == null ? "" : decimal(sla.uptimePct(), 4));
        c.add(sla == null ? "" : decimal(sla.targetPct(), 4));
        // to the second (3 decimals of a minute): a spreadsheet sums these, and 0.3 min would hide 2 s of 20
        c.add(sla == null ? "" : decimal(sla.budgetSeconds() / 60.0, 3));
        c.add(sla == null ? "" : decimal(sla.budgetUsedSeconds() / 60.0, 3));
        c.add(Long.toString(u.coveredMinutes()));
        c.add(Long.toString(u.gapMinutes()));
        for (String currency : currencies) {
            BigDecimal amount = cost.get(currency);
            c.add(amount == null ? "" : amount.toPlainString());
        }
        boolean hasPrevious = previous != null && previous.hasData();
        c.add(hasPrevious ? whole(previous.requests()) : "");
        c.add(hasPrevious && previous.requests() > 0
                ? decimal(100.0 * (u.requests() - previous.requests()) / previous.requests(), 2) : "");
        return c;
    }

    /** Counts are estimates integrated from rates; the CSV gives them rounded to whole requests and tokens. */
    private static String whole(double v) {
        return Double.isNaN(v) ? "" : Long.toString(Math.round(v));
    }

    private static String decimal(Double v, int scale) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "";
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(scale, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static void row(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(cells.get(i)));
        }
        w.write("\r\n");
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
