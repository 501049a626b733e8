package io.watchfloor.app.ui.wall;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits host groups of tiles onto pages for a given screen size. Pure arithmetic, no scene graph.
 *
 * The wall scales with the screen (a 4K wall gets tiles twice the size of a 1080p one, so text
 * stays readable across the room) and never shrinks tiles below a readable width: when the
 * GPUs do not fit, it makes more pages and rotates through them.
 */
public final class WallLayout {
    /** Design resolution the sizes below are written for. */
    static final double BASE_WIDTH = 1920;
    static final double BASE_HEIGHT = 1080;

    public record Geometry(double scale, int columns, double tileWidth, double tileHeight, double gap,
                           double padding, double hostHeaderHeight, double topBarHeight, double footerHeight) {
    }

    /**
     * A run of one host's tiles on one page, placed at a column and a y offset (from the top of the
     * page area); {@code continued} when the host started on an earlier page.
     */
    public record Block(String host, int from, int to, boolean continued, int column, double y) {
        public int size() {
            return to - from;
        }
    }

    public record Page(List<Block> blocks) {
    }

    public record Result(Geometry geometry, List<Page> pages) {
    }

    private WallLayout() {
    }

    public static double scaleFor(double width, double height) {
        double s = Math.min(width / BASE_WIDTH, height / BASE_HEIGHT);
        return Math.max(0.6, Math.min(2.5, s));
    }

    public static Geometry geometry(double width, double height, double minTileWidthAtBase) {
        double s = scaleFor(width, height);
        double gap = Math.round(8 * s);
        double pad = Math.round(12 * s);
        double minW = minTileWidthAtBase * s;
        int cols = Math.max(1, (int) Math.floor((width - 2 * pad + gap) / (minW + gap)));
        double tileW = Math.floor((width - 2 * pad - (cols - 1) * gap) / cols);
        double tileH = Math.floor(Math.min(tileW * 0.60, 170 * s));
        return new Geometry(s, cols, tileW, tileH, gap, pad, Math.round(30 * s), Math.round(56 * s), Math.round(28 * s));
    }

    /**
     * Places hosts in bands: a host with a row's worth of GPUs or more gets bands of its own; smaller
     * hosts share a one-row band side by side, so a fleet of single-GPU hosts doesn't waste a row each.
     *
     * @param hostSizes tiles per host, in display order
     */
    public static Result layout(double width, double height, double minTileWidthAtBase,
                                List<String> hosts, List<Integer> hostSizes) {
        Geometry g = geometry(width, height, minTileWidthAtBase);
        double available = height - g.topBarHeight() - g.footerHeight() - 2 * g.padding();
        double rowH = g.tileHeight() + g.gap();
        double bandOneRow = g.hostHeaderHeight() + rowH;
        List<Page> pages = new ArrayList<>();
        List<Block> current = new ArrayList<>();
        double y = g.padding();
        int sharedColumnsUsed = -1; // columns used in the open shared band; -1: no shared band open
        for (int h = 0; h < hosts.size(); h++) {
            int size = hostSizes.get(h);
            if (size < g.columns() && sharedColumnsUsed >= 0 && sharedColumnsUsed + size <= g.columns()) {
                current.add(new Block(hosts.get(h), 0, size, false, sharedColumnsUsed, y - bandOneRow));
                sharedColumnsUsed += size;
                continue;
            }
            int from = 0;
            while (from < size) {
                if (y - g.padding() + bandOneRow > available && !current.isEmpty()) {
                    pages.add(new Page(List.copyOf(current)));
                    current.clear();
                    y = g.padding();
                }
                int rowsLeft = Math.max(1, (int) Math.floor((available - (y - g.padding()) - g.hostHeaderHeight()) / rowH));
                int fit = Math.min(size - from, rowsLeft * g.columns());
                current.add(new Block(hosts.get(h), from, from + fit, from > 0, 0, y));
                int rows = (fit + g.columns() - 1) / g.columns();
                y += g.hostHeaderHeight() + rows * rowH;
                from += fit;
                sharedColumnsUsed = size < g.columns() ? fit : -1;
            }
        }
        if (!current.isEmpty() || pages.isEmpty()) {
            pages.add(new Page(List.copyOf(current)));
        }
        return new Result(g, List.copyOf(pages));
    }
}
