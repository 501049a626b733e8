package io.watchfloor.app.ui.wall;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.watchfloor.app.ui.StatusStyle;
import io.watchfloor.model.Ages;
import io.watchfloor.model.Metric;
import io.watchfloor.model.Reading;
import io.watchfloor.model.Series;
import io.watchfloor.model.StatusEvaluator;
import io.watchfloor.model.TileKind;
import io.watchfloor.model.TileState;
import io.watchfloor.model.TileStatus;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * One GPU (or host) on the wall: a TilesFX tile (frame, corners, status border) with our own
 * content laid over it, so every line stays legible at 1366x768.
 *
 * Lines: title + status badge (shape and word), utilisation, memory bar, temperature and power,
 * utilisation sparkline, then the data's age and health flags. Stale tiles are dimmed but keep
 * their last values, with the age in the footer.
 */
final class GpuTileView {
    private static final Color BACKGROUND = Color.web("#1b1f27");
    private final Tile tile;
    private final Label title = label("tile-title");
    private final Label model = label("tile-model");
    private final Label badge = label("tile-badge");
    private final Label util = label("tile-util");
    private final Label utilUnit = label("tile-util-unit");
    private final Label reason = label("tile-reason");
    private final Label memory = label("tile-line");
    private final MemoryBar memoryBar = new MemoryBar();
    private final Label tempPower = label("tile-temp-power");
    private final Sparkline sparkline = new Sparkline();
    private final Label age = label("tile-age");
    private final HBox flags = new HBox();
    private final Label note = label("tile-note");
    private final javafx.scene.control.Tooltip notesTip = new javafx.scene.control.Tooltip();
    private java.util.List<String> shownNotes = java.util.List.of();
    private final VBox body;
    private final StackPane root;
    private TileStatus shownStatus;

    GpuTileView() {
        // the GPU name and status word never truncate; the model name gives way first
        title.setMinWidth(Region.USE_PREF_SIZE);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        util.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(title, model, spacer, badge);
        head.setAlignment(Pos.BASELINE_LEFT);
        head.getStyleClass().add("tile-head");
        HBox big = new HBox(util, utilUnit, reason);
        big.setAlignment(Pos.BASELINE_LEFT);
        big.getStyleClass().add("tile-big");
        Region footSpacer = new Region();
        HBox.setHgrow(footSpacer, Priority.ALWAYS);
        flags.getStyleClass().add("tile-flag-chips");
        flags.setAlignment(Pos.CENTER_RIGHT);
        // chips never squeeze each other; the age gives way first
        flags.setMinWidth(Region.USE_PREF_SIZE);
        HBox foot = new HBox(age, footSpacer, flags);
        foot.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(sparkline, Priority.ALWAYS);
        // the first note in one line (ellipsised); every note in the tooltip
        note.setMaxWidth(Double.MAX_VALUE);
        note.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        notesTip.setWrapText(true);
        notesTip.setMaxWidth(520);
        body = new VBox(head, big, memory, memoryBar, tempPower, note, sparkline, foot);
        body.getStyleClass().add("gpu-tile");
        body.setFillWidth(true);

        tile = TileBuilder.create()
                .skinType(Tile.SkinType.CUSTOM)
                .title("")
                .textVisible(false)
                .animated(false)
                .roundedCorners(true)
                .backgroundColor(BACKGROUND)
                .build();
        tile.setPadding(Insets.EMPTY);
        // our content sits over the tile rather than in its graphic slot: the CUSTOM skin rescales
        // its graphic from the graphic's current bounds, which shrinks text unpredictably
        root = new StackPane(tile, body);
        root.getStyleClass().add("gpu-tile-root");
    }

    Node node() {
        return root;
    }

    /** Sizes the tile; fonts scale with the tile's width so 4K walls get big text, not more tiny tiles. */
    void resize(double w, double h) {
        if (root.getPrefWidth() == w && root.getPrefHeight() == h) {
            return;
        }
        for (Region r : new Region[] {root, tile, body}) {
            r.setPrefSize(w, h);
            r.setMinSize(w, h);
            r.setMaxSize(w, h);
        }
        root.resize(w, h);
        body.setStyle("-fx-font-size: " + Math.max(9, Math.round(w / 17.0)) + "px;");
    }

    void update(TileState state, Series history) {
        Reading r = state.reading();
        title.setText(TileFormat.title(r));
        model.setText(TileFormat.model(r));
        TileStatus s = state.status();
        if (s != shownStatus) {
            body.getStyleClass().removeIf(c -> c.startsWith("status-"));
            body.getStyleClass().add(StatusStyle.styleClass(s));
            tile.setBorderColor(s == TileStatus.OK ? Color.TRANSPARENT : StatusStyle.color(s));
            tile.setBorderWidth(s == TileStatus.OK ? 0 : Math.max(2, tile.getPrefWidth() / 70));
            shownStatus = s;
        }
        badge.setText(StatusStyle.shape(s) + " " + StatusStyle.word(s));
        Metric main = r.key().kind() == TileKind.HOST ? Metric.CPU_PCT : Metric.UTIL_PCT;
        util.setText(TileFormat.percent(r.value(main)));
        utilUnit.setText(r.key().kind() == TileKind.HOST ? "% CPU" : "% util");
        boolean unreachable = r.flags().contains(io.watchfloor.model.Flag.UNREACHABLE);
        reason.setText(unreachable ? "UNREACHABLE" : s == TileStatus.OK ? "" : state.reason());
        body.getStyleClass().remove("tile-unreachable");
        if (unreachable) {
            body.getStyleClass().add("tile-unreachable");
        }
        memory.setText(TileFormat.memory(r));
        Double pct = StatusEvaluator.memPct(r);
        memoryBar.setFraction(pct == null ? 0 : pct / 100.0);
        tempPower.setText(TileFormat.tempAndPower(r));
        showChips(r);
        showNotes(r);
        sparkline.show(history == null ? Series.EMPTY : history, StatusStyle.color(s == TileStatus.OK ? TileStatus.OK : s));
        tick(state.ageSeconds());
    }

    /** Refreshes only the age; called every second for the visible page. */
    void tick(double ageSeconds) {
        String a = Ages.format(ageSeconds);
        age.setText(shownStatus == TileStatus.STALE ? "STALE " + a : a + " ago");
    }

    private void showChips(Reading r) {
        java.util.List<javafx.scene.Node> chips = new java.util.ArrayList<>();
        for (TileFormat.Chip c : TileFormat.chips(r)) {
            Label l = label("tile-flags");
            l.setText(c.text());
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.getStyleClass().add("flag-chip");
            if (c.crit()) {
                l.getStyleClass().add("flag-crit");
            }
            if (c.flag() == io.watchfloor.model.Flag.DEMO) {
                l.getStyleClass().add("flag-demo");
            }
            chips.add(l);
        }
        flags.getChildren().setAll(chips);
    }

    private void showNotes(Reading r) {
        String first = r.flags().contains(io.watchfloor.model.Flag.UNREACHABLE)
                ? TileFormat.unreachableNote(r) : TileFormat.firstNote(r);
        note.setText(first);
        note.setVisible(!first.isEmpty());
        note.setManaged(!first.isEmpty());
        if (!r.notes().equals(shownNotes)) {
            shownNotes = r.notes();
            if (shownNotes.isEmpty()) {
                javafx.scene.control.Tooltip.uninstall(root, notesTip);
            } else {
                notesTip.setText(String.join("\n", shownNotes));
                javafx.scene.control.Tooltip.install(root, notesTip);
            }
        }
    }

    /** All of the tile's notes (the tooltip's text), for tests. */
    java.util.List<String> notes() {
        return shownNotes;
    }

    private static Label label(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setMinWidth(0);
        return l;
    }
}
