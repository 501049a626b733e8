package io.watchfloor.bench.report;

import io.watchfloor.bench.TempDirs;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.cache.RetentionPolicy;
import io.watchfloor.config.CacheConfig;
import io.watchfloor.config.CustomerConfig;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.IncidentsConfig;
import io.watchfloor.config.PriceModel;
import io.watchfloor.config.PriceTable;
import io.watchfloor.config.Provider;
import io.watchfloor.config.WallConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.ledger.EndpointMinute;
import io.watchfloor.usage.ledger.GpuHour;
import io.watchfloor.usage.ledger.UsageLedger;
import io.watchfloor.usage.report.IncidentHistory;
import io.watchfloor.usage.report.ReportBuilder;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How long the monthly review of one customer takes to build from a real H2 cache: 50 endpoints with a ledger row
 * every minute of a 30-day month (2.16 million rows) and 16 GPUs with a row every hour, a price change mid-month.
 * Not JMH: the interesting numbers are the first build (cold caches, JIT) and the steady state, a handful of runs.
 *
 * <p>Run from the repo root after {@code mvn -B -q -pl modules/bench -am package -DskipTests}:
 * {@code java -cp modules/bench/target/bench.jar io.watchfloor.bench.report.MonthlyReportBench [RUNS] [ENDPOINTS]}
 * (defaults 10 and 50).
 */
public final class MonthlyReportBench {
    private static final YearMonth MONTH = YearMonth.of(2026, 11);
    private static final int GPUS_PER_HOST = 8;
    private static final int HOSTS = 2;
    /** Rows per write: one day of all endpoints, so a batch stays a few MB. */
    private static final int MINUTES_PER_BATCH = 1440;

    private MonthlyReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int endpoints = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("watchfloor-report-bench");
        Clock clock = Clock.fixed(MONTH.plusMonths(1).atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant(),
                ZoneOffset.UTC);
        try (H2TelemetryStore store = H2TelemetryStore.open(dir, RetentionPolicy.DEFAULTS, null, clock)) {
            UsageLedger ledger = UsageLedger.open(store.database(), clock);
            WatchfloorConfig config = config(endpoints);
            ReportWindow window = ReportWindow.month(MONTH, ZoneOffset.UTC);

            long t0 = System.nanoTime();
            long rows = fill(ledger, config.endpoints(), window);
            double fillS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("fill: %,d ledger rows (%d endpoints x %d minutes + %d GPUs x %d hours) in %.1f s"
                            + " (%,.0f rows/s)%n", rows, endpoints, window.length().toMinutes(), HOSTS * GPUS_PER_HOST,
                    window.length().toHours(), fillS, rows / fillS);

            ReportBuilder builder = new ReportBuilder(ledger, store, IncidentHistory.of(store.database()), config,
                    clock);
            ReportScope scope = ReportScope.customer("acme");
            double[] ms = new double[runs];
            UsageReport last = null;
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                last = builder.build(ReportKind.MONTHLY, scope, window);
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            System.out.printf("report: cold (first) %.0f ms", ms[0]);
            if (runs > 1) {
                double[] warm = Arrays.copyOfRange(ms, 1, runs);
                Arrays.sort(warm);
                System.out.printf("; warm over %d runs: p50 %.0f ms, min %.0f ms, max %.0f ms", warm.length,
                        warm[warm.length / 2], warm[0], warm[warm.length - 1]);
            }
            System.out.println();
            // the whole `watchfloor report --format pdf` path: build + render (charts included)
            for (var format : List.of(io.watchfloor.usage.render.ReportFormat.PDF,
                    io.watchfloor.usage.render.ReportFormat.CSV, io.watchfloor.usage.render.ReportFormat.HTML)) {
                long r0 = System.nanoTime();
                var bytes = new java.io.ByteArrayOutputStream();
                io.watchfloor.usage.render.ReportRenderer.render(builder.build(ReportKind.MONTHLY, scope, window),
                        format, bytes);
                System.out.printf("build + render %s: %.0f ms (%,d bytes)%n", format, (System.nanoTime() - r0) / 1e6,
                        bytes.size());
            }
            // a zone with a half-hour offset: whole hours of the ledger no longer fit the report's hourly steps
            long k0 = System.nanoTime();
            builder.build(ReportKind.MONTHLY, scope, ReportWindow.month(MONTH, java.time.ZoneId.of("Asia/Kolkata")));
            System.out.printf("build in Asia/Kolkata (+05:30): %.0f ms%n", (System.nanoTime() - k0) / 1e6);
            System.out.printf("report content: %d endpoints, %d trend lines, %d cost lines, totals %s, %d hints,"
                            + " %d notes%n", last.endpoints().size(), last.trends().size(), last.costLines().size(),
                    last.costTotals(), last.hints().size(), last.notes().size());
        } finally {
            TempDirs.deleteTree(dir);
        }
    }

    static WatchfloorConfig config(int count) {
        List<EndpointConfig> endpoints = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "ep-" + i;
            ids.add(id);
            endpoints.add(new EndpointConfig(id, null, Provider.OPENAI_COMPATIBLE,
                    URI.create("http://llm-" + i + ":8000/v1"), null, Map.of(), null, null, "acme", null));
        }
        List<String> hosts = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            hosts.add("gpu-h" + h);
        }
        LocalDate change = MONTH.atDay(16);
        PriceModel tokens = new PriceModel("llama-3.1-70b", "USD", ids, List.of(), List.of(
                new PriceTable(MONTH.atDay(1).minusMonths(2), new BigDecimal("0.0025"), new BigDecimal("0.01"), null),
                new PriceTable(change, new BigDecimal("0.002"), new BigDecimal("0.008"), null)));
        PriceModel dedicated = new PriceModel("dedicated-h100", "USD", List.of(), hosts, List.of(
                new PriceTable(MONTH.atDay(1).minusMonths(2), null, null, new BigDecimal("32.00")),
                new PriceTable(change, null, null, new BigDecimal("28.00"))));
        return new WatchfloorConfig(null, List.of(), WallConfig.DEFAULTS, CacheConfig.DEFAULTS, endpoints, List.of(),
                IncidentsConfig.DEFAULTS, List.of(),
                List.of(new CustomerConfig("acme", "Acme Corp", List.of(), hosts, ZoneOffset.UTC)),
                List.of(tokens, dedicated));
    }

    private static long fill(UsageLedger ledger, List<EndpointConfig> endpoints, ReportWindow window) {
        SplittableRandom random = new SplittableRandom(42);
        Instant from = window.from();
        long minutes = window.length().toMinutes();
        long rows = 0;
        List<EndpointMinute> batch = new ArrayList<>();
        for (long m = 0; m < minutes; m++) {
            Instant minute = from.plusSeconds(60 * m);
            for (EndpointConfig e : endpoints) {
                double requests = 20 + random.nextInt(80);
                double p95 = 300 + random.nextInt(400);
                batch.add(new EndpointMinute(e.id(), minute, 60_000, requests, requests * 900, requests * 250,
                        random.nextInt(100) == 0 ? 1 : 0, random.nextInt(50) == 0 ? 2 : 0, 0.6 * p95 * requests,
                        requests, p95 * requests, requests, 0, 0));
            }
            if ((m + 1) % MINUTES_PER_BATCH == 0 || m == minutes - 1) {
                ledger.writeMinutes(batch);
                rows += batch.size();
                batch.clear();
            }
        }
        List<GpuHour> hours = new ArrayList<>();
        for (long h = 0; h < window.length().toHours(); h++) {
            Instant hour = from.plusSeconds(3600 * h);
            for (int host = 0; host < HOSTS; host++) {
                for (int g = 0; g < GPUS_PER_HOST; g++) {
                    // GPU 7 of the first host sits idle with memory held for the whole month: one IDLE_GPU hint
                    boolean idle = host == 0 && g == GPUS_PER_HOST - 1;
                    double util = idle ? 1 : 40 + random.nextInt(60);
                    hours.add(new GpuHour("gpu-h" + host, "gpu-h" + host + "/gpu" + g, hour, 3_600_000,
                            idle ? 3_600_000 : 0, util * 3_600_000, 40_000.0 * 3_600_000, 81_920));
                }
            }
        }
        ledger.writeGpuHours(hours);
        return rows + hours.size();
    }
}
