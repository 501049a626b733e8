package io.watchfloor.config;

import io.watchfloor.model.Thresholds;
import java.time.Duration;

/**
 * The wall's settings.
 *
 * @param rotate      how long each page shows when the tiles need more than one page
 * @param staleAfter  age after which a tile is stale; null means three poll intervals of its source
 * @param minTileWidth smallest tile width in pixels at 1920 px wide before the wall pages instead of shrinking
 */
public record WallConfig(Thresholds thresholds, Duration rotate, Duration staleAfter, int minTileWidth) {
    public static final WallConfig DEFAULTS = new WallConfig(Thresholds.DEFAULTS, Duration.ofSeconds(15), null, 220);
}
