package io.watchfloor.usage.render;

import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TrendChartsTest {
    private static final long HOUR = 3_600_000L;
    private static final long START = 1_793_574_000_000L;

    /**
     * A flat line at 100 with hours 40–59 missing. Drawn, the columns inside the gap hold no line pixel at all —
     * neither a line across at 100 nor a drop to 0 — while the columns beside it do.
     */
    @Test
    void aGapIsABreakInTheLineNotADropToZero() {
        double[] values = new double[100];
        Arrays.fill(values, 100);
        Arrays.fill(values, 40, 60, Double.NaN);
        JFreeChart chart = TrendCharts.chart(null, List.of(series(values)), ZoneId.of("UTC"));

        BufferedImage image = new BufferedImage(600, 300, BufferedImage.TYPE_INT_RGB);
        ChartRenderingInfo info = new ChartRenderingInfo();
        Graphics2D g = image.createGraphics();
        chart.draw(g, new Rectangle2D.Double(0, 0, 600, 300), info);
        g.dispose();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        ValueAxis time = ((XYPlot) chart.getPlot()).getDomainAxis();

        int inGap = (int) Math.round(time.valueToJava2D(START + 50 * HOUR, area, RectangleEdge.BOTTOM));
        int beforeGap = (int) Math.round(time.valueToJava2D(START + 20 * HOUR, area, RectangleEdge.BOTTOM));
        int afterGap = (int) Math.round(time.valueToJava2D(START + 80 * HOUR, area, RectangleEdge.BOTTOM));

        assertThat(darkPixels(image, inGap, area)).as("line pixels inside the gap").isZero();
        assertThat(darkPixels(image, inGap + 5, area)).as("line pixels inside the gap").isZero();
        assertThat(darkPixels(image, beforeGap, area)).as("line pixels before the gap").isPositive();
        assertThat(darkPixels(image, afterGap, area)).as("line pixels after the gap").isPositive();
    }

    @Test
    void theValueAxisIgnoresGaps() {
        double[] values = {5, Double.NaN, 7, Double.NaN};
        XYPlot plot = (XYPlot) TrendCharts.chart("t", List.of(series(values))).getPlot();
        assertThat(plot.getRangeAxis().getRange().getUpperBound()).isBetween(7.0, 10.0);
        assertThat(plot.getRangeAxis().getRange().getLowerBound()).isEqualTo(0.0);
    }

    @Test
    void theTimeAxisIsInTheGivenZone() {
        JFreeChart chart = TrendCharts.chart("t", List.of(series(new double[]{1, 2})), ZoneId.of("Asia/Tokyo"));
        DateAxis time = (DateAxis) ((XYPlot) chart.getPlot()).getDomainAxis();
        assertThat(time.getTimeZone()).isEqualTo(TimeZone.getTimeZone("Asia/Tokyo"));
    }

    /** A month of minutes with gaps, two lines: drawn at print size well within a report's patience. */
    @Test
    void aMonthOfMinutesDrawsQuickly() {
        int n = 43_200;
        long[] starts = new long[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = START + i * 60_000L;
            a[i] = i % 5_000 < 300 ? Double.NaN : 500 + 400 * Math.sin(i / 300.0);
            b[i] = a[i] * 2;
        }
        List<TrendSeries> lines = List.of(new TrendSeries("", TrendMetric.P50_MS, 60_000L, starts, a),
                new TrendSeries("", TrendMetric.P95_MS, 60_000L, starts, b));
        BufferedImage image = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> TrendCharts.image(TrendCharts.chart("Latency", lines, ZoneId.of("UTC")), 500, 165, 3.0));
        assertThat(image.getWidth()).isEqualTo(1500);
        assertThat(image.getHeight()).isEqualTo(495);
    }

    @Test
    void seriesDifferInLightnessSoGreyscalePrintsKeepThemApart() {
        JFreeChart chart = TrendCharts.chart("t", List.of(series(new double[]{1}), series(new double[]{2})));
        var renderer = ((XYPlot) chart.getPlot()).getRenderer();
        assertThat(Math.abs(luma((Color) renderer.getSeriesPaint(0)) - luma((Color) renderer.getSeriesPaint(1))))
                .isGreaterThan(60);
        assertThat(renderer.getSeriesStroke(0)).isNotEqualTo(renderer.getSeriesStroke(1));
        assertThat(chart.getBackgroundPaint()).isEqualTo(Color.WHITE);
    }

    private static double luma(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    private static TrendSeries series(double[] values) {
        long[] starts = new long[values.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = START + i * HOUR;
        }
        return new TrendSeries("", TrendMetric.REQUESTS, HOUR, starts, values);
    }

    /** Pixels in column x of the data area dark enough to be the line (grid lines are light grey). */
    private static int darkPixels(BufferedImage image, int x, Rectangle2D area) {
        int count = 0;
        for (int y = (int) area.getMinY(); y < (int) area.getMaxY(); y++) {
            Color c = new Color(image.getRGB(x, y));
            if (luma(c) < 160) {
                count++;
            }
        }
        return count;
    }
}
