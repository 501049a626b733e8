package io.watchfloor.bench.report;

import io.watchfloor.bench.TempDirs;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.ConfigLoader;
import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.incidents.IncidentService;
import io.watchfloor.incidents.NewIncident;
import io.watchfloor.incidents.runbook.RunbookLibrary;
import io.watchfloor.model.endpoint.Availability;
import io.watchfloor.model.endpoint.AvailabilityObservation;
import io.watchfloor.model.incident.IncidentStatus;
import io.watchfloor.model.incident.Severity;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.ledger.EndpointMinute;
import io.watchfloor.usage.ledger.GpuHour;
import io.watchfloor.usage.ledger.UsageLedger;
import io.watchfloor.usage.render.ReportFormat;
import io.watchfloor.usage.render.ReportRenderer;
import io.watchfloor.usage.report.IncidentHistory;
import io.watchfloor.usage.report.ReportBuilder;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the example reports in docs/reports/ from a real cache: one customer with three endpoints and a dedicated
 * host over November 2026, filled through the same ledger, availability ledger and incident desk the console uses,
 * then built and rendered exactly as `watchfloor report` does. The configuration is docs/reports/acme-example.yaml.
 * October 2026 has a daily and weekly rhythm, a price change on the 16th, six hours without data on the 8th, a
 * 25-minute outage with its incident on the 14th, a planned maintenance window, rising latency in the last week
 * and one GPU held idle.
 *
 * <p>{@code java -cp modules/bench/target/bench.jar io.watchfloor.bench.report.ExampleReports docs/reports [DATA_DIR]};
 * with DATA_DIR the cache is kept there, for a console to open with the same configuration.
 */
public final class ExampleReports {
    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final List<String> ENDPOINTS = List.of("gpt4o-eastus", "claude-bedrock", "llama-onprem");
    static final String HOST = "gpu-a1";

    private ExampleReports() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/reports");
        Files.createDirectories(out);
        boolean keep = args.length > 1;
        Path dir = keep ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("watchfloor-example-reports");
        MovableClock clock = new MovableClock(MONTH.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant()
                .plus(Duration.ofHours(9)));
        WatchfloorConfig config = ConfigLoader.load(out.resolve("acme-example.yaml"), Map.of());
        try (H2TelemetryStore store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, clock)) {
            UsageLedger ledger = UsageLedger.open(store.database(), clock);
            ReportWindow month = ReportWindow.month(MONTH, ZONE);
            fillUsage(ledger, ReportWindow.month(MONTH.minusMonths(1), ZONE).from(), month.to());
            fillAvailability(store, month.from(), month.to());
            addIncident(store, clock);
            ReportBuilder builder = new ReportBuilder(ledger, store, IncidentHistory.of(store.database()), config,
                    clock);
            ReportScope acme = ReportScope.customer("acme");
            UsageReport monthly = builder.build(ReportKind.MONTHLY, acme, month);
            UsageReport weekly = builder.build(ReportKind.WEEKLY, acme,
                    ReportWindow.week(LocalDate.of(2026, 10, 14), ZONE));
            write(monthly, ReportFormat.PDF, out.resolve("acme-2026-10-monthly.pdf"));
            write(monthly, ReportFormat.CSV, out.resolve("acme-2026-10-monthly.csv"));
            write(monthly, ReportFormat.HTML, out.resolve("acme-2026-10-monthly.html"));
            write(weekly, ReportFormat.PDF, out.resolve("acme-2026-w42-weekly.pdf"));
            write(weekly, ReportFormat.CSV, out.resolve("acme-2026-w42-weekly.csv"));
            System.out.printf("wrote %s: monthly with %d hints, %d incidents, cost %s%n", out,
                    monthly.hints().size(), monthly.incidents().size(), monthly.costTotals());
        } finally {
            if (!keep) {
                TempDirs.deleteTree(dir);
            }
        }
    }

    private static void write(UsageReport report, ReportFormat format, Path file) throws Exception {
        try (OutputStream os = Files.newOutputStream(file)) {
            ReportRenderer.render(report, format, os);
        }
    }

    /** Business-hours rhythm in Berlin, quieter weekends, and six hours without data on the 12th. */
    private static void fillUsage(UsageLedger ledger, Instant from, Instant to) {
        SplittableRandom random = new SplittableRandom(7);
        Instant gapFrom = MONTH.atDay(8).atTime(3, 0).atZone(ZONE).toInstant();
        Instant gapTo = gapFrom.plus(Duration.ofHours(6));
        Instant slowFrom = MONTH.atDay(23).atStartOfDay(ZONE).toInstant();
        double[] scale = {140, 60, 35};
        List<EndpointMinute> batch = new ArrayList<>();
        for (Instant m = from; m.isBefore(to); m = m.plusSeconds(60)) {
            var local = m.atZone(ZONE);
            double hour = local.getHour() + local.getMinute() / 60.0;
            double day = Math.max(0.15, Math.sin(Math.PI * (hour - 6) / 14));
            double week = local.getDayOfWeek().getValue() >= 6 ? 0.35 : 1.0;
            boolean previousMonth = m.isBefore(MONTH.atDay(1).atStartOfDay(ZONE).toInstant());
            for (int e = 0; e < ENDPOINTS.size(); e++) {
                String id = ENDPOINTS.get(e);
                if (!m.isBefore(gapFrom) && m.isBefore(gapTo) && e == 0) {
                    continue;
                }
                double growth = previousMonth ? 0.8 : 1.0;
                double requests = Math.max(0, scale[e] * day * week * growth * (0.85 + 0.3 * random.nextDouble()));
                double tokensIn = requests * (e == 2 ? 1800 : 950);
                double tokensOut = requests * (e == 2 ? 320 : 260);
                double throttles = e == 1 ? requests * 0.031 : requests * 0.002;
                double errors = requests * (0.002 + 0.004 * random.nextDouble());
                double p50 = (e == 2 ? 420 : 610) * (0.9 + 0.2 * random.nextDouble());
                double p95 = p50 * 2.3 * (e == 2 && !m.isBefore(slowFrom) ? 1.6 : 1.0);
                double w = Math.max(requests, 1e-3);
                batch.add(new EndpointMinute(id, m, 60_000, requests, tokensIn, tokensOut, errors, throttles,
                        p50 * w, w, p95 * w, w, 0, 0));
            }
            if (batch.size() >= 20_000) {
                ledger.writeMinutes(batch);
                batch.clear();
            }
        }
        ledger.writeMinutes(batch);
        List<GpuHour> hours = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plusSeconds(3600)) {
            for (int g = 0; g < 8; g++) {
                boolean idle = g == 6; // a forgotten notebook kernel holding 38 GiB
                double util = idle ? 0.5 : 35 + random.nextInt(55);
                double mem = idle ? 38_912 : 52_000 + random.nextInt(20_000);
                hours.add(new GpuHour(HOST, HOST + "/gpu" + g, h, 3_600_000, idle ? 3_600_000 : 0,
                        util * 3_600_000, mem * 3_600_000, 81_559));
            }
        }
        ledger.writeGpuHours(hours);
    }

    /** Up every five minutes, but a 25-minute outage of llama-onprem on the 18th. */
    private static void fillAvailability(H2TelemetryStore store, Instant from, Instant to) {
        Instant downFrom = MONTH.atDay(14).atTime(14, 5).atZone(ZONE).toInstant();
        Instant downTo = downFrom.plus(Duration.ofMinutes(25));
        List<AvailabilityObservation> obs = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(300)) {
            for (String id : ENDPOINTS) {
                boolean down = id.equals("llama-onprem") && !t.isBefore(downFrom) && t.isBefore(downTo);
                obs.add(new AvailabilityObservation(id, t, down ? Availability.DOWN : Availability.UP,
                        Duration.ofMinutes(5), down ? "HTTP 503 from /v1/models" : null));
            }
            if (obs.size() >= 5_000) {
                store.recordAvailability(obs);
                obs = new ArrayList<>();
            }
        }
        store.recordAvailability(obs);
    }

    private static void addIncident(H2TelemetryStore store, MovableClock clock) throws Exception {
        Instant detected = MONTH.atDay(14).atTime(14, 6).atZone(ZONE).toInstant();
        clock.set(detected);
        try (IncidentService desk = IncidentService.open(store.database(), IncidentsConfig.DEFAULTS,
                RunbookLibrary.of(List.of()), clock, List.of())) {
            String id = desk.open(new NewIncident("llama-onprem answers 503: vLLM out of KV cache", Severity.P2,
                    List.of(HOST), List.of("llama-onprem")), "dana").get().id();
            clock.set(detected.plus(Duration.ofMinutes(4)));
            desk.acknowledge(id, "dana").get();
            clock.set(detected.plus(Duration.ofMinutes(26)));
            desk.moveTo(id, IncidentStatus.RESOLVED, "dana", null).get();
        }
        clock.set(MONTH.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant().plus(Duration.ofHours(9)));
    }

    /** A clock the example moves by hand, so the incident's times are those of the story. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
