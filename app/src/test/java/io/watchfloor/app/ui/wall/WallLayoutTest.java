package io.watchfloor.app.ui.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WallLayoutTest {
    private static List<String> hosts(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "gpu-" + i).toList();
    }

    @ParameterizedTest
    @CsvSource({"1366,768", "1920,1080", "3840,2160"})
    void tilesStayReadableAndEveryTileIsPlacedExactlyOnce(int w, int h) {
        WallLayout.Result r = WallLayout.layout(w, h, 220, hosts(32), Collections.nCopies(32, 8));
        WallLayout.Geometry g = r.geometry();
        // never shrink below the readable minimum, scaled to the screen
        assertThat(g.tileWidth()).isGreaterThanOrEqualTo(220 * g.scale() - 1);
        assertThat(g.columns() * g.tileWidth() + (g.columns() - 1) * g.gap() + 2 * g.padding()).isLessThanOrEqualTo(w);
        int placed = r.pages().stream().flatMap(p -> p.blocks().stream()).mapToInt(WallLayout.Block::size).sum();
        assertThat(placed).isEqualTo(256);
        assertThat(r.pages()).hasSizeGreaterThan(1); // 256 GPUs don't fit one readable page: it pages
        double avail = h - g.topBarHeight() - g.footerHeight() - 2 * g.padding();
        for (WallLayout.Page p : r.pages()) {
            double used = p.blocks().stream().mapToDouble(b -> g.hostHeaderHeight()
                    + Math.ceil(b.size() / (double) g.columns()) * (g.tileHeight() + g.gap())).sum();
            assertThat(used).isLessThanOrEqualTo(avail + 0.5);
        }
    }

    @Test
    void fourKWallGetsBiggerTilesNotMoreOfThem() {
        WallLayout.Geometry hd = WallLayout.geometry(1920, 1080, 220);
        WallLayout.Geometry uhd = WallLayout.geometry(3840, 2160, 220);
        assertThat(uhd.columns()).isEqualTo(hd.columns());
        assertThat(uhd.tileWidth()).isGreaterThan(1.9 * hd.tileWidth());
    }

    @Test
    void aHostLargerThanAPageContinuesOnTheNext() {
        WallLayout.Result r = WallLayout.layout(1366, 768, 220, List.of("big"), List.of(100));
        assertThat(r.pages()).hasSizeGreaterThan(1);
        assertThat(r.pages().get(1).blocks().get(0).continued()).isTrue();
        assertThat(r.pages().get(0).blocks().get(0).continued()).isFalse();
    }

    @Test
    void smallHostsShareABandInsteadOfARowEach() {
        WallLayout.Result r = WallLayout.layout(1920, 1080, 220, hosts(4), List.of(1, 1, 3, 8));
        List<WallLayout.Block> blocks = r.pages().get(0).blocks();
        assertThat(blocks).extracting(WallLayout.Block::column).containsExactly(0, 1, 2, 0);
        assertThat(blocks.get(0).y()).isEqualTo(blocks.get(2).y());
        assertThat(blocks.get(3).y()).isGreaterThan(blocks.get(2).y());
    }

    @Test
    void noTilesStillGivesOnePage() {
        assertThat(WallLayout.layout(1920, 1080, 220, List.of(), List.of()).pages()).hasSize(1);
    }
}
