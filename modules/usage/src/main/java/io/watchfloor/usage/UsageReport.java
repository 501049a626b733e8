package io.watchfloor.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one report says, computed once and rendered to the screen, PDF, CSV and HTML alike (so they never
 * disagree). Immutable.
 *
 * @param scopeName     the customer's or endpoint's display name
 * @param endpoints     one row per endpoint in scope, in configuration order
 * @param hostCost      instance-hour lines of the dedicated hosts in scope
 * @param trends        hourly lines for the whole scope (subject "") and per endpoint
 * @param hints         optimisation hints; computed for monthly reviews only, empty for weekly reports
 * @param notes         what the reader should know about the numbers ("no price table for llama-onprem before
 *                      1 Nov", "12 h without data on 3 Nov")
 */
public record UsageReport(ReportKind kind, ReportScope scope, String scopeName, ReportWindow window,
                          Instant generatedAt, List<EndpointUsage> endpoints, UsageFigures totals,
                          UsageFigures previousTotals, List<CostLine> hostCost, List<TrendSeries> trends,
                          List<IncidentSummary> incidents, List<OptimisationHint> hints, List<String> notes) {
    public UsageReport {
        endpoints = List.copyOf(endpoints);
        hostCost = List.copyOf(hostCost);
        trends = List.copyOf(trends);
        incidents = List.copyOf(incidents);
        hints = List.copyOf(hints);
        notes = List.copyOf(notes);
    }

    /** False when the window holds no usage, no SLA data and no incidents: renderers then say "no data". */
    public boolean hasData() {
        return totals.hasData() || !incidents.isEmpty()
                || endpoints.stream().anyMatch(e -> e.sla() != null && e.sla().measured())
                || !hostCost.isEmpty();
    }

    /** Every cost line: tokens of the endpoints, then the dedicated hosts. */
    public List<CostLine> costLines() {
        List<CostLine> all = new java.util.ArrayList<>();
        endpoints.forEach(e -> all.addAll(e.cost()));
        all.addAll(hostCost);
        return all;
    }

    /** Total cost per currency (usually one), sorted by currency code. */
    public Map<String, BigDecimal> costTotals() {
        Map<String, BigDecimal> totalsByCurrency = new TreeMap<>();
        for (CostLine c : costLines()) {
            totalsByCurrency.merge(c.currency(), c.amount(), BigDecimal::add);
        }
        return totalsByCurrency;
    }

    /** The trend of the whole scope for one metric, or null when there is none. */
    public TrendSeries trend(TrendMetric metric) {
        return trends.stream().filter(t -> t.subject().isEmpty() && t.metric() == metric).findFirst().orElse(null);
    }
}
