package io.watchfloor.app.ui.endpoints;

import io.watchfloor.model.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * A small time chart on a canvas (one node however many points): the last hour of one or more series, y from 0 to a
 * rounded maximum, grid lines with values, minutes on the x axis, and a legend. Each series has its own colour AND
 * its own dash pattern, so the lines are told apart in grey-scale too. With no data it says so instead of drawing an
 * empty frame. Redrawn only when data, size or text size change.
 */
public final class TrendChart extends Region {
    private static final Color GRID = Color.web("#ffffff", 0.10);
    private static final Color TEXT = Color.web("#9da7b3");
    private static final Color TITLE = Color.web("#e6edf3");

    /** One line: its name in the legend, colour, dash pattern (null solid) and points. */
    public record Line(String label, Color color, double[] dashes, Series data) {
    }

    private final Canvas canvas = new Canvas();
    private final String title;
    private final DoubleFunction<String> axisFormat;
    private final String emptyText;
    private List<Line> lines = List.of();
    private long windowMillis = 3_600_000;
    private long endMillis;
    private double textSize = 13;

    /**
     * @param axisFormat formats a y value for the axis ("6 s", "12%")
     * @param emptyText  shown when no series has two points
     */
    public TrendChart(String title, DoubleFunction<String> axisFormat, String emptyText) {
        this.title = title;
        this.axisFormat = axisFormat;
        this.emptyText = emptyText;
        getChildren().add(canvas);
        getStyleClass().add("trend-chart");
        setMinSize(0, 0);
    }

    /** Shows the window ending at {@code endMillis} (the snapshot's time). */
    public void show(List<Line> data, long endMillis, long windowMillis) {
        this.lines = List.copyOf(data);
        this.endMillis = endMillis;
        this.windowMillis = windowMillis;
        redraw();
    }

    public void setTextSize(double px) {
        if (px != textSize) {
            textSize = px;
            redraw();
        }
    }

    /** Whether any line has enough points to draw (for tests and the empty text). */
    public boolean hasData() {
        return lines.stream().anyMatch(l -> l.data() != null && l.data().size() >= 2);
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 0;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (w < 40 || h < 40) {
            return;
        }
        Font font = Font.font("DejaVu Sans", textSize);
        Font bold = Font.font("DejaVu Sans", FontWeight.BOLD, textSize);
        double line = textSize * 1.35;
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(bold);
        g.setFill(TITLE);
        g.fillText(title, 0, 0);
        drawLegend(g, font, w, line);

        long start = endMillis - windowMillis;
        double max = 0;
        for (Line l : lines) {
            Series s = l.data();
            for (int i = 0; s != null && i < s.size(); i++) {
                if (s.times()[i] >= start) {
                    max = Math.max(max, s.values()[i]);
                }
            }
        }
        double top5 = niceCeiling(max);
        boolean data = hasData();
        double left = textSize * 0.6;
        if (data) {
            for (int i = 0; i <= 4; i++) {
                left = Math.max(left, textWidth(axisFormat.apply(top5 * i / 4), font) + textSize * 0.8);
            }
        }
        double top = line * 1.3;
        double bottom = h - line;
        double right = w - textSize * 0.5;
        double plotW = right - left;
        double plotH = bottom - top;
        if (plotW < 20 || plotH < 20) {
            return;
        }
        g.setFont(font);
        g.setLineWidth(1);
        g.setLineDashes((double[]) null);
        for (int i = 0; i <= 4; i++) {
            double v = top5 * i / 4;
            double y = bottom - plotH * i / 4;
            g.setStroke(GRID);
            g.strokeLine(left, Math.round(y) + 0.5, right, Math.round(y) + 0.5);
            if (!data) {
                continue; // no scale without data: an axis from 0 to 1 ms would be invented
            }
            g.setFill(TEXT);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(axisFormat.apply(v), left - textSize * 0.4, y);
        }
        g.setTextBaseline(VPos.TOP);
        long minutes = windowMillis / 60_000;
        for (int i = 0; i <= 4; i++) {
            double x = left + plotW * i / 4;
            long ago = minutes - minutes * i / 4;
            g.setTextAlign(i == 0 ? TextAlignment.LEFT : i == 4 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(ago == 0 ? "now" : "−" + ago + " min", x, bottom + textSize * 0.2);
        }
        if (!data) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.setFill(TEXT);
            g.fillText(emptyText, left + plotW / 2, top + plotH / 2);
            return;
        }
        for (Line l : lines) {
            Series s = l.data();
            if (s == null || s.size() < 2) {
                continue;
            }
            List<double[]> pts = new ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) {
                long t = s.times()[i];
                if (t < start || t > endMillis) {
                    continue;
                }
                double x = left + plotW * (t - start) / (double) windowMillis;
                double y = bottom - plotH * Math.max(0, Math.min(1, s.values()[i] / top5));
                pts.add(new double[] {x, y});
            }
            if (pts.size() < 2) {
                continue;
            }
            double[] xs = new double[pts.size()];
            double[] ys = new double[pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                xs[i] = pts.get(i)[0];
                ys[i] = pts.get(i)[1];
            }
            g.setStroke(l.color());
            g.setLineWidth(Math.max(1.5, textSize / 6));
            g.setLineDashes(scaled(l.dashes()));
            g.strokePolyline(xs, ys, xs.length);
        }
        g.setLineDashes((double[]) null);
    }

    private void drawLegend(GraphicsContext g, Font font, double w, double line) {
        g.setFont(font);
        double x = w;
        g.setTextAlign(TextAlignment.LEFT);
        // right-aligned: measure by drawing from the right, widest last
        List<Line> reversed = new ArrayList<>(lines);
        java.util.Collections.reverse(reversed);
        for (Line l : reversed) {
            double textW = textWidth(l.label(), font);
            double sample = textSize * 2;
            x -= textW;
            g.setFill(TEXT);
            g.fillText(l.label(), x, 0);
            x -= sample + textSize * 0.4;
            g.setStroke(l.color());
            g.setLineWidth(Math.max(1.5, textSize / 6));
            g.setLineDashes(scaled(l.dashes()));
            g.strokeLine(x, line * 0.4, x + sample, line * 0.4);
            g.setLineDashes((double[]) null);
            x -= textSize * 1.2;
        }
    }

    private double[] scaled(double[] dashes) {
        if (dashes == null) {
            return null;
        }
        double[] out = new double[dashes.length];
        double k = textSize / 13.0;
        for (int i = 0; i < dashes.length; i++) {
            out[i] = dashes[i] * k;
        }
        return out;
    }

    private static double textWidth(String s, Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    /** 1, 2, 4, 6 or 8 times a power of ten at or above v (at least 1), so the four grid steps are round values. */
    static double niceCeiling(double v) {
        if (!(v > 1)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 4, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Axis text for latency: "800 ms", "2.5 s". */
    public static String msAxis(double ms) {
        if (ms == 0) {
            return "0";
        }
        return ms < 1000 ? plain(ms) + " ms" : plain(ms / 1000) + " s";
    }

    /** Axis text for percentages: "12%", "2.5%". */
    public static String pctAxis(double v) {
        return plain(v) + "%";
    }

    /** Up to two decimals, no trailing zeros: "0.25", "1.5", "20". */
    static String plain(double v) {
        return new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
