package io.watchfloor.app.ui.endpoints;

import io.watchfloor.model.endpoint.EndpointStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * The tiles above the Endpoints table: one compact tile per endpoint in configuration order, at most two rows. When
 * more endpoints exist than fit, the last place says how many more and how many of those are not UP, so a problem
 * is never hidden by the cut (the table below lists everything).
 */
final class EndpointTileStrip extends Region {
    static final int MAX_ROWS = 2;
    private final List<EndpointTileView> pool = new ArrayList<>();
    private final Label more = new Label();
    private final Consumer<String> onClick;
    private List<EndpointRow> rows = List.of();
    private double scale = 1;
    /** Columns at the current width (the last layout's); 6 before the first layout. */
    private int columns = 6;

    EndpointTileStrip(Consumer<String> onClick) {
        this.onClick = onClick;
        getStyleClass().add("ep-strip");
        more.getStyleClass().add("ep-strip-more");
        more.setWrapText(true);
    }

    void setScale(double s) {
        if (s != scale) {
            scale = s;
            requestLayout();
        }
    }

    void setRows(List<EndpointRow> r) {
        rows = List.copyOf(r);
        refresh();
        requestLayout();
    }

    private double minTileWidth() {
        return 230 * scale;
    }

    double tileHeight() {
        return Math.round(Math.max(72, 96 * scale));
    }

    private double gap() {
        return Math.round(8 * scale);
    }

    private double pad() {
        return Math.round(12 * scale);
    }

    private int columns(double width) {
        return Math.max(1, (int) Math.floor((width - 2 * pad() + gap()) / (minTileWidth() + gap())));
    }

    @Override
    protected double computePrefHeight(double width) {
        if (rows.isEmpty()) {
            return 0;
        }
        double w = width > 0 ? width : getWidth();
        int cols = columns(w);
        int r = Math.min(MAX_ROWS, (rows.size() + cols - 1) / cols);
        return pad() + r * (tileHeight() + gap());
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    /** How many tiles fit, the last place going to "+N more" when not all do. */
    private int shownCount() {
        int capacity = columns * MAX_ROWS;
        return rows.size() > capacity ? capacity - 1 : rows.size();
    }

    /** Brings the tile views up to date with the rows: outside layout, so their restyling is due this pulse. */
    private void refresh() {
        int shown = shownCount();
        while (pool.size() < shown) {
            EndpointTileView v = new EndpointTileView();
            v.onClick(onClick);
            pool.add(v);
        }
        if (pool.size() > shown) {
            pool.subList(shown, pool.size()).clear();
        }
        List<javafx.scene.Node> children = new ArrayList<>(shown + 1);
        for (int i = 0; i < shown; i++) {
            pool.get(i).update(rows.get(i));
            children.add(pool.get(i).node());
        }
        if (rows.size() > shown) {
            List<EndpointRow> rest = rows.subList(shown, rows.size());
            long notUp = rest.stream().filter(r -> r.state().status() != EndpointStatus.UP).count();
            more.setText("+" + rest.size() + " more" + (notUp > 0 ? "\n" + notUp + " not UP" : "") + "\nin the table");
            children.add(more);
        }
        if (!getChildren().equals(children)) {
            getChildren().setAll(children);
        }
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        int cols = columns(w);
        if (cols != columns) {
            columns = cols; // a resize changes how many fit: rare, so updating here is fine
            refresh();
        }
        int shown = shownCount();
        int perRow = Math.min(cols, Math.max(1, rows.size()));
        double tileW = Math.floor((w - 2 * pad() - (perRow - 1) * gap()) / perRow);
        tileW = Math.min(tileW, minTileWidth() * 1.8);
        double tileH = tileHeight();
        for (int i = 0; i < shown; i++) {
            EndpointTileView v = pool.get(i);
            v.resize(tileW, tileH);
            v.node().relocate(pad() + (i % cols) * (tileW + gap()), pad() / 2 + (i / cols) * (tileH + gap()));
        }
        if (rows.size() > shown) {
            more.setStyle("-fx-font-size: " + Math.round(Math.max(11, 15 * scale)) + "px;");
            more.resizeRelocate(pad() + (shown % cols) * (tileW + gap()), pad() / 2 + (shown / cols) * (tileH + gap()), tileW, tileH);
        }
    }

    /** The tile views on screen (tests). */
    List<EndpointTileView> tiles() {
        return List.copyOf(pool);
    }
}
