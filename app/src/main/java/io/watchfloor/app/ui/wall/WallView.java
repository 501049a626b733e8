package io.watchfloor.app.ui.wall;

import io.watchfloor.app.ui.StatusStyle;
import io.watchfloor.app.ui.endpoints.EndpointRow;
import io.watchfloor.app.ui.endpoints.EndpointStyle;
import io.watchfloor.app.ui.endpoints.EndpointTileView;
import io.watchfloor.app.ui.endpoints.EndpointsPresenter;
import io.watchfloor.model.endpoint.EndpointStatus;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Series;
import io.watchfloor.model.TileKind;
import io.watchfloor.model.TileState;
import io.watchfloor.model.TileStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;


/**
 * The GPU wall: top bar (brand, status counts, source chips, clock), a banner for failing sources,
 * the Endpoints band (one compact tile per LLM endpoint), pages of host groups with one tile per GPU,
 * and a footer with the page and the legend.
 *
 * Only the current page's tiles are in the scene graph, so rendering cost follows what is shown,
 * not the fleet size. Timers run only while the view is active (see {@link #activate()}).
 */
public final class WallView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM · zzz");
    private static final String ENDPOINT_STYLESHEET = "/assets/styles/endpoints-dark.css";

    private final WallViewModel vm;
    private final double minTileWidth;
    private final Duration rotate;
    private final BorderPane root = new BorderPane();
    private final Pane pageArea = new Pane();
    private final Label brand = new Label("WATCHFLOOR");
    private final HBox counts = new HBox();
    private final Label clock = new Label();
    private final Label date = new Label();
    private final Label pageLabel = new Label();
    private final Label legend = new Label();
    private final Label empty = new Label();
    private final SourceBar sources = new SourceBar();
    private final IncidentBanner incidents = new IncidentBanner();
    /**
     * Tile views are pooled like list cells: only as many as one page shows, rebound to other tiles
     * when the page turns. Memory follows the screen, not the fleet (a week-long wall of 256 GPUs).
     */
    private final List<GpuTileView> pool = new ArrayList<>();
    private final Map<String, GpuTileView> onScreen = new HashMap<>();
    private final List<EndpointTileView> endpointPool = new ArrayList<>();
    private final Map<String, EndpointTileView> endpointsOnScreen = new HashMap<>();
    private final Map<String, TileState> states = new HashMap<>();
    private final Timeline ticker;
    private final Timeline rotator;
    private WallLayout.Result layout;
    private Label endpointHeader;
    private boolean endpointHeaderContinued;
    private List<String> layoutKey = List.of();
    private int page;
    private boolean paused;
    /** "Open shell" on host headers; none where the console has no shells (and never on a wall display). */
    private io.watchfloor.app.ui.access.ShellLauncher shells;

    public WallView(WallViewModel vm, double minTileWidth, Duration rotate) {
        this.vm = vm;
        this.minTileWidth = minTileWidth;
        this.rotate = rotate;
        root.getStyleClass().add("wall");
        var endpointCss = WallView.class.getResource(ENDPOINT_STYLESHEET);
        if (endpointCss != null) {
            root.getStylesheets().add(endpointCss.toExternalForm());
        }
        io.watchfloor.app.ui.Theme.addPageSheet(root, io.watchfloor.app.ui.Theme.INCIDENTS);
        brand.getStyleClass().add("brand");
        counts.getStyleClass().add("status-counts");
        clock.getStyleClass().add("clock");
        date.getStyleClass().add("clock-date");
        pageLabel.getStyleClass().add("page-label");
        legend.getStyleClass().add("legend");
        empty.getStyleClass().add("empty-wall");
        empty.setWrapText(true);
        empty.setAlignment(Pos.CENTER);
        pageArea.getStyleClass().add("page-area");

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox clockBox = new VBox(clock, date);
        clockBox.setAlignment(Pos.CENTER_RIGHT);
        HBox top = new HBox(brand, counts, spacer, sources.chips(), clockBox);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("top-bar");
        // open incidents first: they are what someone must act on; then sources that are down
        VBox header = new VBox(top, incidents.node(), sources.banner());
        Region footSpacer = new Region();
        HBox.setHgrow(footSpacer, Priority.ALWAYS);
        legend.setText(legendText());
        HBox footer = new HBox(pageLabel, footSpacer, legend);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.getStyleClass().add("footer");
        root.setTop(header);
        root.setCenter(pageArea);
        root.setBottom(footer);

        pageArea.widthProperty().addListener((o, a, b) -> relayout(true));
        pageArea.heightProperty().addListener((o, a, b) -> relayout(true));
        vm.modelProperty().addListener((o, a, m) -> render(m));
        root.widthProperty().addListener((o, a, b) -> scaleChrome());
        root.heightProperty().addListener((o, a, b) -> scaleChrome());

        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        rotator = new Timeline(new KeyFrame(javafx.util.Duration.millis(rotate.toMillis()), e -> {
            if (!paused) {
                showPage(page + 1);
            }
        }));
        rotator.setCycleCount(Timeline.INDEFINITE);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        root.setFocusTraversable(true);
        render(vm.model());
    }

    public Region node() {
        return root;
    }

    /** The incident desk's newest board: the banner shows its open incidents (FX thread). */
    public void setIncidents(io.watchfloor.incidents.IncidentBoard board) {
        incidents.setBoard(board, vm.now());
        relayout(false);
    }

    /** Offers "Open shell" on the headers of hosts the launcher can reach (FX thread). */
    public void setShells(io.watchfloor.app.ui.access.ShellLauncher launcher) {
        this.shells = launcher;
        placeTiles();
    }

    /** The incident banner, for tests. */
    public IncidentBanner incidentBanner() {
        return incidents;
    }

    /** Starts the clock and the page rotation; call when the view is shown. */
    public void activate() {
        ticker.play();
        rotator.play();
    }

    /** Stops every timer; call when the view is hidden so a hidden wall costs nothing. */
    public void deactivate() {
        ticker.stop();
        rotator.stop();
    }

    public int pageCount() {
        return layout == null ? 1 : layout.pages().size();
    }

    public int page() {
        return page;
    }

    public void showPage(int p) {
        int n = pageCount();
        page = ((p % n) + n) % n;
        placeTiles();
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case RIGHT, PAGE_DOWN, DOWN -> showPage(page + 1);
            case LEFT, PAGE_UP, UP -> showPage(page - 1);
            case HOME -> showPage(0);
            case SPACE -> paused = !paused;
            default -> {
                return;
            }
        }
        updateFooter();
        e.consume();
    }

    private void render(WallPresenter.WallModel m) {
        if (m == null) {
            return;
        }
        // only the tiles on screen are updated; the others are brought up to date when their page shows
        states.clear();
        for (HostGroup h : m.hosts()) {
            for (TileState t : h.tiles()) {
                states.put(t.reading().tileId(), t);
            }
        }
        Map<String, Series> spark = vm.snapshot().sparklines();
        onScreen.forEach((id, view) -> {
            TileState t = states.get(id);
            if (t != null) {
                view.update(t, spark.get(id));
            }
        });
        if (!endpointsOnScreen.isEmpty()) {
            for (EndpointRow r : m.endpoints().rows()) {
                EndpointTileView view = endpointsOnScreen.get(r.id());
                if (view != null) {
                    view.update(r);
                }
            }
            if (endpointHeader != null) {
                endpointHeader.setText(endpointTitle(m.endpoints(), endpointHeaderContinued));
            }
        }
        updateCounts(m);
        incidents.tick(m.at());
        sources.update(m.sources(), m.at());
        clock.setText(CLOCK.format(m.at().atZone(ZoneId.systemDefault())));
        date.setText(DATE.format(m.at().atZone(ZoneId.systemDefault())));
        relayout(false);
        updateEmpty(m);
        updateFooter();
    }

    private void updateCounts(WallPresenter.WallModel m) {
        counts.getChildren().clear();
        for (TileStatus s : new TileStatus[] {TileStatus.CRIT, TileStatus.WARN, TileStatus.STALE, TileStatus.UNKNOWN, TileStatus.OK}) {
            int n = m.counts().getOrDefault(s, 0);
            if (n == 0 && s != TileStatus.OK && s != TileStatus.CRIT) {
                continue;
            }
            Label l = new Label(StatusStyle.shape(s) + " " + n + " " + s.name());
            l.getStyleClass().addAll("count", StatusStyle.styleClass(s));
            counts.getChildren().add(l);
        }
    }

    private void updateEmpty(WallPresenter.WallModel m) {
        if (!isEmpty(m)) {
            return;
        }
        StringBuilder sb = new StringBuilder("No GPUs or hosts to show yet.\n");
        if (m.sources().isEmpty()) {
            sb.append("No sources are configured.");
        }
        m.sources().forEach(s -> sb.append("\n").append(SourceBar.bannerText(s, m.at())));
        empty.setText(sb.toString());
    }

    /** Recomputes pages when the set of tiles per host or the size changed; else only refreshes. */
    private void relayout(boolean sizeChanged) {
        WallPresenter.WallModel m = vm.model();
        double w = pageArea.getWidth() > 0 ? pageArea.getWidth() : root.getWidth();
        // the banners above the pages (incidents, failing sources) take their height from the pages
        double h = root.getHeight() - incidents.height() - (sources.banner().isVisible() ? sources.banner().prefHeight(w) : 0);
        if (m == null || w <= 0 || h <= 0) {
            return;
        }
        List<String> key = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (HostGroup g : m.hosts()) {
            hosts.add(g.host());
            sizes.add(g.tiles().size());
            key.add(g.host() + "=" + g.tiles().size());
        }
        int endpoints = m.endpoints().rows().size();
        key.add("endpoints=" + endpoints);
        key.add(w + "x" + h);
        if (!sizeChanged && key.equals(layoutKey) && layout != null) {
            return;
        }
        layoutKey = key;
        layout = WallLayout.layout(w, h, minTileWidth, endpoints, hosts, sizes);
        int perPage = layout.pages().stream().mapToInt(p -> p.blocks().stream().mapToInt(WallLayout.Block::size).sum()).max().orElse(0);
        if (pool.size() > perPage) {
            pool.subList(perPage, pool.size()).clear();
        }
        int endpointsPerPage = layout.pages().stream().mapToInt(p -> p.endpoints() == null ? 0 : p.endpoints().size()).max().orElse(0);
        if (endpointPool.size() > endpointsPerPage) {
            endpointPool.subList(endpointsPerPage, endpointPool.size()).clear();
        }
        page = Math.min(page, layout.pages().size() - 1);
        placeTiles();
    }

    private void placeTiles() {
        WallPresenter.WallModel m = vm.model();
        List<Node> children = new ArrayList<>();
        if (layout == null || m == null) {
            return;
        }
        if (isEmpty(m)) {
            empty.setPrefWidth(pageArea.getWidth() * 0.8);
            empty.relocate(pageArea.getWidth() * 0.1, pageArea.getHeight() * 0.3);
            pageArea.getChildren().setAll(empty);
            return;
        }
        onScreen.clear();
        endpointsOnScreen.clear();
        endpointHeader = null;
        int used = 0;
        Map<String, HostGroup> byHost = new HashMap<>();
        m.hosts().forEach(g -> byHost.put(g.host(), g));
        WallLayout.Geometry g = layout.geometry();
        WallLayout.EndpointBlock eb = layout.pages().get(page).endpoints();
        if (eb != null) {
            placeEndpoints(eb, m.endpoints(), g, layout.band(), children);
        }
        for (WallLayout.Block b : layout.pages().get(page).blocks()) {
            HostGroup group = byHost.get(b.host());
            if (group == null) {
                continue;
            }
            double x = g.padding() + b.column() * (g.tileWidth() + g.gap());
            int span = Math.min(b.size(), g.columns());
            children.add(hostHeader(group, b, span, x, g, m.at()));
            double top = b.y() + g.hostHeaderHeight();
            for (int i = b.from(); i < b.to(); i++) {
                int idx = i - b.from();
                Node n = bind(used++, group.tiles().get(i), g).node();
                n.relocate(x + (idx % g.columns()) * (g.tileWidth() + g.gap()), top + (idx / g.columns()) * (g.tileHeight() + g.gap()));
                children.add(n);
            }
        }
        pageArea.getChildren().setAll(children);
        updateFooter();
    }

    /** The Endpoints band: a header with counts per status, then one pooled compact tile per endpoint. */
    private void placeEndpoints(WallLayout.EndpointBlock eb, EndpointsPresenter.EndpointsModel model,
                                WallLayout.Geometry g, WallLayout.BandGeometry band, List<Node> children) {
        List<EndpointRow> rows = model.rows();
        endpointHeaderContinued = eb.continued();
        endpointHeader = new Label(endpointTitle(model, eb.continued()));
        endpointHeader.getStyleClass().addAll("host-header", "endpoint-band-header");
        endpointHeader.setStyle("-fx-font-size: " + Math.round(16 * g.scale()) + "px;");
        endpointHeader.relocate(g.padding(), eb.y());
        endpointHeader.setPrefWidth(pageArea.getWidth() - 2 * g.padding());
        endpointHeader.setMaxWidth(endpointHeader.getPrefWidth());
        children.add(endpointHeader);
        double top = eb.y() + band.headerHeight();
        for (int i = eb.from(); i < Math.min(eb.to(), rows.size()); i++) {
            int idx = i - eb.from();
            while (endpointPool.size() <= idx) {
                endpointPool.add(new EndpointTileView());
            }
            EndpointTileView view = endpointPool.get(idx);
            view.resize(band.tileWidth(), band.tileHeight());
            view.update(rows.get(i));
            endpointsOnScreen.put(rows.get(i).id(), view);
            view.node().relocate(g.padding() + (idx % band.columns()) * (band.tileWidth() + g.gap()),
                    top + (idx / band.columns()) * band.rowHeight(g.gap()));
            children.add(view.node());
        }
    }

    /** "ENDPOINTS   ■ 1 DOWN  ▲ 2 DEGRADED  ● 3 UP   DEMO". */
    static String endpointTitle(EndpointsPresenter.EndpointsModel model, boolean continued) {
        StringBuilder sb = new StringBuilder("ENDPOINTS");
        if (continued) {
            sb.append(" (continued)");
        }
        for (EndpointStatus s : new EndpointStatus[] {EndpointStatus.DOWN, EndpointStatus.DEGRADED,
                EndpointStatus.UNKNOWN, EndpointStatus.UP}) {
            int n = model.counts().getOrDefault(s, 0);
            if (n > 0) {
                sb.append("   ").append(EndpointStyle.shape(s)).append(' ').append(n).append(' ').append(s.name());
            }
        }
        if (model.demo()) {
            sb.append("   · DEMO data");
        }
        return sb.toString();
    }

    private static boolean isEmpty(WallPresenter.WallModel m) {
        return m.tileCount() == 0 && m.endpoints().rows().isEmpty();
    }

    /** Binds the slot-th pooled view to a tile: sized to the layout and brought up to date. */
    private GpuTileView bind(int slot, TileState state, WallLayout.Geometry g) {
        while (pool.size() <= slot) {
            pool.add(new GpuTileView());
        }
        String id = state.reading().tileId();
        GpuTileView view = pool.get(slot);
        view.resize(g.tileWidth(), g.tileHeight());
        view.update(state, vm.snapshot().sparklines().get(id));
        onScreen.put(id, view);
        return view;
    }

    /**
     * A host's header line: its title, then for an unreachable host a red badge, why and the age of the last good
     * data, and "Open shell" where this console offers shells. One line: the note gives way (ellipsis) first.
     */
    private Node hostHeader(HostGroup group, WallLayout.Block b, int span, double x, WallLayout.Geometry g,
                            java.time.Instant now) {
        HostHealth.Unreachable down = HostHealth.unreachable(group, now);
        // a host shown in one column (only its host tile) has no room for the note and a button beside the title
        boolean narrow = span == 1;
        // an unreachable host's header is about why: the short title leaves the room to the note
        Label title = new Label(hostTitle(group, b, down == null ? span : 1));
        title.getStyleClass().add("host-header");
        title.setMinWidth(narrow ? 0 : Region.USE_PREF_SIZE);
        HBox row = new HBox(title);
        row.getStyleClass().add("host-header-row");
        row.setAlignment(Pos.CENTER_LEFT);
        row.setStyle("-fx-font-size: " + Math.round(16 * g.scale()) + "px;");
        double width = span * (g.tileWidth() + g.gap()) - g.gap();
        row.setPrefWidth(width);
        row.setMaxWidth(width);
        row.setPrefHeight(g.hostHeaderHeight());
        row.setMaxHeight(g.hostHeaderHeight());
        // never draw into the next host's header, whatever the fonts do
        row.setClip(new javafx.scene.shape.Rectangle(width, g.hostHeaderHeight()));
        boolean offersShell = shells != null && shells.offers(group.host());
        // in one column the button wins over the badge: the host tile below says UNREACHABLE too, and a new host's
        // key is trusted from the shell dialog (the poller never asks)
        if (down != null && !(narrow && offersShell)) {
            Label badge = new Label("UNREACHABLE");
            badge.getStyleClass().add("host-unreachable-badge");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().add(badge);
            if (!narrow) { // the host tile below carries the same note
                Label note = new Label(down.text());
                note.getStyleClass().add("host-unreachable-note");
                note.setMinWidth(0);
                note.setTooltip(new javafx.scene.control.Tooltip(down.full()));
                HBox.setHgrow(note, Priority.SOMETIMES);
                row.getChildren().add(note);
            }
        }
        if (offersShell) {
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            javafx.scene.control.Button open = shells.button(group::host, () -> null);
            if (narrow) {
                open.setText("Shell…");
            }
            open.setMinWidth(Region.USE_PREF_SIZE);
            open.setFocusTraversable(false); // the wall's arrow keys turn pages
            row.getChildren().addAll(spacer, open);
        }
        row.relocate(x, b.y());
        return row;
    }

    private static String hostTitle(HostGroup group, WallLayout.Block b, int span) {
        long gpus = group.tiles().stream().filter(t -> t.reading().key().kind() == TileKind.GPU).count();
        TileStatus worst = group.tiles().stream().map(TileState::status).max(Enum::compareTo).orElse(TileStatus.UNKNOWN);
        double util = group.tiles().stream().filter(t -> t.reading().key().kind() == TileKind.GPU)
                .map(t -> t.reading().value(Metric.UTIL_PCT)).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        String source = group.tiles().get(0).reading().sourceId();
        StringBuilder sb = new StringBuilder(group.host());
        if (b.continued()) {
            sb.append(" (continued)");
        }
        sb.append("   ").append(StatusStyle.shape(worst)).append(' ').append(worst.name());
        if (span < 3) {
            return sb.toString();
        }
        if (gpus > 0) {
            sb.append("   ").append(gpus).append(gpus == 1 ? " GPU" : " GPUs");
        }
        if (!Double.isNaN(util)) {
            sb.append(" · avg util ").append(Math.round(util)).append('%');
        }
        sb.append("   via ").append(source);
        return sb.toString();
    }

    private void updateFooter() {
        int n = pageCount();
        String rotation = n > 1 ? (paused ? " · rotation paused (space)" : " · next page every " + rotate.toSeconds() + "s") : "";
        int tilesShown = vm.model() == null ? 0 : vm.model().tileCount();
        int endpoints = vm.model() == null ? 0 : vm.model().endpoints().rows().size();
        pageLabel.setText("Page " + (page + 1) + " / " + n + rotation + " · " + tilesShown + " tiles"
                + (endpoints > 0 ? " · " + endpoints + " endpoints" : ""));
    }

    private void scaleChrome() {
        double s = WallLayout.scaleFor(root.getWidth(), root.getHeight());
        root.setStyle("-fx-font-size: " + Math.round(15 * s) + "px;");
        incidents.setScale(s);
    }

    private static String legendText() {
        StringBuilder sb = new StringBuilder();
        for (TileStatus s : TileStatus.values()) {
            sb.append(StatusStyle.shape(s)).append(' ').append(s.name()).append("   ");
        }
        return sb.toString().trim();
    }
}
