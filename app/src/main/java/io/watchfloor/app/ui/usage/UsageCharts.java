package io.watchfloor.app.ui.usage;

import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.render.TrendCharts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.jfree.chart.fx.ChartViewer;

/**
 * The report's trend lines for the whole scope, drawn by the same JFreeChart code as the PDF and HTML reports, so
 * the screen and the file show the same picture: requests, tokens in and out, and latency p50/p95.
 */
final class UsageCharts {
    private final HBox row = new HBox();
    private final StackPane requests = new StackPane();
    private final StackPane tokens = new StackPane();
    private final StackPane latency = new StackPane();
    /** JFreeChart's fonts are in pixels: the chart is drawn at 15 px text and magnified to the page's font size. */
    private double magnify = 1;

    UsageCharts() {
        row.getStyleClass().add("usage-charts");
        for (StackPane p : List.of(requests, tokens, latency)) {
            p.getStyleClass().add("usage-chart");
            p.setMinWidth(0);
            HBox.setHgrow(p, Priority.ALWAYS);
            p.setPrefWidth(1); // share the row equally
        }
        row.getChildren().setAll(requests, tokens, latency);
    }

    Region node() {
        return row;
    }

    void show(UsageReport r) {
        put(requests, "Requests per hour", lines(r, TrendMetric.REQUESTS));
        put(tokens, "Tokens per hour", lines(r, TrendMetric.TOKENS_IN, TrendMetric.TOKENS_OUT));
        put(latency, "Latency (ms)", lines(r, TrendMetric.P50_MS, TrendMetric.P95_MS));
    }

    /** Chart height in pixels (follows the page's font size). */
    void scale(double fontPx) {
        row.setPrefHeight(Math.round(fontPx * 17));
        row.setMinHeight(Math.round(fontPx * 17));
        magnify = fontPx / 15.0;
        for (StackPane p : List.of(requests, tokens, latency)) {
            p.getChildren().stream().filter(Magnified.class::isInstance).forEach(n -> ((Magnified) n).setMagnify(magnify));
        }
    }

    /** Lays a chart out at (size / magnify) and draws it magnified, so its text grows with the page's. */
    private static final class Magnified extends javafx.scene.layout.Region {
        private final ChartViewer viewer;
        private final javafx.scene.transform.Scale scale = new javafx.scene.transform.Scale(1, 1, 0, 0);
        private double magnify = 1;

        Magnified(ChartViewer viewer, double magnify) {
            this.viewer = viewer;
            viewer.getTransforms().add(scale);
            getChildren().add(viewer);
            setMinSize(0, 0);
            setMagnify(magnify);
        }

        void setMagnify(double m) {
            magnify = m;
            scale.setX(m);
            scale.setY(m);
            requestLayout();
        }

        @Override
        protected void layoutChildren() {
            viewer.resizeRelocate(0, 0, getWidth() / magnify, getHeight() / magnify);
        }
    }

    private static List<TrendSeries> lines(UsageReport r, TrendMetric... metrics) {
        List<TrendSeries> out = new ArrayList<>();
        for (TrendMetric m : metrics) {
            out.add(r.trend(m));
        }
        out.removeIf(Objects::isNull);
        return out;
    }

    private void put(StackPane holder, String title, List<TrendSeries> lines) {
        boolean any = lines.stream().anyMatch(t -> java.util.Arrays.stream(t.values()).anyMatch(v -> !Double.isNaN(v)));
        if (!any) {
            Label none = new Label(title + ": no data in this period");
            none.getStyleClass().add("usage-muted");
            holder.getChildren().setAll(none);
            return;
        }
        ChartViewer viewer = new ChartViewer(TrendCharts.chart(title, lines));
        viewer.setMinSize(0, 0);
        holder.getChildren().setAll(new Magnified(viewer, magnify));
    }
}
