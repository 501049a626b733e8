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

    @ParameterizedTest
    @CsvSource({"1366,768", "1920,1080", "3840,2160"})
    void aSmallEndpointsBandIsPinnedAboveTheHostsOnEveryPage(int w, int h) {
        WallLayout.Result r = WallLayout.layout(w, h, 220, 6, hosts(32), Collections.nCopies(32, 8));
        WallLayout.Geometry g = r.geometry();
        WallLayout.BandGeometry band = r.band();
        assertThat(band.tileWidth()).isGreaterThan(g.tileWidth());
        assertThat(band.tileHeight()).isLessThan(g.tileHeight());
        assertThat(r.pages()).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.endpoints()).isEqualTo(new WallLayout.EndpointBlock(0, 6, false, g.padding()));
            double bandBottom = p.endpoints().y() + band.headerHeight()
                    + Math.ceil(6.0 / band.columns()) * band.rowHeight(g.gap());
            assertThat(p.blocks()).allSatisfy(b -> assertThat(b.y()).isGreaterThanOrEqualTo(bandBottom));
        });
        double avail = h - g.topBarHeight() - g.footerHeight() - 2 * g.padding();
        for (WallLayout.Page p : r.pages()) {
            WallLayout.Block last = p.blocks().getLast();
            double bottom = last.y() + g.hostHeaderHeight() + Math.ceil(last.size() / (double) g.columns()) * (g.tileHeight() + g.gap());
            assertThat(bottom - g.padding()).isLessThanOrEqualTo(avail + 0.5);
        }
        assertThat(r.pages().stream().flatMap(p -> p.blocks().stream()).mapToInt(WallLayout.Block::size).sum()).isEqualTo(256);
    }

    @Test
    void aLargeEndpointFleetGetsPagesOfItsOwnBeforeTheGpus() {
        WallLayout.Result r = WallLayout.layout(1920, 1080, 220, 200, hosts(4), Collections.nCopies(4, 8));
        List<WallLayout.Page> pages = r.pages();
        int placed = 0;
        int expectedFrom = 0;
        for (WallLayout.Page p : pages) {
            if (p.endpoints() != null) {
                assertThat(p.endpoints().from()).isEqualTo(expectedFrom);
                assertThat(p.endpoints().continued()).isEqualTo(expectedFrom > 0);
                expectedFrom = p.endpoints().to();
                placed += p.endpoints().size();
            }
        }
        assertThat(placed).isEqualTo(200);
        assertThat(pages.getFirst().blocks()).isEmpty();
        assertThat(pages.getFirst().endpoints().from()).isZero();
        // GPU hosts follow the endpoints, every GPU exactly once
        assertThat(pages.stream().flatMap(p -> p.blocks().stream()).mapToInt(WallLayout.Block::size).sum()).isEqualTo(32);
        assertThat(pages.getLast().blocks()).isNotEmpty();
    }

    @Test
    void onlyEndpointsStillMakeOnePage() {
        WallLayout.Result r = WallLayout.layout(1920, 1080, 220, 6, List.of(), List.of());
        assertThat(r.pages()).singleElement().satisfies(p -> {
            assertThat(p.endpoints().size()).isEqualTo(6);
            assertThat(p.blocks()).isEmpty();
        });
    }
}
