package io.watchfloor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
    @Test
    void suggestsCloseKeysAndPrefixes() {
        List<String> wall = List.of("rotate", "staleAfter", "minTileWidth", "thresholds");
        assertThat(KeySuggestions.closest("rotat", wall)).contains("rotate");
        assertThat(KeySuggestions.closest("treshold", wall)).contains("thresholds");
        assertThat(KeySuggestions.closest("stale", wall)).contains("staleAfter");
        assertThat(KeySuggestions.closest("colour", wall)).isEmpty();
        assertThat(KeySuggestions.closest("retention", CacheReader.KEYS)).contains("rollupRetention");
    }

    @Test
    void sourceTyposAreOnlyNearCertainOnes() {
        List<String> keys = SourceReader.KEYS;
        assertThat(KeySuggestions.likelyTypo("intervall", keys)).contains("interval");
        assertThat(KeySuggestions.likelyTypo("timout", keys)).contains("timeout");
        assertThat(KeySuggestions.likelyTypo("cafile", keys)).contains("caFile");
        assertThat(KeySuggestions.likelyTypo("tpye", keys)).contains("type");
        assertThat(KeySuggestions.likelyTypo("URL", keys)).contains("url");
        // plausible options of some source type must pass through
        assertThat(KeySuggestions.likelyTypo("path", keys)).isEmpty();
        assertThat(KeySuggestions.likelyTypo("ip", keys)).isEmpty();
        assertThat(KeySuggestions.likelyTypo("urls", keys)).isEmpty();
        assertThat(KeySuggestions.likelyTypo("query", keys)).isEmpty();
        assertThat(KeySuggestions.likelyTypo("host", keys)).isEmpty();
    }

    @Test
    void distanceCountsASwapAsOneEdit() {
        assertThat(KeySuggestions.distance("tpye", "type")).isEqualTo(1);
        assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
