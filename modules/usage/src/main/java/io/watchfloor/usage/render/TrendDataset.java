package io.watchfloor.usage.render;

import io.watchfloor.usage.TrendSeries;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

import java.util.List;

/**
 * Trend lines as a JFreeChart dataset, straight over the series' arrays: a month of minutes (43,200 points) is
 * neither copied into TimeSeries items nor sorted again. NaN stays NaN, which the line renderer draws as a break.
 */
final class TrendDataset extends AbstractXYDataset {
    private final List<TrendSeries> lines;
    private final List<String> keys;

    TrendDataset(List<TrendSeries> lines, List<String> keys) {
        if (lines.size() != keys.size()) {
            throw new IllegalArgumentException("one key per line");
        }
        this.lines = List.copyOf(lines);
        this.keys = List.copyOf(keys);
    }

    @Override
    public int getSeriesCount() {
        return lines.size();
    }

    @Override
    public Comparable<?> getSeriesKey(int series) {
        return keys.get(series);
    }

    @Override
    public int getItemCount(int series) {
        return lines.get(series).size();
    }

    /** Buckets are in time order, which lets the renderer skip the items outside the visible range. */
    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public Number getX(int series, int item) {
        return lines.get(series).bucketStarts()[item];
    }

    @Override
    public double getXValue(int series, int item) {
        return lines.get(series).bucketStarts()[item];
    }

    @Override
    public Number getY(int series, int item) {
        double v = lines.get(series).values()[item];
        return Double.isNaN(v) ? null : v;
    }

    @Override
    public double getYValue(int series, int item) {
        return lines.get(series).values()[item];
    }
}
