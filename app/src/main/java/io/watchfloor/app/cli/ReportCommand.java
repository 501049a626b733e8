package io.watchfloor.app.cli;

import io.watchfloor.app.runtime.ConsoleRuntime;
import io.watchfloor.app.runtime.DataDirectory;
import io.watchfloor.app.runtime.UsageRuntime;
import io.watchfloor.app.ui.usage.ReportFiles;
import io.watchfloor.app.ui.usage.UsagePeriods;
import io.watchfloor.cache.CacheLockedException;
import io.watchfloor.cache.H2TelemetryStore;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.UsageReports;
import io.watchfloor.usage.render.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * `watchfloor report`: a weekly usage report or monthly review of one customer or endpoint, from the data
 * directory's cache, as PDF, CSV or HTML: the same report the Usage page shows and exports. Exit codes: 0 written
 * (also when the window holds no data: the file says so), 1 the cache cannot be opened, the customer or endpoint is
 * unknown, or the report cannot be built or written; 2 bad usage or config.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a usage report (weekly) or review (monthly) of a customer or an endpoint as PDF, CSV",
            "or HTML. The window is the last complete week or month in the customer's time zone unless --from/--to,",
            "--period or --week names another. The console must be closed (it holds the data directory); export",
            "from its Usage view while it runs."})
public final class ReportCommand implements Callable<Integer> {

    /** The reports over a data directory and what closes them; tests put fakes in. */
    public record Opened(UsageReports reports, Runnable close) {
    }

    /** Opens the reports on a data directory's cache. */
    @FunctionalInterface
    public interface ReportsOpener {
        Opened open(WatchfloorConfig config, Path dataDir) throws ConsoleRuntime.CacheUnavailableException;
    }

    @Option(names = "--kind", paramLabel = "weekly|monthly", required = true,
            description = "weekly: usage, performance and incidents; monthly: adds cost, hints and trends")
    String kind;

    @Option(names = "--customer", paramLabel = "ID", description = "report on this customer (all its endpoints and hosts)")
    String customer;

    @Option(names = "--endpoint", paramLabel = "ID", description = "report on this endpoint")
    String endpoint;

    @Option(names = "--from", paramLabel = "DATE", description = "first day, YYYY-MM-DD (with --to)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day, included (with --from)")
    String to;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "a calendar month (monthly)")
    String period;

    @Option(names = "--week", paramLabel = "DATE", description = "the week (Monday to Sunday) containing DATE (weekly)")
    String week;

    @Option(names = "--format", paramLabel = "pdf|csv|html", description = "default: from the --out file's extension")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "file to write (replaced whole)")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: the bundled example)")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "cache directory (default: ${DEFAULT-VALUE})")
    Path dataDir = DataDirectory.defaultDir();

    @Spec
    CommandSpec spec;

    private final ReportsOpener opener;
    private final Clock clock;

    public ReportCommand() {
        this(ReportCommand::openCache, Clock.systemUTC());
    }

    public ReportCommand(ReportsOpener opener, Clock clock) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Opened openCache(WatchfloorConfig config, Path dataDir)
            throws ConsoleRuntime.CacheUnavailableException {
        Clock clock = Clock.systemUTC();
        H2TelemetryStore store = ConsoleRuntime.openStore(config.cache(), dataDir, System.getenv());
        try {
            return new Opened(UsageRuntime.reportsOnly(config, store, clock), store::close);
        } catch (RuntimeException e) {
            store.close();
            throw new ConsoleRuntime.CacheUnavailableException("cannot open the usage ledger in " + store.dataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        // every usage error before anything is opened
        ReportKind reportKind = kind();
        ReportFormat reportFormat = format();
        ReportScope scope = scope();
        Choice choice = window(reportKind);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        WatchfloorConfig cfg = ConfigReport.loadOrReport(config, err);
        if (cfg == null) {
            return ExitCodes.USAGE;
        }
        String unknown = unknownScope(cfg, scope);
        if (unknown != null) {
            err.println("watchfloor report: " + unknown);
            return ExitCodes.FAILED;
        }
        ZoneId zone = UsagePeriods.zoneOf(cfg, scope);
        ReportWindow window = choice.in(reportKind, zone, clock);
        Opened opened;
        try {
            opened = opener.open(cfg, dataDir);
        } catch (ConsoleRuntime.CacheUnavailableException e) {
            err.println(e.getCause() instanceof CacheLockedException locked ? lockedMessage(locked)
                    : "watchfloor report: cannot open the cache in " + dataDir + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (RuntimeException e) {
            err.println("watchfloor report: cannot open the usage data in " + dataDir + ": " + message(e));
            return ExitCodes.FAILED;
        }
        try {
            UsageReport report = opened.reports().build(reportKind, scope, window);
            ReportFiles.write(report, reportFormat, out);
            stdout.println("wrote " + out + " (" + report.endpoints().size() + " endpoint"
                    + (report.endpoints().size() == 1 ? "" : "s") + ", " + window.label() + ")");
            if (!report.hasData()) {
                stdout.println("no data in " + window.label() + " for " + scope + ": usage comes from the endpoint"
                        + " sources the console polls; the report says so");
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("watchfloor report: cannot write " + out + ": " + message(e));
            return ExitCodes.FAILED;
        } catch (RuntimeException e) {
            err.println("watchfloor report: cannot build the report: " + message(e));
            return ExitCodes.FAILED;
        } finally {
            opened.close().run();
            stdout.flush();
            err.flush();
        }
    }

    private String lockedMessage(CacheLockedException locked) {
        var pid = locked.ownerPid();
        String holder = pid.isPresent() ? "a running Watchfloor console (pid " + pid.getAsLong() + ")"
                : "a running Watchfloor console";
        return "watchfloor report: " + holder + " holds the data directory " + dataDir + ". Export the report from"
                + " the console (Usage view), or run the command again once the console is closed.";
    }

    private ReportKind kind() {
        try {
            return ReportKind.fromWireName(kind.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--kind: " + e.getMessage());
        }
    }

    private ReportFormat format() {
        String wanted = format;
        if (wanted == null) {
            String name = out.getFileName() == null ? "" : out.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot + 1);
            if (Arrays.stream(ReportFormat.values()).noneMatch(f -> f.wireName().equalsIgnoreCase(extension))) {
                throw usage("--format: say which (pdf, csv or html); the file name " + out.getFileName()
                        + " does not tell");
            }
            wanted = extension;
        }
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(ReportFormat.values()).filter(f -> f.wireName().equals(w)).findFirst()
                .orElseThrow(() -> usage("--format: unknown format \"" + w + "\"; expected pdf, csv or html"));
    }

    private ReportScope scope() {
        if (customer != null && endpoint != null) {
            throw usage("give --customer or --endpoint, not both");
        }
        if (customer == null && endpoint == null) {
            throw usage("say what to report on: --customer ID or --endpoint ID");
        }
        return customer != null ? ReportScope.customer(customer.strip()) : ReportScope.endpoint(endpoint.strip());
    }

    /** The window as chosen on the command line; its zone comes from the scope, known once the config is loaded. */
    private interface Choice {
        ReportWindow in(ReportKind kind, ZoneId zone, Clock clock);
    }

    private Choice window(ReportKind reportKind) {
        long given = Stream.of(from != null || to != null, period != null, week != null).filter(b -> b).count();
        if (given > 1) {
            throw usage("choose the window one way: --from/--to, --period or --week");
        }
        if (from != null || to != null) {
            if (from == null || to == null) {
                throw usage("--from and --to go together (both days are included)");
            }
            LocalDate first = date("--from", from);
            LocalDate last = date("--to", to);
            if (last.isBefore(first)) {
                throw usage("--to (" + last + ") is before --from (" + first + ")");
            }
            return (k, zone, c) -> ReportWindow.days(first, last, zone);
        }
        if (period != null) {
            if (reportKind != ReportKind.MONTHLY) {
                throw usage("--period names a month: use it with --kind monthly (or --week for a weekly report)");
            }
            YearMonth month;
            try {
                month = YearMonth.parse(period.strip());
            } catch (DateTimeParseException e) {
                throw usage("--period: not a month: \"" + period + "\"; expected YYYY-MM, e.g. 2026-11");
            }
            return (k, zone, c) -> ReportWindow.month(month, zone);
        }
        if (week != null) {
            if (reportKind != ReportKind.WEEKLY) {
                throw usage("--week names a week: use it with --kind weekly (or --period for a monthly review)");
            }
            LocalDate day = date("--week", week);
            return (k, zone, c) -> ReportWindow.week(day, zone);
        }
        return (k, zone, c) -> UsagePeriods.lastComplete(k, c.instant(), zone);
    }

    private LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw usage(option + ": not a date: \"" + text + "\"; expected YYYY-MM-DD, e.g. 2026-11-16");
        }
    }

    /** Null when the config knows the scope; else what it knows instead. */
    static String unknownScope(WatchfloorConfig cfg, ReportScope scope) {
        if (scope.kind() == ReportScope.Kind.CUSTOMER) {
            var known = Stream.concat(cfg.customers().stream().map(c -> c.id()),
                    cfg.endpoints().stream().map(EndpointConfig::customer).filter(Objects::nonNull))
                    .distinct().sorted().toList();
            if (known.contains(scope.id())) {
                return null;
            }
            return "no customer \"" + scope.id() + "\" in the configuration; " + (known.isEmpty()
                    ? "it names none (add them under customers:, or customer: on an endpoint)"
                    : "known customers: " + String.join(", ", known));
        }
        var known = cfg.endpoints().stream().map(EndpointConfig::id).toList();
        if (known.contains(scope.id())) {
            return null;
        }
        return "no endpoint \"" + scope.id() + "\" in the configuration; " + (known.isEmpty()
                ? "it names none (add them under endpoints:)"
                : "known endpoints: " + known.stream().sorted().collect(Collectors.joining(", ")));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String message(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
