package io.watchfloor.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the wall shows, as one immutable value published by the engine after each poll
 * (and once at start from the cache). Views copy it into their view models on the FX thread.
 *
 * @param sparklines utilisation history per tile id (oldest first), from the cache and live polls
 */
public record WallSnapshot(Instant generatedAt, List<SourceStatus> sources, List<Reading> readings,
                           Map<String, Series> sparklines) {
    public WallSnapshot {
        sources = List.copyOf(sources);
        readings = List.copyOf(readings);
        sparklines = Map.copyOf(sparklines);
    }

    public static WallSnapshot empty(Instant now) {
        return new WallSnapshot(now, List.of(), List.of(), Map.of());
    }
}
