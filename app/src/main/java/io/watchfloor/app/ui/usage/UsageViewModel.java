package io.watchfloor.app.ui.usage;

import io.watchfloor.app.ui.FxExecutor;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.UsageReports;
import io.watchfloor.usage.render.ReportFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Usage page's state: which report is chosen (scope, kind, window) and what came of building it. Reports are
 * built and exported on {@code background}; results land through {@code fx}. A result for a choice the operator has
 * since changed is dropped, so the page never shows last week's numbers under this week's label.
 */
public final class UsageViewModel {
    /** What the body shows. */
    public enum State { NO_SCOPES, BUILDING, READY, FAILED, UNAVAILABLE }

    private final UsageReports reports;
    private final WatchfloorConfig config;
    private final Clock clock;
    private final FxExecutor fx;
    private final Executor background;
    private final ReportFiles.Writer writer;

    private final ObservableList<ReportScope> scopes = FXCollections.observableArrayList();
    private final ObjectProperty<ReportScope> scope = new SimpleObjectProperty<>();
    private final ObjectProperty<ReportKind> kind = new SimpleObjectProperty<>(ReportKind.WEEKLY);
    private final ObjectProperty<ReportWindow> window = new SimpleObjectProperty<>();
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.BUILDING);
    private final ObjectProperty<UsageReport> report = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty exportStatus = new SimpleStringProperty("");
    /** Counts choices; a build answers only if no choice came after it. */
    private long generation;

    /**
     * @param reports null where the console has no usage reports (the page says so)
     * @param writer  writes a rendered report to a file (tests count the calls or fail them)
     */
    public UsageViewModel(UsageReports reports, WatchfloorConfig config, Clock clock, FxExecutor fx,
                          Executor background, ReportFiles.Writer writer) {
        this.reports = reports;
        this.config = config;
        this.clock = clock;
        this.fx = fx;
        this.background = background;
        this.writer = writer;
        if (reports == null) {
            state.set(State.UNAVAILABLE);
        }
    }

    /** Asks for the scopes (off the FX thread) and builds the first one's last complete week. */
    public void start() {
        if (reports == null) {
            return;
        }
        long gen = ++generation;
        state.set(State.BUILDING);
        background.execute(() -> {
            List<ReportScope> found;
            try {
                found = reports.scopes();
            } catch (RuntimeException e) {
                fx.execute(() -> fail(gen, e));
                return;
            }
            fx.execute(() -> {
                if (gen != generation) {
                    return;
                }
                scopes.setAll(found);
                if (found.isEmpty()) {
                    state.set(State.NO_SCOPES);
                } else if (scope.get() == null || !found.contains(scope.get())) {
                    selectScope(found.get(0));
                } else {
                    rebuild();
                }
            });
        });
    }

    /** Another customer or endpoint: the same kind of period, in its calendar (its zone may differ). */
    public void selectScope(ReportScope next) {
        if (next == null || next.equals(scope.get()) && window.get() != null) {
            return;
        }
        var zone = UsagePeriods.zoneOf(config, next);
        scope.set(next);
        window.set(window.get() == null ? UsagePeriods.lastComplete(kind.get(), clock.instant(), zone)
                : UsagePeriods.containing(kind.get(), window.get().firstDay(), zone));
        rebuild();
    }

    public void selectKind(ReportKind next) {
        if (next == null || next == kind.get()) {
            return;
        }
        kind.set(next);
        if (window.get() != null) {
            window.set(UsagePeriods.switchKind(next, window.get(), clock.instant()));
            rebuild();
        }
    }

    /** One period back (-1) or on (+1); never into a period that has not begun. */
    public void step(int periods) {
        if (window.get() == null) {
            return;
        }
        ReportWindow next = UsagePeriods.step(kind.get(), window.get(), periods);
        if (UsagePeriods.begun(next, clock.instant())) {
            window.set(next);
            rebuild();
        }
    }

    public boolean canStepForward() {
        return window.get() != null
                && UsagePeriods.begun(UsagePeriods.step(kind.get(), window.get(), 1), clock.instant());
    }

    /** The week or month containing {@code day} (the date picker). */
    public void pickDay(LocalDate day) {
        if (day == null || window.get() == null) {
            return;
        }
        ReportWindow next = UsagePeriods.containing(kind.get(), day, window.get().zone());
        if (!next.equals(window.get()) && UsagePeriods.begun(next, clock.instant())) {
            window.set(next);
            rebuild();
        }
    }

    /** Builds the chosen report again (off the FX thread). */
    public void rebuild() {
        ReportScope s = scope.get();
        ReportWindow w = window.get();
        ReportKind k = kind.get();
        if (reports == null || s == null || w == null) {
            return;
        }
        long gen = ++generation;
        state.set(State.BUILDING);
        exportStatus.set("");
        background.execute(() -> {
            try {
                UsageReport built = reports.build(k, s, w);
                fx.execute(() -> {
                    if (gen == generation) {
                        report.set(built);
                        problem.set("");
                        state.set(State.READY);
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> fail(gen, e));
            }
        });
    }

    private void fail(long gen, RuntimeException e) {
        if (gen == generation) {
            report.set(null);
            problem.set(message(e));
            state.set(State.FAILED);
        }
    }

    /** Writes the shown report to {@code file} (off the FX thread); the status line says where, or why not. */
    public void export(ReportFormat format, Path file) {
        UsageReport shown = report.get();
        if (shown == null || file == null) {
            return;
        }
        exportStatus.set("Saving " + format.wireName().toUpperCase(java.util.Locale.ROOT) + "…");
        background.execute(() -> {
            String result;
            try {
                writer.write(shown, format, file);
                result = "Saved to " + file.toAbsolutePath();
            } catch (Exception e) {
                result = "Could not save " + file.getFileName() + ": " + message(e);
            }
            String said = result;
            fx.execute(() -> exportStatus.set(said));
        });
    }

    private static String message(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    public ObservableList<ReportScope> scopes() {
        return scopes;
    }

    public ReadOnlyObjectProperty<ReportScope> scopeProperty() {
        return scope;
    }

    public ReadOnlyObjectProperty<ReportKind> kindProperty() {
        return kind;
    }

    public ReadOnlyObjectProperty<ReportWindow> windowProperty() {
        return window;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public ReadOnlyObjectProperty<UsageReport> reportProperty() {
        return report;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    public ReadOnlyStringProperty exportStatusProperty() {
        return exportStatus;
    }

    /** The display name of a scope, from the configuration ("Acme Corp", "Llama 70B chat"). */
    public String nameOf(ReportScope s) {
        if (s.kind() == ReportScope.Kind.CUSTOMER) {
            var c = config.customer(s.id());
            return c == null ? s.id() : c.name();
        }
        return config.endpoints().stream().filter(e -> e.id().equals(s.id())).findFirst()
                .map(e -> e.name() == null || e.name().isBlank() ? e.id() : e.name()).orElse(s.id());
    }
}
