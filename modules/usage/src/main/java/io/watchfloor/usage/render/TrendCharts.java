package io.watchfloor.usage.render;

import io.watchfloor.usage.TrendMetric;
import io.watchfloor.usage.TrendSeries;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.SimpleDateFormat;
import java.awt.image.BufferedImage;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The report's trend charts, one JFreeChart for the screen, the PDF and the HTML.
 *
 * <p>Gaps: a NaN step is drawn as a break in the line, never as a drop to zero. The renderer is
 * {@link SamplingXYLineRenderer}: it builds one path per series and, at a NaN, ends the segment and starts the next
 * with a move, so nothing crosses the gap (as {@code XYLineAndShapeRenderer} does when it draws series as paths);
 * unlike that one it also folds the points that fall into one pixel column into a single vertical stroke, so a month
 * of minutes (43,200 points) costs about as much as the chart's width. TrendChartsTest checks the gap by pixels.
 *
 * <p>Style: flat and print-first — white background, a thin light grid, and series told apart by both lightness and
 * dash pattern so they survive a greyscale printer.
 */
public final class TrendCharts {
    /** Dark blue, orange, dark green, grey: different enough in lightness to stay apart in greyscale. */
    private static final Color[] COLOURS = {
            new Color(0x1F, 0x3A, 0x7A), new Color(0xE0, 0x8A, 0x1E), new Color(0x2E, 0x7D, 0x32),
            new Color(0x90, 0x90, 0x90)};
    private static final Stroke[] STROKES = {
            new BasicStroke(1.4f),
            new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{6f, 3f}, 0f),
            new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{2f, 2f}, 0f),
            new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{8f, 2f, 2f, 2f}, 0f)};
    private static final Color INK = new Color(0x33, 0x33, 0x33);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final String FONT = Font.SANS_SERIF;

    private TrendCharts() {
    }

    /** A chart with its time axis in the machine's zone; reports use {@link #chart(String, List, ZoneId)}. */
    public static JFreeChart chart(String title, List<TrendSeries> lines) {
        return chart(title, lines, ZoneId.systemDefault());
    }

    /** Lines over time, the time axis in {@code zone} (the report's). Null lines are left out. */
    public static JFreeChart chart(String title, List<TrendSeries> lines, ZoneId zone) {
        List<TrendSeries> shown = lines.stream().filter(java.util.Objects::nonNull).toList();
        List<String> keys = new ArrayList<>();
        for (TrendSeries s : shown) {
            keys.add(s.subject().isEmpty() ? s.metric().label() : s.metric().label() + " · " + s.subject());
        }
        TrendDataset dataset = new TrendDataset(shown, keys);

        DateAxis time = new DateAxis(null, TimeZone.getTimeZone(zone), Locale.ENGLISH);
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        time.setStandardTickUnits(tickUnits(TimeZone.getTimeZone(zone)));
        NumberAxis values = new NumberAxis(valueAxisLabel(shown));
        values.setAutoRangeIncludesZero(true);
        values.setNumberFormatOverride(new CompactNumberFormat());
        for (var axis : List.of(time, values)) {
            axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 9));
            axis.setLabelFont(new Font(FONT, Font.PLAIN, 9));
            axis.setTickLabelPaint(INK);
            axis.setLabelPaint(INK);
            axis.setAxisLinePaint(GRID.darker());
            axis.setTickMarkPaint(GRID.darker());
        }

        SamplingXYLineRenderer renderer = new SamplingXYLineRenderer();
        for (int i = 0; i < shown.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, STROKES[i % STROKES.length]);
        }

        XYPlot plot = new XYPlot(dataset, time, values, renderer);
        // the renderer's own legend items draw a faint hairline; these show each line's colour and dash clearly
        LegendItemCollection legendItems = new LegendItemCollection();
        for (int i = 0; i < shown.size(); i++) {
            BasicStroke stroke = (BasicStroke) STROKES[i % STROKES.length];
            legendItems.add(new LegendItem(keys.get(i), null, null, null, new Line2D.Double(-9, 0, 9, 0),
                    new BasicStroke(2f, stroke.getEndCap(), stroke.getLineJoin(), stroke.getMiterLimit(),
                            stroke.getDashArray(), 0f), COLOURS[i % COLOURS.length]));
        }
        plot.setFixedLegendItems(legendItems);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

        JFreeChart chart = new JFreeChart(null, new Font(FONT, Font.BOLD, 11), plot, shown.size() > 1);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(4, 4, 4, 8));
        if (title != null && !title.isBlank()) {
            TextTitle t = new TextTitle(title, new Font(FONT, Font.BOLD, 11));
            t.setPaint(INK);
            t.setPosition(RectangleEdge.TOP);
            t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
            chart.setTitle(t);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(new Font(FONT, Font.PLAIN, 9));
            legend.setItemPaint(INK);
            legend.setPosition(RectangleEdge.TOP);
            legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.RIGHT);
        }
        return chart;
    }

    /** Tick labels without the year noise: "14:00" within a day, "7 Nov" across days, "Nov 2026" across months. */
    private static TickUnits tickUnits(TimeZone zone) {
        TickUnits units = new TickUnits();
        Object[][] steps = {
                {DateTickUnitType.MINUTE, 15, "HH:mm"}, {DateTickUnitType.MINUTE, 30, "HH:mm"},
                {DateTickUnitType.HOUR, 1, "HH:mm"}, {DateTickUnitType.HOUR, 3, "HH:mm"},
                {DateTickUnitType.HOUR, 6, "d MMM HH:mm"}, {DateTickUnitType.HOUR, 12, "d MMM HH:mm"},
                {DateTickUnitType.DAY, 1, "EEE d MMM"}, {DateTickUnitType.DAY, 2, "d MMM"},
                {DateTickUnitType.DAY, 7, "d MMM"}, {DateTickUnitType.DAY, 14, "d MMM"},
                {DateTickUnitType.MONTH, 1, "MMM yyyy"}, {DateTickUnitType.MONTH, 3, "MMM yyyy"},
                {DateTickUnitType.YEAR, 1, "yyyy"}};
        for (Object[] step : steps) {
            SimpleDateFormat format = new SimpleDateFormat((String) step[2], Locale.ENGLISH);
            format.setTimeZone(zone);
            units.add(new DateTickUnit((DateTickUnitType) step[0], (Integer) step[1], format));
        }
        return units;
    }

    /** "Latency (ms)", "per hour", or nothing when the lines mix units or steps. */
    private static String valueAxisLabel(List<TrendSeries> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        TrendMetric first = lines.get(0).metric();
        boolean sameUnit = lines.stream().allMatch(l -> l.metric().unit().equals(first.unit()));
        if (!sameUnit) {
            return null;
        }
        if (!first.unit().isEmpty()) {
            return first.unit();
        }
        long step = lines.get(0).stepMillis();
        boolean sameStep = lines.stream().allMatch(l -> l.stepMillis() == step);
        if (!sameStep) {
            return null;
        }
        if (step == 60_000L) {
            return "per minute";
        }
        if (step == 3_600_000L) {
            return "per hour";
        }
        if (step == 86_400_000L) {
            return "per day";
        }
        return null;
    }

    /** The chart drawn into a new {@code width} x {@code height} image, antialiased, at scale 1. */
    public static BufferedImage image(JFreeChart chart, int width, int height) {
        return image(chart, width, height, 1.0);
    }

    /**
     * The chart laid out for {@code width} x {@code height} and drawn {@code scale} times larger, so a chart placed
     * at that size on a page keeps its proportions and stays sharp in print (scale 2 or 3).
     */
    public static BufferedImage image(JFreeChart chart, int width, int height, double scale) {
        int w = (int) Math.ceil(width * scale);
        int h = (int) Math.ceil(height * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return img;
    }
}
