package io.watchfloor.app.ui.endpoints;

import io.watchfloor.app.ui.wall.SourceBar;
import io.watchfloor.app.ui.wall.WallLayout;
import io.watchfloor.model.endpoint.EndpointStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Endpoints page: a top bar with counts per status (and DEMO when the data is simulated), the sources' states,
 * a strip of endpoint tiles, the sortable table, and, for the selected endpoint (a row, or a click on a tile), a
 * detail pane with charts and SLA windows. Esc closes the detail. Fonts follow the screen size as on the wall, from
 * 1366x768 to 3840x2160.
 */
public final class EndpointsView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final String STYLESHEET = "/assets/styles/endpoints-dark.css";

    private final EndpointsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final HBox counts = new HBox();
    private final Label demo = new Label("DEMO DATA");
    private final Label clock = new Label();
    private final SourceBar sources = new SourceBar();
    private final EndpointTileStrip strip;
    private final EndpointTable table;
    private final EndpointDetailPane detail;
    private final VBox center = new VBox();
    private final Timeline ticker;
    private String selectedId;
    /** The first endpoint is opened once, so the page never starts as an empty half; afterwards the user decides. */
    private boolean openedFirst;
    private double fontPx = 15;

    public EndpointsView(EndpointsViewModel vm) {
        this.vm = vm;
        root.getStyleClass().addAll("wall", "endpoints-page");
        var css = EndpointsView.class.getResource(STYLESHEET);
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        Label brand = new Label("WATCHFLOOR");
        brand.getStyleClass().add("brand");
        Label title = new Label("Endpoints");
        title.getStyleClass().add("page-title");
        counts.getStyleClass().add("status-counts");
        demo.getStyleClass().add("demo-badge");
        clock.getStyleClass().add("clock");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // brand, counts and clock never give way; the source chips do (they fold in compact mode)
        for (Region r : new Region[] {brand, title, counts, demo, clock}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        sources.chips().setMinWidth(0);
        HBox top = new HBox(brand, title, counts, demo, spacer, sources.chips(), clock);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("top-bar");
        root.setTop(new VBox(top, sources.banner()));

        strip = new EndpointTileStrip(this::select);
        table = new EndpointTable(this::onRowSelected);
        detail = new EndpointDetailPane(() -> select(null));
        VBox.setVgrow(table.node(), Priority.ALWAYS);
        center.getStyleClass().add("endpoints-center");
        center.getChildren().addAll(strip, table.node());
        root.setCenter(center);

        Label hint = new Label("Click a row or a tile for its charts and SLA · ↑↓ move · Esc closes · click a column to sort");
        hint.getStyleClass().add("legend");
        Label legend = new Label(legendText());
        legend.getStyleClass().add("legend");
        Region footSpacer = new Region();
        HBox.setHgrow(footSpacer, Priority.ALWAYS);
        cost.getStyleClass().add("legend");
        HBox footer = new HBox(hint, footSpacer, cost, legend);
        footer.setSpacing(24);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("footer");
        root.setBottom(footer);

        root.widthProperty().addListener((o, a, b) -> scale());
        root.heightProperty().addListener((o, a, b) -> scale());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && selectedId != null) {
                select(null);
                e.consume();
            }
        });
        vm.modelProperty().addListener((o, a, m) -> render(m));
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        render(vm.model());
    }

    /** What polling each source costs (CloudWatch), shown in the footer and on the source chips. */
    public void setSourceNotes(java.util.Map<String, String> notes) {
        sources.setNotes(notes);
        StringBuilder sb = new StringBuilder();
        notes.forEach((id, note) -> sb.append(sb.isEmpty() ? "Polling cost: " : " · ").append(id).append(' ').append(note));
        cost.setText(sb.toString());
    }

    private final Label cost = new Label();

    public Region node() {
        return root;
    }

    public void activate() {
        ticker.play();
    }

    public void deactivate() {
        ticker.stop();
    }

    /** Opens the detail of this endpoint (null closes it) and selects its row. */
    public void select(String id) {
        selectedId = id;
        table.select(id);
        showDetail();
    }

    public String selected() {
        return selectedId;
    }

    private void onRowSelected(String id) {
        selectedId = id;
        showDetail();
    }

    private void showDetail() {
        EndpointsPresenter.EndpointsModel m = vm.model();
        EndpointRow row = selectedId == null || m == null ? null : m.row(selectedId);
        if (row == null) {
            selectedId = null;
            center.getChildren().remove(detail.node());
            sizeDetail();
            return;
        }
        detail.update(row, vm.snapshot(), m.at());
        if (!center.getChildren().contains(detail.node())) {
            center.getChildren().add(detail.node());
        }
        sizeDetail();
    }

    private void render(EndpointsPresenter.EndpointsModel m) {
        if (m == null) {
            return;
        }
        counts.getChildren().clear();
        for (EndpointStatus s : new EndpointStatus[] {EndpointStatus.DOWN, EndpointStatus.DEGRADED,
                EndpointStatus.UNKNOWN, EndpointStatus.UP}) {
            int n = m.counts().getOrDefault(s, 0);
            if (n == 0 && s != EndpointStatus.DOWN && s != EndpointStatus.UP) {
                continue;
            }
            Label l = new Label(EndpointStyle.shape(s) + " " + n + " " + s.name());
            l.getStyleClass().addAll("count", EndpointStyle.styleClass(s));
            counts.getChildren().add(l);
        }
        demo.setVisible(m.demo());
        demo.setManaged(m.demo());
        clock.setText(CLOCK.format(m.at().atZone(ZoneId.systemDefault())));
        sources.update(m.sources(), m.at());
        strip.setRows(m.rows());
        table.setRows(m.rows(), selectedId);
        if (!openedFirst && !m.rows().isEmpty()) {
            openedFirst = true;
            selectedId = table.firstId();
            table.setRows(m.rows(), selectedId);
        }
        showDetail();
    }

    private void scale() {
        double s = WallLayout.scaleFor(root.getWidth(), root.getHeight());
        // a laptop page must stay readable at 1366x768: never below 12 px
        fontPx = Math.max(12, Math.round(15 * s));
        root.setStyle("-fx-font-size: " + fontPx + "px;");
        // under 125 em of width (1366x768 at 12 px) a chip per source crowds the counts out
        boolean compact = root.getWidth() / fontPx < 125;
        sources.setCompact(compact);
        EndpointsPresenter.EndpointsModel m = vm.model();
        if (m != null) {
            sources.update(m.sources(), m.at());
        }
        strip.setScale(s);
        table.scale(fontPx);
        detail.setTextSize(fontPx);
        sizeDetail();
    }

    /**
     * With the detail open the table is as high as its rows (at most 45% of the page) and the detail takes the rest;
     * without it the table fills the page.
     */
    private void sizeDetail() {
        boolean open = center.getChildren().contains(detail.node());
        Region t = table.node();
        if (!open) {
            VBox.setVgrow(t, Priority.ALWAYS);
            t.setPrefHeight(Region.USE_COMPUTED_SIZE);
            t.setMinHeight(Region.USE_COMPUTED_SIZE);
            return;
        }
        double fit = table.fittingHeight(fontPx);
        double cap = Math.max(fontPx * 8, root.getHeight() * 0.45);
        VBox.setVgrow(t, Priority.NEVER);
        t.setPrefHeight(Math.min(fit, cap));
        t.setMinHeight(Math.min(fit, fontPx * 8));
        VBox.setVgrow(detail.node(), Priority.ALWAYS);
        detail.node().setMinHeight(fontPx * 14);
    }

    private static String legendText() {
        StringBuilder sb = new StringBuilder();
        for (EndpointStatus s : new EndpointStatus[] {EndpointStatus.UP, EndpointStatus.DEGRADED, EndpointStatus.DOWN,
                EndpointStatus.UNKNOWN}) {
            sb.append(EndpointStyle.badge(s)).append("   ");
        }
        return sb.toString().trim();
    }

    // for tests
    EndpointTable table() {
        return table;
    }

    EndpointDetailPane detail() {
        return detail;
    }

    EndpointTileStrip strip() {
        return strip;
    }
}
