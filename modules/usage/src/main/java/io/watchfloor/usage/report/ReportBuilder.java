package io.watchfloor.usage.report;

import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.PriceModel;
import io.watchfloor.config.SlaConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.postmortem.SlaConsumption;
import io.watchfloor.model.endpoint.AvailabilityHistory;
import io.watchfloor.usage.EndpointUsage;
import io.watchfloor.usage.IncidentSummary;
import io.watchfloor.usage.OptimisationHint;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.SlaSummary;
import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import io.watchfloor.usage.UsageFigures;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.UsageReports;
import io.watchfloor.usage.ledger.GpuHour;
import io.watchfloor.usage.ledger.UsageHistory;
import io.watchfloor.usage.ledger.UsageSums;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;

/**
 * Builds usage reports from the usage ledger, the availability ledger, the incident tables and the configuration
 * (customers, price tables, SLA targets). Stateless between calls; every call blocks on the cache's I/O.
 */
public final class ReportBuilder implements UsageReports {
    private static final double MINUTES_PER_HOUR = 60;
    /** A missing hour is worth telling the reader; shorter gaps are restarts and show in the gap minutes only. */
    static final long GAP_NOTE_MINUTES = 60;

    private final UsageHistory usage;
    private final AvailabilityHistory availability;
    private final IncidentHistory incidents;
    private final WatchfloorConfig config;
    private final Clock clock;
    private final Scopes scopes;

    public ReportBuilder(UsageHistory usage, AvailabilityHistory availability, IncidentHistory incidents,
                         WatchfloorConfig config, Clock clock) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.availability = Objects.requireNonNull(availability, "availability");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scopes = new Scopes(config);
    }

    @Override
    public List<ReportScope> scopes() {
        return scopes.all();
    }

    /**
     * The zone a scope's calendar runs in (the customer's, UTC when none), for building its {@link ReportWindow}.
     *
     * @throws IllegalArgumentException for an unknown customer or endpoint
     */
    public ZoneId zone(ReportScope scope) {
        return scopes.resolve(scope).zone();
    }

    @Override
    public UsageReport build(ReportKind kind, ReportScope scope, ReportWindow window) {
        Objects.requireNonNull(kind, "kind");
        Scopes.Resolved s = scopes.resolve(scope);
        Instant now = clock.instant();
        List<String> ids = s.endpointIds();
        ReportWindow previousWindow = window.previous();
        Map<String, UsageSums> current = usage.totals(ids, window.from(), window.to());
        Map<String, UsageSums> previous = usage.totals(ids, previousWindow.from(), previousWindow.to());
        long minutes = elapsedMinutes(window, now);
        long previousMinutes = elapsedMinutes(previousWindow, now);
        List<GpuHour> gpuHours = s.hosts().isEmpty() ? List.of() : usage.gpuHours(s.hosts(), window.from(),
                window.to());

        Costs.Result cost = Costs.compute(scopes, s, window, usage, gpuHours);
        List<String> notes = new ArrayList<>(cost.notes());
        List<EndpointUsage> rows = new ArrayList<>();
        UsageSums sum = UsageSums.NONE;
        UsageSums previousSum = UsageSums.NONE;
        for (EndpointConfig e : s.endpoints()) {
            UsageSums mine = current.getOrDefault(e.id(), UsageSums.NONE);
            UsageSums before = previous.getOrDefault(e.id(), UsageSums.NONE);
            sum = sum.plus(mine);
            previousSum = previousSum.plus(before);
            UsageFigures figures = mine.figures(minutes, 1);
            if (figures.gapMinutes() >= GAP_NOTE_MINUTES) {
                notes.add(Math.round(figures.gapMinutes() / MINUTES_PER_HOUR) + " h without data for " + e.id());
            }
            rows.add(new EndpointUsage(e.id(), e.name(), e.describe(), figures, before.figures(previousMinutes, 1),
                    sla(e, window, now), cost.byEndpoint().getOrDefault(e.id(), List.of())));
        }
        int n = s.endpoints().size();
        List<TrendSeries> trends = trends(s, window, Trends.HOUR_MILLIS, gpuHours);
        List<IncidentSummary> touching = incidents(ids, window, now);
        List<OptimisationHint> hints = kind == ReportKind.MONTHLY
                ? Hints.compute(rows, gpuHours, cost.hosts()) : List.of();
        return new UsageReport(kind, scope, s.name(), window, now, rows, sum.figures(minutes, n),
                previousSum.figures(previousMinutes, n), cost.hosts(), trends, touching, hints, notes);
    }

    @Override
    public TrendSeries trend(ReportScope scope, ReportWindow window, String subject, TrendMetric metric,
                             long stepMillis) {
        Scopes.Resolved s = scopes.resolve(scope);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(metric, "metric");
        List<String> ids;
        List<String> hosts;
        if (subject.isEmpty()) {
            ids = s.endpointIds();
            hosts = s.hosts();
        } else if (s.endpointIds().contains(subject)) {
            ids = List.of(subject);
            PriceModel p = scopes.priceOf(subject);
            hosts = p == null ? List.of() : p.hosts();
        } else {
            throw new IllegalArgumentException("\"" + subject + "\" is not an endpoint of " + scope
                    + "; its endpoints: " + String.join(", ", s.endpointIds()));
        }
        long[] starts = Trends.bucketStarts(window.from(), window.to(), stepMillis);
        if (metric == TrendMetric.GPU_IDLE_HELD_PCT) {
            List<GpuHour> hours = hosts.isEmpty() ? List.of() : usage.gpuHours(hosts, window.from(), window.to());
            return Trends.idleHeld(subject, starts, stepMillis, hours);
        }
        NavigableMap<Long, UsageSums> steps = ids.isEmpty() ? java.util.Collections.emptyNavigableMap()
                : usage.steps(ids, window.from(), window.to(), stepMillis);
        return Trends.usage(subject, metric, starts, stepMillis, steps);
    }

    private List<TrendSeries> trends(Scopes.Resolved s, ReportWindow window, long stepMillis,
                                     List<GpuHour> gpuHours) {
        // The report's hourly lines run on the ledger's UTC hours. In a zone offset by :30 or :45 (India, Nepal,
        // parts of Australia) the window starts mid-hour; steps from there would cut every stored hour in two and
        // read a month of minutes (60 s instead of 0.3 s for 50 endpoints). The lines then start at the first
        // whole hour and end at the last, leaving out at most 45 minutes at each end; the figures (totals) still
        // cover the exact window.
        Instant from = window.from();
        Instant to = window.to();
        if (stepMillis % Trends.HOUR_MILLIS == 0 && from.toEpochMilli() % Trends.HOUR_MILLIS != 0) {
            long hour = Trends.HOUR_MILLIS;
            from = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli() + hour - 1, hour) * hour);
            to = Instant.ofEpochMilli(Math.floorDiv(to.toEpochMilli(), hour) * hour);
        }
        long[] starts = Trends.bucketStarts(from, to, stepMillis);
        List<TrendSeries> out = new ArrayList<>();
        if (!s.endpoints().isEmpty()) {
            NavigableMap<Long, UsageSums> all = usage.steps(s.endpointIds(), from, to, stepMillis);
            Trends.USAGE_METRICS.forEach(m -> out.add(Trends.usage("", m, starts, stepMillis, all)));
        }
        if (!s.hosts().isEmpty()) {
            out.add(Trends.idleHeld("", starts, stepMillis, gpuHours));
        }
        for (String id : s.endpointIds()) {
            NavigableMap<Long, UsageSums> mine = usage.steps(List.of(id), from, to, stepMillis);
            Trends.USAGE_METRICS.forEach(m -> out.add(Trends.usage(id, m, starts, stepMillis, mine)));
        }
        return out;
    }

    /**
     * Up and down time over the part of the window that has happened; the budget over the whole window, since
     * that is what the target promises for the week or month.
     */
    private SlaSummary sla(EndpointConfig e, ReportWindow window, Instant now) {
        Instant measuredTo = earlier(window.to(), now);
        SlaConsumption c = SlaConsumption.compute(availability, config.maintenance(), e.id(), window.from(),
                later(window.from(), measuredTo));
        if (!c.measured()) {
            return null;
        }
        double maintenance = c.maintenanceSeconds();
        if (window.to().isAfter(measuredTo)) {
            // planned maintenance still ahead in the window comes from the configuration alone
            maintenance += SlaConsumption.compute((id, f, t) -> List.of(), config.maintenance(), e.id(),
                    measuredTo, window.to()).maintenanceSeconds();
        }
        double target = (e.sla() == null ? SlaConfig.DEFAULTS : e.sla()).targetPct();
        double length = window.length().toNanos() / 1e9;
        double budget = Math.max(0, (1 - target / 100) * (length - maintenance));
        double uptime = 100 * c.upSeconds() / c.measuredSeconds();
        return new SlaSummary(target, c.upSeconds(), c.downSeconds(), c.unknownSeconds(), maintenance, uptime,
                budget, c.downSeconds());
    }

    private List<IncidentSummary> incidents(List<String> ids, ReportWindow window, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> mine = new HashSet<>(ids);
        List<IncidentSummary> out = new ArrayList<>();
        for (Incident i : incidents.touching(ids, window.from(), window.to())) {
            List<String> touched = i.endpoints().stream().filter(mine::contains).toList();
            Instant end = i.resolvedAt() != null ? i.resolvedAt() : now;
            Instant from = later(i.detectedAt(), window.from());
            Instant to = earlier(end, window.to());
            if (touched.isEmpty() || !to.isAfter(from)) {
                continue;
            }
            double down = 0;
            for (String id : touched) {
                down += SlaConsumption.compute(availability, config.maintenance(), id, from, to).downSeconds();
            }
            out.add(new IncidentSummary(i.id(), i.title(), i.severity().name(), i.status().wireName(),
                    i.detectedAt(), i.resolvedAt(), touched, down));
        }
        return out;
    }

    /** Minutes of the window up to now: the future is not a gap. */
    private static long elapsedMinutes(ReportWindow w, Instant now) {
        Instant end = earlier(w.to(), now);
        return end.isAfter(w.from()) ? Duration.between(w.from(), end).toMinutes() : 0;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
