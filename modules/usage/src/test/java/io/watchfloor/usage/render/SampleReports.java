package io.watchfloor.usage.render;

import io.watchfloor.usage.CostLine;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports built by hand for the renderer tests: customer "Acme Corp" with three endpoints, one of them with a comma
 * and quotes in its name, one without SLA data or a previous period (so missing values show), token prices that
 * change mid-month, two incidents, three hints, and hourly trends with a 36-hour gap.
 */
final class SampleReports {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final String CUSTOMER = "Acme Corp";
    static final String CHAT_NAME = "Chat – production";
    static final String EMBED_NAME = "Embeddings, EU \"fast\"";
    static final String BATCH_NAME = "Batch Überprüfung";
    static final String INCIDENT_1 = "INC-2026-0042";
    static final String INCIDENT_2 = "INC-2026-0047";
    /** The hour index (from the window's start) of the trend gap and its length. */
    static final int GAP_START = 200;
    static final int GAP_HOURS = 36;
    static final String NOTE_GAP = "36 h without data from 9 Nov 08:00 (the console was not running).";

    private SampleReports() {
    }

    static UsageReport monthly() {
        ReportWindow window = ReportWindow.month(YearMonth.of(2026, 11), ZONE);
        return report(ReportKind.MONTHLY, window, hints());
    }

    static UsageReport weekly() {
        ReportWindow window = ReportWindow.week(LocalDate.of(2026, 11, 16), ZONE);
        return report(ReportKind.WEEKLY, window, List.of());
    }

    /** Nothing recorded at all: no usage, no SLA, no incidents. */
    static UsageReport empty() {
        ReportWindow window = ReportWindow.month(YearMonth.of(2026, 11), ZONE);
        List<EndpointUsage> endpoints = List.of(
                new EndpointUsage("chat-prod", CHAT_NAME, "OpenAI gpt-4o", UsageFigures.NONE, UsageFigures.NONE,
                        null, List.of()));
        return new UsageReport(ReportKind.MONTHLY, ReportScope.customer("acme"), CUSTOMER, window,
                Instant.parse("2026-12-01T07:00:00Z"), endpoints, UsageFigures.NONE, UsageFigures.NONE, List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    /** The same report with the customer's display name replaced (for escaping tests). */
    static UsageReport named(UsageReport r, String scopeName, String firstEndpointName) {
        List<EndpointUsage> endpoints = new ArrayList<>(r.endpoints());
        EndpointUsage first = endpoints.get(0);
        endpoints.set(0, new EndpointUsage(first.endpointId(), firstEndpointName, first.describe(), first.usage(),
                first.previous(), first.sla(), first.cost()));
        return new UsageReport(r.kind(), r.scope(), scopeName, r.window(), r.generatedAt(), endpoints, r.totals(),
                r.previousTotals(), r.hostCost(), r.trends(), r.incidents(), r.hints(), r.notes());
    }

    static final UsageFigures CHAT = new UsageFigures(1_234_567, 98_765_432, 12_345_678, 1_234, 567, 412.0, 1870.5,
            null, 42_480, 720);
    static final UsageFigures CHAT_PREVIOUS = new UsageFigures(1_100_000, 90_000_000, 11_000_000, 2_000, 100, 400.0,
            1700.0, null, 43_200, 0);
    static final UsageFigures EMBED = new UsageFigures(456_789.4, 45_678_901, 0, 12, 0, 35.0, 88.0, null, 42_480,
            720);
    static final UsageFigures EMBED_PREVIOUS = new UsageFigures(400_000, 40_000_000, 0, 10, 0, 33.0, 80.0, null,
            43_200, 0);
    /** A provider without percentiles (mean latency only), no SLA, no previous period, not priced. */
    static final UsageFigures BATCH = new UsageFigures(2_345, 1_200_000, 800_000, 0, 0, null, null, 5300.0, 30_000,
            13_200);

    private static UsageReport report(ReportKind kind, ReportWindow window, List<OptimisationHint> hints) {
        double windowSeconds = window.length().toSeconds();
        SlaSummary chatSla = sla(99.9, windowSeconds, 1_800, 3_600);
        SlaSummary embedSla = sla(99.5, windowSeconds, 0, 0);
        LocalDate first = window.firstDay();
        LocalDate last = window.lastDay();
        LocalDate change = first.plusDays(14);
        List<CostLine> chatCost = List.of(
                tokens("chat-prod", CostLine.Basis.TOKENS_IN, first, change.minusDays(1), 46_000_000, "0.0030", "138.00"),
                tokens("chat-prod", CostLine.Basis.TOKENS_IN, change, last, 52_765_432, "0.0025", "131.91"),
                tokens("chat-prod", CostLine.Basis.TOKENS_OUT, first, change.minusDays(1), 5_800_000, "0.0120", "69.60"),
                tokens("chat-prod", CostLine.Basis.TOKENS_OUT, change, last, 6_545_678, "0.0100", "65.46"));
        List<CostLine> embedCost = List.of(
                tokens("embed-eu", CostLine.Basis.TOKENS_IN, first, last, 45_678_901, "0.0001", "4.57"));
        List<CostLine> hostCost = List.of(new CostLine("gpu-a1", "llama-onprem", CostLine.Basis.INSTANCE_HOURS,
                LocalDate.of(2026, 1, 1), first, last, 720, new BigDecimal("2.75"), "EUR", new BigDecimal("1980.00")));
        List<EndpointUsage> endpoints = List.of(
                new EndpointUsage("chat-prod", CHAT_NAME, "OpenAI gpt-4o", CHAT, CHAT_PREVIOUS, chatSla, chatCost),
                new EndpointUsage("embed-eu", EMBED_NAME, "Azure text-embedding-3", EMBED, EMBED_PREVIOUS, embedSla,
                        embedCost),
                new EndpointUsage("batch", BATCH_NAME, "Bedrock claude", BATCH, null, null, List.of()));
        UsageFigures totals = new UsageFigures(CHAT.requests() + EMBED.requests() + BATCH.requests(),
                CHAT.tokensIn() + EMBED.tokensIn() + BATCH.tokensIn(),
                CHAT.tokensOut() + EMBED.tokensOut() + BATCH.tokensOut(), 1_246, 567, 380.2, 1750.0, 5300.0,
                114_960, 14_640);
        UsageFigures previousTotals = new UsageFigures(1_500_000, 130_000_000, 11_000_000, 2_010, 100, 370.0, 1600.0,
                null, 86_400, 0);
        List<IncidentSummary> incidents = List.of(
                new IncidentSummary(INCIDENT_1, "Chat – production: error rate above 5 %", "critical", "resolved",
                        window.from().plusSeconds(3 * 86_400 + 3_600), window.from().plusSeconds(3 * 86_400 + 5_400),
                        List.of("chat-prod"), 1_800),
                new IncidentSummary(INCIDENT_2, "Embeddings latency p95 above 2 s", "warning", "open",
                        window.to().minusSeconds(7_200), null, List.of("embed-eu"), 0));
        List<String> notes = List.of(NOTE_GAP,
                "Batch Überprüfung reports mean latency only (no percentiles); its p50/p95 are left out.",
                "No price table covers batch; its cost is not included.");
        return new UsageReport(kind, ReportScope.customer("acme"), CUSTOMER, window,
                Instant.parse("2026-12-01T07:00:00Z"), endpoints, totals, previousTotals, hostCost,
                trends(window), incidents, hints, notes);
    }

    static List<OptimisationHint> hints() {
        return List.of(
                new OptimisationHint(OptimisationHint.Kind.IDLE_GPU, "gpu-a1/gpu3",
                        "gpu-a1 GPU 3 held 38 GiB while under 5 % busy for 212 h",
                        List.of(new OptimisationHint.Figure("idle-held hours", "212.0 h"),
                                new OptimisationHint.Figure("memory held", "38 GiB"))),
                new OptimisationHint(OptimisationHint.Kind.HIGH_THROTTLING, "chat-prod",
                        "Chat – production was throttled on 0.05 % of requests, mostly on weekday mornings",
                        List.of(new OptimisationHint.Figure("throttled requests", "567"))),
                new OptimisationHint(OptimisationHint.Kind.LATENCY_REGRESSION, "embed-eu",
                        "Embeddings p95 latency rose 10 % month over month",
                        List.of(new OptimisationHint.Figure("p95 this month", "88 ms"),
                                new OptimisationHint.Figure("p95 last month", "80 ms"))));
    }

    private static SlaSummary sla(double target, double windowSeconds, double down, double maintenance) {
        double up = windowSeconds - maintenance - down;
        double budget = (1 - target / 100) * (windowSeconds - maintenance);
        return new SlaSummary(target, up, down, 0, maintenance, 100.0 * up / (up + down), budget, down);
    }

    private static CostLine tokens(String endpoint, CostLine.Basis basis, LocalDate from, LocalDate to,
                                   double quantity, String unit, String amount) {
        // each line's price table starts on the line's first day: the mid-month change splits the month
        return new CostLine(endpoint, "gpt-4o", basis, from, from, to, quantity, new BigDecimal(unit), "USD", new BigDecimal(amount));
    }

    /** Hourly lines over the window with a daily rhythm and NaN for {@link #GAP_HOURS} hours. */
    static List<TrendSeries> trends(ReportWindow window) {
        int hours = (int) window.length().toHours();
        long start = window.from().toEpochMilli();
        long[] starts = new long[hours];
        for (int i = 0; i < hours; i++) {
            starts[i] = start + i * 3_600_000L;
        }
        List<TrendSeries> lines = new ArrayList<>();
        lines.add(series(TrendMetric.REQUESTS, starts, 1_700, 900));
        lines.add(series(TrendMetric.TOKENS_IN, starts, 200_000, 120_000));
        lines.add(series(TrendMetric.TOKENS_OUT, starts, 25_000, 15_000));
        lines.add(series(TrendMetric.P50_MS, starts, 380, 60));
        lines.add(series(TrendMetric.P95_MS, starts, 1_700, 400));
        return lines;
    }

    private static TrendSeries series(TrendMetric metric, long[] starts, double base, double swing) {
        double[] values = new double[starts.length];
        for (int i = 0; i < values.length; i++) {
            boolean inGap = i >= GAP_START && i < GAP_START + GAP_HOURS;
            double daily = Math.sin(2 * Math.PI * ((i + 16) % 24) / 24.0);
            double weekly = (i / 24) % 7 >= 5 ? 0.6 : 1.0;
            values[i] = inGap ? Double.NaN : (base + swing * daily) * weekly + (i * 37 % 11) * base / 100;
        }
        return new TrendSeries("", metric, 3_600_000L, starts, values);
    }
}
