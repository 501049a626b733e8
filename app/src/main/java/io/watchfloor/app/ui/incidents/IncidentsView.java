package io.watchfloor.app.ui.incidents;

import io.watchfloor.app.ui.PostmortemExporter;
import io.watchfloor.app.ui.Theme;
import io.watchfloor.app.ui.wall.WallLayout;
import io.watchfloor.incidents.DeliveryStatus;
import io.watchfloor.incidents.Incident;
import io.watchfloor.incidents.IncidentBoard;
import io.watchfloor.incidents.ResponseState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Incidents page: a top bar (counts of open, breached and unacknowledged incidents, the open/all filter, "Open
 * incident…", who acts, the clock), a line per problem of the incident machinery itself (store, runbooks,
 * notifications), the incident list on the left and the selected incident on the right. Fonts follow the screen size
 * as on the other pages, never below 12 px on a 1366x768 laptop.
 */
public final class IncidentsView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The list's share of the width: enough for the columns at 1366 px, the rest for the incident. */
    private static final double DIVIDER = 0.48;

    private final IncidentsViewModel vm;
    private final ZoneId zone;
    private final BorderPane root = new BorderPane();
    private final HBox counts = new HBox();
    private final Label clock = new Label();
    private final VBox problems = new VBox();
    private final ToggleButton openOnly = new ToggleButton("Open");
    private final ToggleButton all = new ToggleButton("All");
    private final Button openIncident = new Button("Open incident…");
    private final IncidentTable table = new IncidentTable(this::onRowSelected);
    private final IncidentDetailPane detail;
    private final StackPane detailHolder = new StackPane();
    private final Label noSelection = new Label("Select an incident on the left.");
    private final Timeline ticker;
    private String selectedId;
    private boolean openedFirst;

    /** What the empty list says (e.g. that no alert source is configured). */
    public void setEmptyText(String text) {
        table.setEmptyText(text);
    }

    public IncidentsView(IncidentsViewModel vm, PostmortemExporter exporter, ZoneId zone) {
        this.vm = vm;
        this.zone = zone;
        root.getStyleClass().addAll("wall", "incidents-page");
        Theme.addPageSheet(root, Theme.ENDPOINTS);
        Theme.addPageSheet(root, Theme.INCIDENTS);

        Label brand = new Label("WATCHFLOOR");
        brand.getStyleClass().add("brand");
        Label title = new Label("Incidents");
        title.getStyleClass().add("page-title");
        counts.getStyleClass().add("status-counts");
        clock.getStyleClass().add("clock");
        ToggleGroup filter = new ToggleGroup();
        openOnly.setToggleGroup(filter);
        all.setToggleGroup(filter);
        openOnly.setSelected(true);
        openOnly.getStyleClass().addAll("inc-filter", "inc-filter-open");
        all.getStyleClass().addAll("inc-filter", "inc-filter-all");
        // one of the two is always chosen
        filter.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else {
                table.setOpenOnly(now == openOnly, selectedId);
            }
        });
        HBox filterBox = new HBox(openOnly, all);
        filterBox.getStyleClass().add("inc-filter-box");
        openIncident.getStyleClass().addAll("inc-button", "inc-open-button");
        openIncident.setOnAction(e -> askOpen());
        openIncident.setDisable(!vm.available());
        Label actor = new Label("acting as " + vm.actor());
        actor.getStyleClass().add("inc-actor");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Region r : new Region[] {brand, title, counts, filterBox, openIncident, clock}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        actor.setMinWidth(0);
        HBox top = new HBox(brand, title, counts, spacer, filterBox, openIncident, actor, clock);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("top-bar");
        problems.getStyleClass().add("source-banner");
        root.setTop(new VBox(top, problems));

        table.setOpenOnly(true, null);
        if (!vm.available()) {
            table.node().setPlaceholder(new Label("Incidents are not available in this console."));
        }
        detail = new IncidentDetailPane(vm, exporter, zone);
        noSelection.getStyleClass().add("inc-no-selection");
        detailHolder.getChildren().setAll(noSelection);
        detailHolder.getStyleClass().add("inc-detail-holder");
        SplitPane split = new SplitPane(table.node(), detailHolder);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(DIVIDER);
        table.node().widthProperty().addListener((o, a, b) -> scale());
        split.getStyleClass().add("inc-split");
        root.setCenter(split);

        Label hint = new Label("↑↓ choose an incident · Tab through its actions · Ctrl+Enter adds a note · "
                + "click a column to sort");
        hint.getStyleClass().add("legend");
        Label legend = new Label("P1 critical · P2 major · P3 minor · P4 low");
        legend.getStyleClass().add("legend");
        Region footSpacer = new Region();
        HBox.setHgrow(footSpacer, Priority.ALWAYS);
        HBox footer = new HBox(hint, footSpacer, legend);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("footer");
        root.setBottom(footer);

        root.widthProperty().addListener((o, a, b) -> scale());
        root.heightProperty().addListener((o, a, b) -> scale());
        vm.boardProperty().addListener((o, a, b) -> render());
        vm.nowProperty().addListener((o, a, b) -> tick());
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        render();
    }

    public Region node() {
        return root;
    }

    public void activate() {
        vm.open();
        vm.tick();
        ticker.play();
    }

    public void deactivate() {
        ticker.stop();
        vm.close();
    }

    /** Shows this incident in the detail and selects its row (null closes the detail). */
    public void select(String id) {
        selectedId = id;
        table.select(id);
        showDetail();
    }

    public String selected() {
        return selectedId;
    }

    private void onRowSelected(String id) {
        if (id != null) {
            selectedId = id;
            showDetail();
        }
    }

    private void render() {
        IncidentBoard b = vm.board();
        Instant now = vm.now();
        table.setRows(b.incidents(), now, selectedId);
        if (!openedFirst && table.firstId() != null) {
            openedFirst = true;
            selectedId = table.firstId();
            table.select(selectedId);
        }
        renderCounts(b, now);
        renderProblems(b);
        showDetail();
        clock.setText(CLOCK.format(now.atZone(zone)));
    }

    private void tick() {
        Instant now = vm.now();
        table.setRows(vm.board().incidents(), now, selectedId);
        renderCounts(vm.board(), now);
        detail.tick(now);
        clock.setText(CLOCK.format(now.atZone(zone)));
    }

    private void showDetail() {
        Incident i = vm.find(selectedId);
        if (i == null) {
            detailHolder.getChildren().setAll(noSelection);
            return;
        }
        detail.show(i);
        if (detailHolder.getChildren().size() != 1 || detailHolder.getChildren().get(0) != detail.node()) {
            detailHolder.getChildren().setAll(detail.node());
        }
    }

    private void renderCounts(IncidentBoard b, Instant now) {
        int open = 0;
        int breached = 0;
        int waiting = 0;
        for (Incident i : b.incidents()) {
            if (!i.status().isOpen()) {
                continue;
            }
            open++;
            ResponseState r = i.responseState(now);
            if (r == ResponseState.BREACHED) {
                breached++;
            } else if (r == ResponseState.COUNTING) {
                waiting++;
            }
        }
        String[] texts = {"■ " + open + " OPEN", "⚠ " + breached + " BREACHED", "◌ " + waiting + " WAITING FOR ACK"};
        String[] classes = {open > 0 ? "inc-count-open" : "inc-count-none", "inc-count-breached", "inc-count-waiting"};
        boolean[] shown = {true, breached > 0, waiting > 0};
        if (counts.getChildren().size() != texts.length) {
            counts.getChildren().clear();
            for (int k = 0; k < texts.length; k++) {
                Label l = new Label();
                l.getStyleClass().add("count");
                counts.getChildren().add(l);
            }
        }
        for (int k = 0; k < texts.length; k++) {
            Label l = (Label) counts.getChildren().get(k);
            l.setText(texts[k]);
            IncidentDetailPane.setClass(l, "inc-count-", classes[k]);
            ChecklistPane.show(l, shown[k]);
        }
    }

    /** What is wrong with the incident machinery itself: a failed write, unreadable runbooks, failing channels. */
    private void renderProblems(IncidentBoard b) {
        problems.getChildren().clear();
        if (b.storeProblem() != null) {
            problems.getChildren().add(problem("■ Incident store: " + b.storeProblem(), "source-down"));
        }
        for (String p : b.runbookProblems()) {
            problems.getChildren().add(problem("▲ Runbook skipped: " + p, "source-degraded"));
        }
        for (DeliveryStatus d : b.deliveries()) {
            if (d.failing()) {
                problems.getChildren().add(problem("▲ Notifications to " + d.channelId() + " (" + d.kind() + ") failing"
                        + (d.lastError() == null ? "" : ": " + d.lastError())
                        + (d.pending() > 0 ? " · " + d.pending() + " waiting" : "")
                        + (d.nextAttemptAt() == null ? "" : " · retry " + IncidentFormat.time(d.nextAttemptAt(), vm.now(), zone)),
                        "source-degraded"));
            }
        }
        ChecklistPane.show(problems, !problems.getChildren().isEmpty());
    }

    private static Label problem(String text, String cls) {
        Label l = new Label(text);
        l.getStyleClass().addAll("banner-line", cls);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private void askOpen() {
        IncidentDialogs.openIncident(root.getScene() == null ? null : root.getScene().getWindow(), request ->
                vm.open(request).whenComplete((incident, err) -> {
                    if (err != null) {
                        detail.say("Could not open the incident: " + IncidentFormat.failure(err), true);
                        if (vm.find(selectedId) == null) {
                            noSelection.setText("Could not open the incident: " + IncidentFormat.failure(err));
                        }
                    } else if (incident != null) {
                        select(incident.id());
                    }
                })).show();
    }

    private void scale() {
        double s = WallLayout.scaleFor(root.getWidth(), root.getHeight());
        double fontPx = Math.max(12, Math.round(15 * s));
        root.setStyle("-fx-font-size: " + fontPx + "px;");
        table.scale(fontPx, table.node().getWidth() > 0 ? table.node().getWidth() : root.getWidth() * DIVIDER);
        detail.setTextSize(fontPx);
    }

    // for tests
    IncidentTable table() {
        return table;
    }

    IncidentDetailPane detail() {
        return detail;
    }

    void setExportTarget(Function<String, Path> target) {
        detail.setExportTarget(target);
    }
}
