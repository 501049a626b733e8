package io.watchfloor.app.ui.usage;

import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.wall.WallLayout;
import io.watchfloor.usage.IncidentSummary;
import io.watchfloor.usage.OptimisationHint;
import io.watchfloor.usage.ReportKind;
import io.watchfloor.usage.ReportScope;
import io.watchfloor.usage.ReportWindow;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.render.ReportFormat;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Usage page: pick a customer or endpoint, a week or a month, and read what customer success would send:
 * headline figures against the previous period, trends, a row per endpoint, the incidents, hints and notes. The
 * same report exports to PDF, CSV and HTML. Binds to {@link UsageViewModel}; does no I/O itself.
 */
public final class UsageView {
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private final UsageViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ComboBox<ReportScope> scopePicker = new ComboBox<>();
    private final ToggleButton weekly = new ToggleButton("Weekly");
    private final ToggleButton monthly = new ToggleButton("Monthly");
    private final Button back = new Button("◀");
    private final Button forward = new Button("▶");
    private final Label period = new Label();
    private final DatePicker day = new DatePicker();
    private final Label heading = new Label();
    private final Label exportStatus = new Label();
    private final Label stateText = new Label();
    private final VBox content = new VBox();
    private final SummaryCards cards = new SummaryCards();
    private final UsageCharts charts = new UsageCharts();
    private final EndpointUsageTable table = new EndpointUsageTable();
    private final VBox incidents = new VBox();
    private final VBox hints = new VBox();
    private final VBox notes = new VBox();
    private final VBox hintsBox;
    private final Button[] exports = new Button[ReportFormat.values().length];
    /** Where an export goes; null from it cancels. The page asks with a file chooser, tests answer directly. */
    private Function<ReportFormat, Path> targets = this::chooseFile;
    private boolean updating;

    public UsageView(UsageViewModel vm) {
        this.vm = vm;
        root.getStyleClass().addAll("wall", "usage-page");
        Theme.addPageSheet(root, Theme.ENDPOINTS);
        Theme.addPageSheet(root, Theme.USAGE);
        root.setTop(new VBox(topBar(), reportBar()));

        stateText.getStyleClass().add("usage-state");
        stateText.setWrapText(true);
        Label tableTitle = section("Endpoints");
        Label incidentsTitle = section("Incidents");
        Label notesTitle = section("Notes");
        hintsBox = new VBox(section("Optimisation hints"), hints);
        VBox left = new VBox(incidentsTitle, incidents);
        VBox right = new VBox(hintsBox, notesTitle, notes);
        for (VBox b : new VBox[] {left, right, incidents, hints, notes, hintsBox}) {
            b.getStyleClass().add("usage-list");
        }
        HBox lower = new HBox(left, right);
        lower.getStyleClass().add("usage-lower");
        for (VBox b : new VBox[] {left, right}) {
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setPrefWidth(1);
            b.setMinWidth(0);
        }
        content.getChildren().setAll(cards.node(), charts.node(), tableTitle, table.node(), lower);
        content.getStyleClass().add("usage-content");
        VBox body = new VBox(stateText, content);
        body.getStyleClass().add("usage-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("usage-scroll");
        root.setCenter(scroll);

        Label hint = new Label("Usage comes from the endpoint sources the console polls; uptime from its probes. "
                + "Weeks run Monday to Sunday, months by the calendar, in the customer's time zone.");
        hint.getStyleClass().add("legend");
        HBox footer = new HBox(hint);
        footer.getStyleClass().add("footer");
        root.setBottom(footer);

        vm.scopes().addListener((javafx.collections.ListChangeListener<ReportScope>) c -> syncChoices());
        vm.scopeProperty().addListener((o, a, b) -> syncChoices());
        vm.kindProperty().addListener((o, a, b) -> syncChoices());
        vm.windowProperty().addListener((o, a, b) -> syncChoices());
        vm.stateProperty().addListener((o, a, b) -> render());
        vm.reportProperty().addListener((o, a, b) -> render());
        exportStatus.textProperty().bind(vm.exportStatusProperty());
        root.widthProperty().addListener((o, a, b) -> scale());
        root.heightProperty().addListener((o, a, b) -> scale());
        syncChoices();
        render();
    }

    private Region topBar() {
        Label brand = new Label("WATCHFLOOR");
        brand.getStyleClass().add("brand");
        Label title = new Label("Usage");
        title.getStyleClass().add("page-title");
        scopePicker.setItems(vm.scopes());
        scopePicker.setPromptText("customer or endpoint");
        scopePicker.getStyleClass().add("usage-scope");
        scopePicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(ReportScope s) {
                if (s == null) {
                    return "";
                }
                String name = vm.nameOf(s);
                String what = s.kind() == ReportScope.Kind.CUSTOMER ? "Customer" : "Endpoint";
                return what + " · " + name + (name.equals(s.id()) ? "" : " (" + s.id() + ")");
            }

            @Override
            public ReportScope fromString(String s) {
                return null;
            }
        });
        scopePicker.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                vm.selectScope(b);
            }
        });
        ToggleGroup kinds = new ToggleGroup();
        weekly.setToggleGroup(kinds);
        monthly.setToggleGroup(kinds);
        weekly.getStyleClass().addAll("usage-kind", "usage-kind-weekly");
        monthly.getStyleClass().addAll("usage-kind", "usage-kind-monthly");
        kinds.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one of the two is always chosen
            } else if (!updating) {
                vm.selectKind(now == weekly ? ReportKind.WEEKLY : ReportKind.MONTHLY);
            }
        });
        HBox kindBox = new HBox(weekly, monthly);
        kindBox.getStyleClass().add("usage-kind-box");
        back.getStyleClass().addAll("usage-step", "usage-back");
        forward.getStyleClass().addAll("usage-step", "usage-forward");
        back.setOnAction(e -> vm.step(-1));
        forward.setOnAction(e -> vm.step(1));
        back.setTooltip(new javafx.scene.control.Tooltip("previous period"));
        forward.setTooltip(new javafx.scene.control.Tooltip("next period"));
        period.getStyleClass().add("usage-period");
        day.getStyleClass().add("usage-day");
        day.setPromptText("go to date");
        day.setShowWeekNumbers(true);
        day.setConverter(new javafx.util.converter.LocalDateStringConverter(
                DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE));
        day.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                vm.pickDay(b);
            }
        });
        HBox periodBox = new HBox(back, period, forward);
        periodBox.setAlignment(Pos.CENTER_LEFT);
        periodBox.getStyleClass().add("usage-period-box");
        for (Region r : new Region[] {brand, title, kindBox, periodBox}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        scopePicker.setMinWidth(0);
        HBox top = new HBox(brand, title, scopePicker, kindBox, periodBox, day);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("top-bar");
        return top;
    }

    private Region reportBar() {
        heading.getStyleClass().add("usage-heading");
        heading.setMinWidth(0);
        exportStatus.getStyleClass().add("usage-export-status");
        exportStatus.setMinWidth(0);
        exportStatus.setWrapText(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(heading, spacer, exportStatus);
        for (ReportFormat f : ReportFormat.values()) {
            Button b = new Button("Export " + f.wireName().toUpperCase(Locale.ROOT));
            b.getStyleClass().addAll("usage-export", "usage-export-" + f.wireName());
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setOnAction(e -> export(f));
            exports[f.ordinal()] = b;
            bar.getChildren().add(b);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("usage-report-bar");
        return bar;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("usage-section");
        return l;
    }

    /** Puts the view model's choices into the controls without echoing them back as new choices. */
    private void syncChoices() {
        updating = true;
        try {
            scopePicker.setValue(vm.scopeProperty().get());
            (vm.kindProperty().get() == ReportKind.WEEKLY ? weekly : monthly).setSelected(true);
            ReportWindow w = vm.windowProperty().get();
            period.setText(w == null ? "—" : w.label());
            day.setValue(w == null ? null : w.firstDay());
            back.setDisable(w == null);
            forward.setDisable(!vm.canStepForward());
        } finally {
            updating = false;
        }
    }

    private void render() {
        UsageViewModel.State state = vm.stateProperty().get();
        UsageReport r = vm.reportProperty().get();
        boolean ready = state == UsageViewModel.State.READY && r != null;
        for (Button b : exports) {
            b.setDisable(!ready);
        }
        ReportScope s = vm.scopeProperty().get();
        ReportWindow w = vm.windowProperty().get();
        heading.setText(s == null || w == null ? "" : vm.nameOf(s) + " · " + w.label() + " · "
                + (vm.kindProperty().get() == ReportKind.WEEKLY ? "weekly report" : "monthly review")
                + (ready ? " · generated " + GENERATED.format(r.generatedAt().atZone(w.zone())) + " " + zoneName(w.zone())
                : ""));
        String said = switch (state) {
            case UNAVAILABLE -> "Usage reports are not available in this console.";
            case NO_SCOPES -> "No customers or endpoints to report on. Add endpoints (and customers: with their "
                    + "endpoints) to the configuration; usage comes from the endpoint sources the console polls.";
            case BUILDING -> "Building report…";
            case FAILED -> "Could not build the report: " + vm.problemProperty().get();
            case READY -> r == null || r.hasData() ? null : noData(r);
        };
        stateText.setText(said == null ? "" : said);
        stateText.setVisible(said != null);
        stateText.setManaged(said != null);
        stateText.getStyleClass().removeAll("usage-state-failed", "usage-state-busy");
        if (state == UsageViewModel.State.FAILED) {
            stateText.getStyleClass().add("usage-state-failed");
        } else if (state == UsageViewModel.State.BUILDING) {
            stateText.getStyleClass().add("usage-state-busy");
        }
        boolean show = ready && r.hasData();
        content.setVisible(show);
        content.setManaged(show);
        if (show) {
            cards.show(r);
            charts.show(r);
            table.show(r.endpoints());
            showIncidents(r);
            showHints(r);
            showNotes(r);
        }
    }

    private static String noData(UsageReport r) {
        return "No data for " + r.scopeName() + " in " + r.window().label() + ".\n"
                + "Usage comes from the endpoint sources the console polls (requests, tokens, errors, latency) and "
                + "uptime from its probes: with the console running and these endpoints configured, the report "
                + "fills in from the first poll on. Earlier periods stay empty." + (r.notes().isEmpty() ? ""
                : "\n" + String.join("\n", r.notes()));
    }

    private void showIncidents(UsageReport r) {
        incidents.getChildren().clear();
        if (r.incidents().isEmpty()) {
            incidents.getChildren().add(muted("No incidents touched these endpoints in this period."));
            return;
        }
        ZoneId zone = r.window().zone();
        DateTimeFormatter at = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
        for (IncidentSummary i : r.incidents()) {
            String when = at.format(i.detectedAt().atZone(zone)) + (i.resolvedAt() == null ? ", unresolved"
                    : " – " + at.format(i.resolvedAt().atZone(zone)));
            Label l = new Label(i.id() + "  " + i.severity() + "  " + i.title() + "\n" + when + " · " + i.status()
                    + (i.slaDownSeconds() > 0 ? " · SLA down " + UsageFormat.duration(i.slaDownSeconds()) : "")
                    + " · " + String.join(", ", i.endpoints()));
            l.setWrapText(true);
            l.getStyleClass().addAll("usage-incident", "sev-" + i.severity().toLowerCase(Locale.ROOT));
            incidents.getChildren().add(l);
        }
    }

    private void showHints(UsageReport r) {
        boolean monthly = r.kind() == ReportKind.MONTHLY;
        hintsBox.setVisible(monthly);
        hintsBox.setManaged(monthly);
        hints.getChildren().clear();
        if (r.hints().isEmpty()) {
            hints.getChildren().add(muted("Nothing to suggest this month."));
        }
        for (OptimisationHint h : r.hints()) {
            StringBuilder figures = new StringBuilder();
            for (OptimisationHint.Figure f : h.figures()) {
                figures.append(figures.isEmpty() ? "" : " · ").append(f.label()).append(": ").append(f.value());
            }
            Label l = new Label(h.text() + (figures.isEmpty() ? "" : "\n" + figures));
            l.setWrapText(true);
            l.getStyleClass().add("usage-hint");
            hints.getChildren().add(l);
        }
    }

    private void showNotes(UsageReport r) {
        notes.getChildren().clear();
        if (r.notes().isEmpty()) {
            notes.getChildren().add(muted("None: every figure is covered by data."));
        }
        for (String n : r.notes()) {
            Label l = new Label("• " + n);
            l.setWrapText(true);
            l.getStyleClass().add("usage-note");
            notes.getChildren().add(l);
        }
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("usage-muted");
        return l;
    }

    private static String zoneName(ZoneId zone) {
        return zone.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
    }

    private void export(ReportFormat format) {
        Path file = targets.apply(format);
        if (file != null) {
            vm.export(format, file);
        }
    }

    private Path chooseFile(ReportFormat format) {
        UsageReport r = vm.reportProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the report as " + format.wireName().toUpperCase(Locale.ROOT));
        chooser.setInitialFileName(r == null ? "usage" + format.extension() : fileName(r, format));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.wireName().toUpperCase(Locale.ROOT),
                "*" + format.extension()));
        java.io.File chosen = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        return chosen == null ? null : chosen.toPath();
    }

    /** "usage-acme-2026-11.pdf", "usage-llama-70b-2026-11-16.csv". */
    static String fileName(UsageReport r, ReportFormat format) {
        LocalDate first = r.window().firstDay();
        String when = r.kind() == ReportKind.MONTHLY ? first.toString().substring(0, 7) : first.toString();
        return "usage-" + r.scope().id().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + when + format.extension();
    }

    private void scale() {
        double s = WallLayout.scaleFor(root.getWidth(), root.getHeight());
        double fontPx = Math.max(12, Math.round(15 * s));
        root.setStyle("-fx-font-size: " + fontPx + "px;");
        charts.scale(fontPx);
        table.scale(fontPx);
    }

    public BorderPane node() {
        return root;
    }

    /** Where exports go instead of asking with a file chooser (tests, scripted exports). */
    public void setExportTargets(Function<ReportFormat, Path> chooser) {
        this.targets = chooser;
    }

    // for tests
    EndpointUsageTable table() {
        return table;
    }
}
