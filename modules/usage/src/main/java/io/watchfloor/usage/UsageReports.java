package io.watchfloor.usage;

import java.util.List;

/**
 * Builds reports from the cache. Implemented by {@code io.watchfloor.usage.report.ReportBuilder}; every method may
 * block on I/O (call it off the FX thread).
 */
public interface UsageReports {

    /** The report of {@code kind} for {@code scope} over {@code window}. An empty window is a report without data. */
    UsageReport build(ReportKind kind, ReportScope scope, ReportWindow window);

    /** One metric of one subject ("" = the whole scope) in steps of {@code stepMillis}, for a zoomed chart. */
    TrendSeries trend(ReportScope scope, ReportWindow window, String subject, TrendMetric metric, long stepMillis);

    /** The customers and endpoints a report can be made for, customers first. */
    List<ReportScope> scopes();
}
