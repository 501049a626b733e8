package io.watchfloor.app.ui.usage;

import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import io.watchfloor.usage.UsageReport;
import io.watchfloor.usage.render.TrendCharts;
import java.util.ArrayList;
import java.time.ZoneId;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.XYPlot;
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
    private static final java.awt.Color PANEL = new java.awt.Color(0x16, 0x1b, 0x22);
    private static final java.awt.Color TEXT = new java.awt.Color(0xe6, 0xed, 0xf3);
    private static final java.awt.Color MUTED = new java.awt.Color(0xa0, 0xaa, 0xb6);
    private static final java.awt.Color GRID = new java.awt.Color(0x30, 0x36, 0x3d);
    private static final java.awt.Color FIRST_LINE = new java.awt.Color(0x58, 0xa6, 0xff);

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
        ZoneId zone = r.window().zone();
        put(requests, "Requests per hour", lines(r, TrendMetric.REQUESTS), zone);
        put(tokens, "Tokens per hour", lines(r, TrendMetric.TOKENS_IN, TrendMetric.TOKENS_OUT), zone);
        put(latency, "Latency (ms)", lines(r, TrendMetric.P50_MS, TrendMetric.P95_MS), zone);
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

    private void put(StackPane holder, String title, List<TrendSeries> lines, ZoneId zone) {
        boolean any = lines.stream().anyMatch(t -> java.util.Arrays.stream(t.values()).anyMatch(v -> !Double.isNaN(v)));
        if (!any) {
            Label none = new Label(title + ": no data in this period");
            none.getStyleClass().add("usage-muted");
            holder.getChildren().setAll(none);
            return;
        }
        ChartViewer viewer = new ChartViewer(onDark(TrendCharts.chart(title, lines, zone)));
        viewer.setMinSize(0, 0);
        holder.getChildren().setAll(new Magnified(viewer, magnify));
    }

    /**
     * The report's chart is styled for paper; on the console's dark page a white panel glares on a wall display, so
     * the screen copy gets the page's colours. Lines, scales and gaps stay exactly the report's.
     */
    private static JFreeChart onDark(JFreeChart chart) {
        chart.setBackgroundPaint(PANEL);
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(TEXT);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(PANEL);
            chart.getLegend().setItemPaint(TEXT);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(PANEL);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        for (Axis axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            axis.setTickLabelPaint(MUTED);
            axis.setLabelPaint(MUTED);
            axis.setAxisLinePaint(GRID);
            axis.setTickMarkPaint(GRID);
        }
        // the print palette's navy first line is too dark on the panel; the rest (amber, ...) read fine
        plot.getRenderer().setSeriesPaint(0, FIRST_LINE);
        if (plot.getFixedLegendItems() != null && plot.getFixedLegendItems().getItemCount() > 0) {
            plot.getFixedLegendItems().get(0).setLinePaint(FIRST_LINE);
        }
        return chart;
    }
}
