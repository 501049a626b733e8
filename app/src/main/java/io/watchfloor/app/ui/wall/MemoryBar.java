package io.watchfloor.app.ui.wall;

import javafx.scene.layout.Region;

/** A thin bar filled to a fraction (memory used / total); lays its fill out itself on every layout pass. */
final class MemoryBar extends Region {
    private final Region fill = new Region();
    private double fraction;

    MemoryBar() {
        getStyleClass().add("tile-membar");
        fill.getStyleClass().add("tile-membar-fill");
        getChildren().add(fill);
    }

    void setFraction(double f) {
        double clamped = Double.isNaN(f) ? 0 : Math.max(0, Math.min(1, f));
        if (clamped != fraction) {
            fraction = clamped;
            requestLayout();
        }
    }

    @Override
    protected void layoutChildren() {
        fill.resizeRelocate(0, 0, getWidth() * fraction, getHeight());
    }
}
