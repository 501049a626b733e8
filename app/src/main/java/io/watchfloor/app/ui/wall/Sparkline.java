package io.watchfloor.app.ui.wall;

import io.watchfloor.model.Series;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A 0-100 % history line drawn on a canvas that fills the space the tile gives it. Redrawn only when its data, size or colour change,
 * not on every pulse; a canvas is one node however many points it holds.
 */
final class Sparkline extends Region {
    private final Canvas canvas = new Canvas();
    private Series series = Series.EMPTY;
    private Color color = Color.GRAY;

    Sparkline() {
        getChildren().add(canvas);
        setMinSize(0, 0);
    }

    // a canvas is not resizable; the region takes whatever space the tile gives and sizes it here
    @Override
    protected void layoutChildren() {
        fit(Math.floor(getWidth()), Math.floor(getHeight()));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 0;
    }

    void show(Series data, Color lineColor) {
        if (data == series && lineColor.equals(color)) {
            return;
        }
        series = data;
        color = lineColor;
        redraw();
    }

    private void fit(double w, double h) {
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setStroke(Color.web("#ffffff", 0.08));
        g.setLineWidth(1);
        g.strokeLine(0, h - 0.5, w, h - 0.5);
        int n = series.size();
        if (n < 2) {
            return;
        }
        long t0 = series.times()[0];
        long span = Math.max(1, series.times()[n - 1] - t0);
        double[] xs = new double[n + 2];
        double[] ys = new double[n + 2];
        for (int i = 0; i < n; i++) {
            xs[i] = (series.times()[i] - t0) * w / span;
            double v = Math.max(0, Math.min(100, series.values()[i]));
            ys[i] = h - 1 - v * (h - 2) / 100.0;
        }
        xs[n] = w;
        ys[n] = h;
        xs[n + 1] = 0;
        ys[n + 1] = h;
        g.setFill(color.deriveColor(0, 1, 1, 0.18));
        g.fillPolygon(xs, ys, n + 2);
        g.setStroke(color);
        g.setLineWidth(Math.max(1.2, h / 18));
        g.strokePolyline(xs, ys, n);
    }
}
