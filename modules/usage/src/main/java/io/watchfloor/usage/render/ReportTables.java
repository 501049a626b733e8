package io.watchfloor.usage.render;

import io.watchfloor.usage.CostLine;
import io.watchfloor.usage.EndpointUsage;
import io.watchfloor.usage.IncidentSummary;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.SlaSummary;
import io.watchfloor.usage.UsageFigures;
import io.watchfloor.usage.UsageReport;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's sections as rows of formatted text, computed once so the PDF and the HTML say exactly the same
 * thing; each format only lays them out.
 */
final class ReportTables {
    private ReportTables() {
    }

    /** A column's header, and whether its cells are numbers (right-aligned). */
    record Column(String header, boolean numeric) {
        static Column text(String header) {
            return new Column(header, false);
        }

        static Column number(String header) {
            return new Column(header, true);
        }
    }

    record Table(List<Column> columns, List<List<String>> rows) {
        Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size()
                            + " columns");
                }
            }
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /**
     * The SLA of the whole scope: up and down time summed over the endpoints that were measured. The target is the
     * lowest of theirs; {@code mixedTargets} says the endpoints promise different targets.
     */
    record ScopeSla(Double uptimePct, double targetPct, boolean mixedTargets, double budgetSeconds,
                    double budgetUsedSeconds) {
        boolean met() {
            return uptimePct != null && uptimePct >= targetPct;
        }
    }

    static String kindTitle(ReportKind kind) {
        return kind == ReportKind.MONTHLY ? "Monthly review" : "Weekly report";
    }

    static String noDataTitle(UsageReport r) {
        return "No data for " + r.scopeName() + " in " + r.window().label();
    }

    static String noDataReason() {
        return "No usage, no SLA measurements and no incidents were recorded for this scope in this window, so there"
                + " is nothing to report. If traffic was expected, check that the endpoints were being monitored"
                + " (the console was running and its sources answered) during the window.";
    }

    /** "Zone Europe/Berlin · generated 1 Dec 2026 08:00 CET". */
    static String subtitle(UsageReport r) {
        ZoneId zone = r.window().zone();
        return "Time zone " + zone.getId() + " · generated " + HumanFormat.dateTimeWithZone(r.generatedAt(), zone);
    }

    static ScopeSla scopeSla(UsageReport r) {
        double up = 0;
        double down = 0;
        double budget = 0;
        double used = 0;
        Double lowest = null;
        Double highest = null;
        for (EndpointUsage e : r.endpoints()) {
            SlaSummary s = e.sla();
            if (s == null) {
                continue;
            }
            up += s.upSeconds();
            down += s.downSeconds();
            budget += s.budgetSeconds();
            used += s.budgetUsedSeconds();
            lowest = lowest == null ? s.targetPct() : Math.min(lowest, s.targetPct());
            highest = highest == null ? s.targetPct() : Math.max(highest, s.targetPct());
        }
        if (lowest == null) {
            return null;
        }
        Double uptime = up + down > 0 ? 100.0 * up / (up + down) : null;
        return new ScopeSla(uptime, lowest, !lowest.equals(highest), budget, used);
    }

    /** Figure, this period, previous period, change. */
    static Table summary(UsageReport r) {
        UsageFigures t = r.totals();
        UsageFigures p = r.previousTotals();
        List<List<String>> rows = new ArrayList<>();
        rows.add(countRow("Requests", t.requests(), p == null ? null : p.requests()));
        rows.add(countRow("Tokens in", t.tokensIn(), p == null ? null : p.tokensIn()));
        rows.add(countRow("Tokens out", t.tokensOut(), p == null ? null : p.tokensOut()));
        rows.add(List.of("Errors", countWithPct(t.errors(), t.errorPct()),
                p == null ? HumanFormat.MISSING : countWithPct(p.errors(), p.errorPct()),
                HumanFormat.changePoints(t.errorPct(), p == null ? null : p.errorPct())));
        rows.add(List.of("Throttled", countWithPct(t.throttles(), t.throttlePct()),
                p == null ? HumanFormat.MISSING : countWithPct(p.throttles(), p.throttlePct()),
                HumanFormat.changePoints(t.throttlePct(), p == null ? null : p.throttlePct())));
        rows.add(msRow("Latency p50", t.p50Ms(), p == null ? null : p.p50Ms()));
        rows.add(msRow("Latency p95", t.p95Ms(), p == null ? null : p.p95Ms()));
        if (t.avgMs() != null) {
            rows.add(msRow("Latency (mean, providers without percentiles)", t.avgMs(), p == null ? null : p.avgMs()));
        }
        rows.add(List.of("Minutes with data", coverage(t), p == null ? HumanFormat.MISSING : coverage(p),
                HumanFormat.MISSING));
        ScopeSla sla = scopeSla(r);
        if (sla != null) {
            rows.add(List.of("Uptime vs target", uptimeVsTarget(sla), HumanFormat.MISSING, HumanFormat.MISSING));
            rows.add(List.of("Error budget used", budgetUsed(sla.budgetUsedSeconds(), sla.budgetSeconds()),
                    HumanFormat.MISSING, HumanFormat.MISSING));
        }
        for (Map.Entry<String, BigDecimal> cost : r.costTotals().entrySet()) {
            rows.add(List.of("Cost (" + cost.getKey() + ")", HumanFormat.money(cost.getKey(), cost.getValue()),
                    HumanFormat.MISSING, HumanFormat.MISSING));
        }
        return new Table(List.of(Column.text("Figure"), Column.number("This period"),
                Column.number("Previous period"), Column.number("Change")), rows);
    }

    static String uptimeVsTarget(ScopeSla sla) {
        String target = (sla.mixedTargets() ? "lowest target " : "target ") + HumanFormat.uptime(sla.targetPct());
        if (sla.uptimePct() == null) {
            return "not measured (" + target + ")";
        }
        return HumanFormat.uptime(sla.uptimePct()) + " (" + target + ", " + (sla.met() ? "met" : "missed") + ")";
    }

    /** "12 m of 43 m allowed (28.0 %)". */
    static String budgetUsed(double usedSeconds, double budgetSeconds) {
        String share = budgetSeconds > 0 ? " (" + HumanFormat.pct(100.0 * usedSeconds / budgetSeconds) + ")" : "";
        return HumanFormat.duration(usedSeconds) + " of " + HumanFormat.duration(budgetSeconds) + " allowed" + share;
    }

    private static String coverage(UsageFigures f) {
        long all = f.coveredMinutes() + f.gapMinutes();
        if (all == 0) {
            return HumanFormat.MISSING;
        }
        String share = HumanFormat.pct(100.0 * f.coveredMinutes() / all);
        return f.gapMinutes() == 0 ? share
                : share + " (" + HumanFormat.duration(Duration.ofMinutes(f.gapMinutes()).toSeconds()) + " without)";
    }

    private static List<String> countRow(String label, double current, Double previous) {
        return List.of(label, HumanFormat.count(current),
                previous == null ? HumanFormat.MISSING : HumanFormat.count(previous),
                HumanFormat.change(current, previous));
    }

    private static List<String> msRow(String label, Double current, Double previous) {
        return List.of(label, HumanFormat.ms(current), HumanFormat.ms(previous),
                current == null ? HumanFormat.MISSING : HumanFormat.change(current, previous));
    }

    private static String countWithPct(double count, Double pct) {
        return pct == null ? HumanFormat.count(count) : HumanFormat.count(count) + " (" + HumanFormat.pct(pct) + ")";
    }

    /** Traffic and performance per endpoint. */
    static Table endpointUsage(UsageReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (EndpointUsage e : r.endpoints()) {
            UsageFigures u = e.usage();
            UsageFigures p = e.previous();
            rows.add(List.of(e.name(), HumanFormat.count(u.requests()),
                    HumanFormat.change(u.requests(), p == null ? null : p.requests()),
                    HumanFormat.count(u.tokensIn()), HumanFormat.count(u.tokensOut()),
                    HumanFormat.pct(u.errorPct()), HumanFormat.pct(u.throttlePct()),
                    // providers without percentiles report a mean only: show it where p50 would be, marked
                    u.p50Ms() == null && u.avgMs() != null ? "mean " + HumanFormat.ms(u.avgMs())
                            : HumanFormat.ms(u.p50Ms()),
                    HumanFormat.ms(u.p95Ms())));
        }
        return new Table(List.of(Column.text("Endpoint"), Column.number("Requests"), Column.number("Change"),
                Column.number("Tokens in"), Column.number("Tokens out"), Column.number("Errors"),
                Column.number("Throttled"), Column.number("p50"), Column.number("p95")), rows);
    }

    /** SLA, data coverage and cost per endpoint. */
    static Table endpointSla(UsageReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (EndpointUsage e : r.endpoints()) {
            SlaSummary s = e.sla();
            String missing = HumanFormat.MISSING;
            rows.add(List.of(e.name(),
                    s == null ? missing : HumanFormat.uptime(s.uptimePct()),
                    s == null ? missing : HumanFormat.uptime(s.targetPct()),
                    s == null ? missing : budgetUsed(s.budgetUsedSeconds(), s.budgetSeconds()),
                    HumanFormat.duration(e.usage().gapMinutes() * 60.0),
                    cost(e.cost())));
        }
        return new Table(List.of(Column.text("Endpoint"), Column.number("Uptime"), Column.number("Target"),
                Column.number("Error budget used"), Column.number("Without data"), Column.number("Cost")), rows);
    }

    /** The sum of some cost lines, one amount per currency ("USD 12.00, EUR 3.40"), missing when there are none. */
    static String cost(List<CostLine> lines) {
        if (lines.isEmpty()) {
            return HumanFormat.MISSING;
        }
        Map<String, BigDecimal> sums = new TreeMap<>();
        lines.forEach(c -> sums.merge(c.currency(), c.amount(), BigDecimal::add));
        List<String> parts = new ArrayList<>();
        sums.forEach((cur, amount) -> parts.add(HumanFormat.money(cur, amount)));
        return String.join(", ", parts);
    }

    static Table incidents(UsageReport r) {
        ZoneId zone = r.window().zone();
        List<List<String>> rows = new ArrayList<>();
        for (IncidentSummary i : r.incidents()) {
            String lasted = i.resolvedAt() == null ? "unresolved"
                    : HumanFormat.duration(Duration.between(i.detectedAt(), i.resolvedAt()).toSeconds());
            rows.add(List.of(i.id(), i.title(), i.severity(), i.status(), HumanFormat.dateTime(i.detectedAt(), zone),
                    lasted, HumanFormat.duration(i.slaDownSeconds())));
        }
        return new Table(List.of(Column.text("Incident"), Column.text("Title"), Column.text("Severity"),
                Column.text("Status"), Column.text("Detected"), Column.number("Lasted"),
                Column.number("SLA down")), rows);
    }

    static Table costLines(UsageReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (CostLine c : r.costLines()) {
            rows.add(List.of(c.subject(), c.model(), basis(c.basis()), c.periodFrom() + " – " + c.periodTo(),
                    HumanFormat.quantity(c.quantity()) + (c.basis() == CostLine.Basis.INSTANCE_HOURS ? " h" : ""),
                    HumanFormat.unitPrice(c.currency(), c.unitPrice()),
                    HumanFormat.money(c.currency(), c.amount())));
        }
        for (Map.Entry<String, BigDecimal> total : r.costTotals().entrySet()) {
            rows.add(List.of("Total", "", "", "", "", "", HumanFormat.money(total.getKey(), total.getValue())));
        }
        return new Table(List.of(Column.text("Subject"), Column.text("Model"), Column.text("Basis"),
                Column.text("Period"), Column.number("Quantity"), Column.number("Unit price"),
                Column.number("Amount")), rows);
    }

    static String basis(CostLine.Basis basis) {
        return switch (basis) {
            case TOKENS_IN -> "Tokens in, per 1k";
            case TOKENS_OUT -> "Tokens out, per 1k";
            case INSTANCE_HOURS -> "Instance hours";
        };
    }
}
