package io.watchfloor.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.app.runtime.ConsoleRuntime;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import io.watchfloor.usage.UsageFigures;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.UsageReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `watchfloor report` on 25 Nov 2026 against reports that are empty and record the window they were asked for. */
class ReportCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    Path config;
    final List<String> asked = new ArrayList<>();
    boolean closed;
    ConsoleRuntime.CacheUnavailableException cannotOpen;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void writeConfig() throws IOException {
        config = tmp.resolve("watchfloor.yaml");
        Files.writeString(config, """
                sources: [{id: demo, type: demo}]
                endpoints:
                  - id: llama-70b
                    provider: openai-compatible
                    url: http://llm.internal:8000
                    probe: {}
                    customer: acme
                """);
    }

    private final UsageReports reports = new UsageReports() {
        @Override
        public UsageReport build(ReportKind kind, ReportScope scope, ReportWindow window) {
            asked.add(kind.wireName() + " " + scope + " " + window.firstDay() + ".." + window.lastDay() + " "
                    + window.shape());
            return new UsageReport(kind, scope, scope.id(), window, CLOCK.instant(), List.of(), UsageFigures.NONE,
                    UsageFigures.NONE, List.of(), List.of(), List.of(), List.of(), List.of());
        }

        @Override
        public TrendSeries trend(ReportScope s, ReportWindow w, String subject, TrendMetric m, long step) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ReportScope> scopes() {
            return List.of(ReportScope.customer("acme"), ReportScope.endpoint("llama-70b"));
        }
    };

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ReportCommand((cfg, dir) -> {
            if (cannotOpen != null) {
                throw cannotOpen;
            }
            return new ReportCommand.Opened(reports, () -> closed = true);
        }, CLOCK));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of("--config", config.toString(), "--data-dir", tmp.resolve("data").toString()),
                Stream.of(args)).toArray(String[]::new);
        return new Run(cl.execute(all), out.toString(), err.toString());
    }

    @Test
    void writesTheLastCompleteWeekByDefault() throws IOException {
        Path file = tmp.resolve("acme.csv");
        Run r = run("--kind", "weekly", "--customer", "acme", "--out", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(asked).containsExactly("weekly customer acme 2026-11-16..2026-11-22 WEEK");
        assertThat(r.out()).contains("wrote " + file + " (0 endpoints, Week 47, 2026 (16 Nov – 22 Nov))")
                .contains("no data in Week 47, 2026");
        assertThat(file).exists();
        assertThat(closed).isTrue();
    }

    @Test
    void monthsWeeksAndDayRanges() {
        Path file = tmp.resolve("r.html");
        assertThat(run("--kind", "monthly", "--endpoint", "llama-70b", "--out", file.toString()).code()).isZero();
        assertThat(run("--kind", "monthly", "--customer", "acme", "--period", "2026-09", "--format", "pdf",
                "--out", tmp.resolve("r.bin").toString()).code()).isZero();
        assertThat(run("--kind", "weekly", "--customer", "acme", "--week", "2026-11-04", "--out", file.toString())
                .code()).isZero();
        assertThat(run("--kind", "weekly", "--customer", "acme", "--from", "2026-11-03", "--to", "2026-11-10",
                "--out", file.toString()).code()).isZero();
        assertThat(asked).containsExactly("monthly endpoint llama-70b 2026-10-01..2026-10-31 MONTH",
                "monthly customer acme 2026-09-01..2026-09-30 MONTH",
                "weekly customer acme 2026-11-02..2026-11-08 WEEK",
                "weekly customer acme 2026-11-03..2026-11-10 DAYS");
    }

    @Test
    void usageErrorsExitTwoBeforeTheCacheIsOpened() {
        String out = tmp.resolve("r.csv").toString();
        assertThat(run("--kind", "weekly", "--customer", "acme", "--endpoint", "llama-70b", "--out", out))
                .satisfies(r -> assertThat(r.code()).isEqualTo(2))
                .satisfies(r -> assertThat(r.err()).contains("give --customer or --endpoint, not both"));
        assertThat(run("--kind", "weekly", "--customer", "acme", "--from", "2026-11-10", "--to", "2026-11-03",
                "--out", out).err()).contains("--to (2026-11-03) is before --from (2026-11-10)");
        assertThat(run("--kind", "weekly", "--customer", "acme", "--from", "2026-13-01", "--to", "2026-11-03",
                "--out", out).err()).contains("--from: not a date: \"2026-13-01\"; expected YYYY-MM-DD");
        assertThat(run("--kind", "weekly", "--customer", "acme", "--period", "2026-11", "--out", out).err())
                .contains("--period names a month");
        assertThat(run("--kind", "daily", "--customer", "acme", "--out", out).code()).isEqualTo(2);
        assertThat(run("--kind", "weekly", "--customer", "acme", "--out", tmp.resolve("r.txt").toString()).err())
                .contains("--format: say which (pdf, csv or html)");
        assertThat(run("--kind", "weekly", "--out", out).err()).contains("--customer ID or --endpoint ID");
        assertThat(asked).isEmpty();
    }

    @Test
    void anUnknownCustomerOrEndpointNamesTheKnownOnes() {
        Run r = run("--kind", "weekly", "--customer", "acne", "--out", tmp.resolve("r.csv").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no customer \"acne\" in the configuration; known customers: acme");
        Run e = run("--kind", "weekly", "--endpoint", "llama", "--out", tmp.resolve("r.csv").toString());
        assertThat(e.code()).isEqualTo(1);
        assertThat(e.err()).contains("no endpoint \"llama\" in the configuration; known endpoints: llama-70b");
        assertThat(asked).isEmpty();
    }

    @Test
    void aCacheThatCannotBeOpenedExitsOneAndWritesNothing() {
        cannotOpen = new ConsoleRuntime.CacheUnavailableException("wrong key");
        Path file = tmp.resolve("r.pdf");
        Run r = run("--kind", "weekly", "--customer", "acme", "--out", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot open the cache in").contains("wrong key");
        assertThat(file).doesNotExist();
    }
}
