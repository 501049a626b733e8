package io.watchfloor.usage.report;

import static io.watchfloor.usage.report.Fixtures.config;
import static io.watchfloor.usage.report.Fixtures.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.watchfloor.config.CustomerConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.Incident;
import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityHistory;
import io.watchfloor.model.endpoint.AvailabilitySegment;
import io.watchfloor.model.endpoint.MaintenanceWindow;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import io.watchfloor.usage.EndpointUsage;
import io.watchfloor.usage.IncidentSummary;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.SlaSummary;
import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import io.watchfloor.usage.UsageReport;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** Monday 2 Nov 2026 to Sunday 8 Nov 2026, UTC. */
    private static final ReportWindow WEEK = ReportWindow.week(LocalDate.of(2026, 11, 4), ZoneOffset.UTC);

    private final FakeUsage usage = new FakeUsage();
    private final List<AvailabilitySegment> segments = new ArrayList<>();
    private final AvailabilityHistory availability = (id, from, to) -> segments.stream()
            .filter(s -> s.endpointId().equals(id) && s.to().isAfter(from) && s.from().isBefore(to)).toList();
    private final List<Incident> incidents = new ArrayList<>();
    private final IncidentHistory incidentHistory = (ids, from, to) -> incidents.stream()
            .filter(i -> i.endpoints().stream().anyMatch(ids::contains) && i.detectedAt().isBefore(to)
                    && (i.resolvedAt() == null || i.resolvedAt().isAfter(from))).toList();

    private WatchfloorConfig config = config(
            List.of(endpoint("chat", null, 99.9), endpoint("embed", null, null), endpoint("solo", "beta", null)),
            List.of(new CustomerConfig("acme", "Acme Corp", List.of("chat", "embed"), List.of("gpu-a1"),
                    ZoneId.of("Europe/Berlin"))),
            List.of(), List.of(new MaintenanceWindow("chat", t("2026-11-03T10:00:00Z"), t("2026-11-03T11:00:00Z"),
                    "upgrade")));

    private ReportBuilder builder() {
        return new ReportBuilder(usage, availability, incidentHistory, config, CLOCK);
    }

    private UsageReport weekly(String customer) {
        return builder().build(ReportKind.WEEKLY, ReportScope.customer(customer), WEEK);
    }

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static EndpointUsage row(UsageReport r, String id) {
        return r.endpoints().stream().filter(e -> e.endpointId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void scopesListConfiguredThenImpliedCustomersThenEndpoints() {
        assertEquals(List.of(ReportScope.customer("acme"), ReportScope.customer("beta"), ReportScope.endpoint("chat"),
                ReportScope.endpoint("embed"), ReportScope.endpoint("solo")), builder().scopes());
    }

    @Test
    void unknownIdsAreRefusedNamingTheKnownOnes() {
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> weekly("globex"));
        assertEquals("no customer \"globex\" in the configuration; known customers: acme, beta", c.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().build(ReportKind.WEEKLY, ReportScope.endpoint("nope"), WEEK));
        assertTrue(e.getMessage().contains("known endpoints: chat, embed, solo"), e.getMessage());
    }

    @Test
    void endpointScopeTakesItsCustomersZone() {
        assertEquals(ZoneId.of("Europe/Berlin"), builder().zone(ReportScope.endpoint("chat")));
        assertEquals(ZoneOffset.UTC, builder().zone(ReportScope.endpoint("solo")));
        UsageReport r = weekly("beta");
        assertEquals(List.of("solo"), r.endpoints().stream().map(EndpointUsage::endpointId).toList());
        assertEquals("beta", r.scopeName());
    }

    @Test
    void slaCountsUpDownAndMaintenanceAndTheBudgetFromTheTarget() {
        // up all week, down 2 h on Wednesday; the 1 h maintenance on Tuesday is up time taken out of the count
        segments.add(new AvailabilitySegment("chat", Availability.UP, t("2026-11-02T00:00:00Z"),
                t("2026-11-04T12:00:00Z"), null));
        segments.add(new AvailabilitySegment("chat", Availability.DOWN, t("2026-11-04T12:00:00Z"),
                t("2026-11-04T14:00:00Z"), "HTTP 503"));
        segments.add(new AvailabilitySegment("chat", Availability.UP, t("2026-11-04T14:00:00Z"),
                t("2026-11-09T00:00:00Z"), null));
        SlaSummary sla = row(weekly("acme"), "chat").sla();
        assertEquals(165 * 3600.0, sla.upSeconds(), 1e-6);
        assertEquals(2 * 3600.0, sla.downSeconds(), 1e-6);
        assertEquals(3600.0, sla.maintenanceSeconds(), 1e-6);
        assertEquals(100.0 * 165 / 167, sla.uptimePct(), 1e-9);
        assertEquals(99.9, sla.targetPct());
        // (1 - 99.9 %) of the 167 h outside maintenance = 601.2 s
        assertEquals(601.2, sla.budgetSeconds(), 1e-6);
        assertEquals(7200.0, sla.budgetUsedSeconds(), 1e-6);
        assertFalse(sla.met());
        assertNull(row(weekly("acme"), "embed").sla(), "embed has no availability evidence");
    }

    @Test
    void usageSumsPerEndpointAndTotalsWithThePreviousWeek() {
        usage.minute("chat", t("2026-11-03T08:00:00Z"), 100, 1000, 500, 2, 1, 200.0)
                .minute("chat", t("2026-11-03T08:01:00Z"), 300, 3000, 1500, 0, 0, 400.0)
                .minute("embed", t("2026-11-05T08:00:00Z"), 50, 800, 0, 0, 0, null)
                .minute("chat", t("2026-10-28T08:00:00Z"), 40, 400, 200, 0, 0, 100.0)
                // outside both windows
                .minute("chat", t("2026-11-09T00:00:00Z"), 999, 999, 999, 0, 0, null);
        UsageReport r = weekly("acme");
        EndpointUsage chat = row(r, "chat");
        assertEquals(400, chat.usage().requests());
        assertEquals(4000, chat.usage().tokensIn());
        assertEquals(2000, chat.usage().tokensOut());
        assertEquals(0.5, chat.usage().errorPct(), 1e-12);
        // request-weighted: (100 x 200 + 300 x 400) / 400
        assertEquals(350.0, chat.usage().p95Ms(), 1e-9);
        assertEquals(40, chat.previous().requests());
        assertEquals(100.0, chat.previous().p95Ms(), 1e-9);
        assertEquals(450, r.totals().requests());
        assertEquals(4800, r.totals().tokensIn());
        assertEquals(3, r.totals().coveredMinutes());
        assertEquals(2 * 7 * 24 * 60 - 3, r.totals().gapMinutes());
        assertEquals(40, r.previousTotals().requests());
        assertTrue(r.hasData());
    }

    @Test
    void gapsAreCountedAndAnHourOrMoreIsNoted() {
        usage.quietMinutes("chat", t("2026-11-02T00:00:00Z"), 100);
        usage.quietMinutes("embed", t("2026-11-02T00:00:00Z"), 7 * 24 * 60 - 59);
        UsageReport r = weekly("acme");
        assertEquals(7 * 24 * 60 - 100, row(r, "chat").usage().gapMinutes());
        assertEquals(59, row(r, "embed").usage().gapMinutes());
        assertTrue(r.notes().contains("166 h without data for chat"), r.notes().toString());
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("without data for embed")), r.notes().toString());
    }

    @Test
    void hourlyTrendsLeaveStepsWithoutRowsAsGaps() {
        usage.minute("chat", t("2026-11-02T01:10:00Z"), 10, 0, 0, 0, 0, 250.0)
                .minute("embed", t("2026-11-02T01:20:00Z"), 5, 0, 0, 0, 0, null);
        UsageReport r = weekly("acme");
        TrendSeries requests = r.trend(TrendMetric.REQUESTS);
        assertEquals(168, requests.size());
        assertTrue(Double.isNaN(requests.values()[0]));
        assertEquals(15, requests.values()[1]);
        assertTrue(Double.isNaN(requests.values()[2]));
        assertEquals(250.0, r.trend(TrendMetric.P95_MS).values()[1], 1e-9);
        TrendSeries embedP95 = r.trends().stream()
                .filter(s -> s.subject().equals("embed") && s.metric() == TrendMetric.P95_MS).findFirst().orElseThrow();
        assertTrue(Double.isNaN(embedP95.values()[1]), "a step with rows but no p95 has no p95");
        TrendSeries daily = builder().trend(ReportScope.customer("acme"), WEEK, "chat", TrendMetric.REQUESTS,
                86_400_000L);
        assertEquals(7, daily.size());
        assertEquals(10, daily.values()[0]);
        assertThrows(IllegalArgumentException.class, () -> builder().trend(ReportScope.customer("acme"), WEEK,
                "solo", TrendMetric.REQUESTS, 3_600_000L));
    }

    @Test
    void idleHeldTrendIsTheShareOfObservedGpuTime() {
        usage.gpu("gpu-a1", 0, t("2026-11-02T03:00:00Z"), 3_600_000, 900_000, 3, 40_000)
                .gpu("gpu-a1", 1, t("2026-11-02T03:00:00Z"), 3_600_000, 2_700_000, 1, 40_000);
        TrendSeries idle = weekly("acme").trend(TrendMetric.GPU_IDLE_HELD_PCT);
        assertEquals(50.0, idle.values()[3], 1e-9);
        assertTrue(Double.isNaN(idle.values()[4]));
    }

    @Test
    void anEmptyWindowIsAReportWithoutData() {
        UsageReport r = weekly("acme");
        assertFalse(r.hasData());
        assertFalse(r.totals().hasData());
        assertTrue(r.endpoints().stream().allMatch(e -> e.sla() == null && !e.usage().hasData()));
        assertTrue(r.costLines().isEmpty());
        assertTrue(r.hints().isEmpty());
    }

    @Test
    void aSpringForwardWeekInBerlinHas167Hours() {
        ReportWindow dst = ReportWindow.week(LocalDate.of(2026, 3, 25), ZoneId.of("Europe/Berlin"));
        UsageReport r = builder().build(ReportKind.WEEKLY, ReportScope.customer("acme"), dst);
        assertEquals(167, r.trend(TrendMetric.REQUESTS).size());
        assertEquals(167 * 60, row(r, "chat").usage().gapMinutes());
        assertEquals(Instant.parse("2026-03-22T23:00:00Z").toEpochMilli(),
                r.trend(TrendMetric.REQUESTS).bucketStarts()[0]);
    }

    @Test
    void aHalfHourZoneDrawsWholeLedgerHoursButCountsTheExactWindow() {
        // Kolkata's week starts at 18:30 UTC: the first half hour counts in the figures, the lines start at 19:00
        ReportWindow kolkata = ReportWindow.week(LocalDate.of(2026, 11, 4), ZoneId.of("Asia/Kolkata"));
        usage.minute("chat", t("2026-11-01T18:40:00Z"), 7, 0, 0, 0, 0, null)
                .minute("chat", t("2026-11-01T19:05:00Z"), 11, 0, 0, 0, 0, null);
        UsageReport r = builder().build(ReportKind.WEEKLY, ReportScope.customer("acme"), kolkata);
        TrendSeries requests = r.trend(TrendMetric.REQUESTS);
        assertEquals(Instant.parse("2026-11-01T19:00:00Z").toEpochMilli(), requests.bucketStarts()[0]);
        assertEquals(167, requests.size(), "168 h less the two half hours at the ends");
        assertEquals(11, requests.values()[0]);
        assertEquals(18, row(r, "chat").usage().requests(), 1e-9);
    }

    @Test
    void theCurrentWeekCountsNoFutureMinutesAsGaps() {
        Clock midWeek = Clock.fixed(t("2026-11-03T00:00:00Z"), ZoneOffset.UTC);
        UsageReport r = new ReportBuilder(usage, availability, incidentHistory, config, midWeek)
                .build(ReportKind.WEEKLY, ReportScope.endpoint("chat"), WEEK);
        assertEquals(24 * 60, r.totals().gapMinutes());
    }

    @Test
    void incidentsThatTouchTheWindowCarryTheirSlaDownTime() {
        segments.add(new AvailabilitySegment("chat", Availability.DOWN, t("2026-11-01T23:00:00Z"),
                t("2026-11-02T00:30:00Z"), "HTTP 503"));
        incidents.add(incident(7, "chat down", t("2026-11-01T23:00:00Z"), t("2026-11-02T01:00:00Z"),
                List.of("chat", "other")));
        incidents.add(incident(8, "embed slow", t("2026-11-08T23:00:00Z"), null, List.of("embed")));
        incidents.add(incident(9, "before", t("2026-10-01T00:00:00Z"), t("2026-10-02T00:00:00Z"), List.of("chat")));
        UsageReport r = weekly("acme");
        assertEquals(List.of("INC-7", "INC-8"), r.incidents().stream().map(IncidentSummary::id).toList());
        IncidentSummary first = r.incidents().get(0);
        assertEquals(List.of("chat"), first.endpoints());
        // only the part inside the window: 00:00 to 00:30
        assertEquals(1800.0, first.slaDownSeconds(), 1e-6);
        assertEquals("P2", first.severity());
        assertEquals("resolved", first.status());
        assertTrue(r.hasData());
    }

    static Incident incident(long n, String title, Instant detected, Instant resolved, List<String> endpoints) {
        return new Incident(n, "uid-" + n, title, Severity.P2, false,
                resolved == null ? IncidentStatus.INVESTIGATING : IncidentStatus.RESOLVED, null, null, detected,
                detected, detected.plusSeconds(900), null, null, null, resolved, null, null, null, List.of(),
                List.of(), endpoints, List.of(), List.of(), null);
    }
}
