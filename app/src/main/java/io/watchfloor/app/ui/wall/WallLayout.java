package io.watchfloor.app.ui.wall;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the Endpoints band and host groups of tiles onto pages for a given screen size. Pure arithmetic, no scene
 * graph.
 *
 * The wall scales with the screen (a 4K wall gets tiles twice the size of a 1080p one, so text
 * stays readable across the room) and never shrinks tiles below a readable width: when the
 * GPUs do not fit, it makes more pages and rotates through them.
 *
 * LLM endpoints come first, in a band of compact tiles above the GPU hosts. While the band takes at most
 * {@link #PINNED_SHARE} of the page it is pinned to every page, so an endpoint going down is on screen whatever page
 * the wall is on; a fleet of endpoints too large for that gets pages of its own before the GPU pages.
 */
public final class WallLayout {
    /** Design resolution the sizes below are written for. */
    static final double BASE_WIDTH = 1920;
    static final double BASE_HEIGHT = 1080;
    /** The largest share of the page height the Endpoints band may take and still be shown on every page. */
    static final double PINNED_SHARE = 0.4;
    /** Endpoint tiles are wider than GPU tiles (an endpoint's name is longer than "GPU 3") and lower (4 lines). */
    static final double ENDPOINT_WIDTH_FACTOR = 1.2;
    static final double ENDPOINT_HEIGHT_FACTOR = 0.62;

    public record Geometry(double scale, int columns, double tileWidth, double tileHeight, double gap,
                           double padding, double hostHeaderHeight, double topBarHeight, double footerHeight) {
    }

    /** The Endpoints band's grid: its columns, tile size and header (the gap and padding are the GPU grid's). */
    public record BandGeometry(int columns, double tileWidth, double tileHeight, double headerHeight) {
        public double rowHeight(double gap) {
            return tileHeight + gap;
        }
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

    /** Endpoints {@code from} (inclusive) to {@code to} of the band on one page, at a y offset. */
    public record EndpointBlock(int from, int to, boolean continued, double y) {
        public int size() {
            return to - from;
        }
    }

    /** @param endpoints the endpoint tiles on this page, null when none */
    public record Page(EndpointBlock endpoints, List<Block> blocks) {
        public Page(List<Block> blocks) {
            this(null, blocks);
        }
    }

    public record Result(Geometry geometry, BandGeometry band, List<Page> pages) {
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

    public static BandGeometry band(Geometry g, double width, double minTileWidthAtBase) {
        double minW = minTileWidthAtBase * ENDPOINT_WIDTH_FACTOR * g.scale();
        int cols = Math.max(1, (int) Math.floor((width - 2 * g.padding() + g.gap()) / (minW + g.gap())));
        double tileW = Math.floor((width - 2 * g.padding() - (cols - 1) * g.gap()) / cols);
        double tileH = Math.floor(Math.max(g.tileHeight() * ENDPOINT_HEIGHT_FACTOR, 60 * g.scale()));
        return new BandGeometry(cols, tileW, tileH, g.hostHeaderHeight());
    }

    /** A wall of GPU hosts only. */
    public static Result layout(double width, double height, double minTileWidthAtBase,
                                List<String> hosts, List<Integer> hostSizes) {
        return layout(width, height, minTileWidthAtBase, 0, hosts, hostSizes);
    }

    /**
     * Places the Endpoints band, then hosts in bands: a host with a row's worth of GPUs or more gets bands of its
     * own; smaller hosts share a one-row band side by side, so a fleet of single-GPU hosts doesn't waste a row each.
     *
     * @param endpoints how many endpoint tiles the band has (0: no band)
     * @param hostSizes tiles per host, in display order
     */
    public static Result layout(double width, double height, double minTileWidthAtBase, int endpoints,
                                List<String> hosts, List<Integer> hostSizes) {
        Geometry g = geometry(width, height, minTileWidthAtBase);
        BandGeometry band = band(g, width, minTileWidthAtBase);
        double available = height - g.topBarHeight() - g.footerHeight() - 2 * g.padding();
        double rowH = g.tileHeight() + g.gap();
        double bandOneRow = g.hostHeaderHeight() + rowH;
        List<Page> pages = new ArrayList<>();
        List<Block> current = new ArrayList<>();

        // the Endpoints band: pinned to every page when it is small enough, else on pages of its own
        EndpointBlock pinned = null;
        EndpointBlock currentEndpoints = null;
        double top = g.padding();
        double y = top;
        if (endpoints > 0) {
            int rows = (endpoints + band.columns() - 1) / band.columns();
            double bandHeight = band.headerHeight() + rows * band.rowHeight(g.gap());
            if (bandHeight <= PINNED_SHARE * available) {
                pinned = new EndpointBlock(0, endpoints, false, g.padding());
                top = g.padding() + bandHeight;
                currentEndpoints = pinned;
                y = top;
            } else {
                int rowsPerPage = Math.max(1, (int) Math.floor((available - band.headerHeight()) / band.rowHeight(g.gap())));
                int perPage = rowsPerPage * band.columns();
                for (int from = 0; from < endpoints; from += perPage) {
                    int to = Math.min(endpoints, from + perPage);
                    EndpointBlock block = new EndpointBlock(from, to, from > 0, g.padding());
                    if (to < endpoints) {
                        pages.add(new Page(block, List.of()));
                    } else {
                        // GPU hosts continue below the last endpoints
                        currentEndpoints = block;
                        int used = (to - from + band.columns() - 1) / band.columns();
                        y = g.padding() + band.headerHeight() + used * band.rowHeight(g.gap());
                    }
                }
            }
        }

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
                boolean pageHasContent = !current.isEmpty() || currentEndpoints != null && currentEndpoints != pinned;
                if (y - g.padding() + bandOneRow > available && pageHasContent) {
                    pages.add(new Page(currentEndpoints, List.copyOf(current)));
                    current.clear();
                    currentEndpoints = pinned;
                    y = top;
                    sharedColumnsUsed = -1;
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
        if (!current.isEmpty() || currentEndpoints != null || pages.isEmpty()) {
            pages.add(new Page(currentEndpoints, List.copyOf(current)));
        }
        return new Result(g, band, List.copyOf(pages));
    }
}
