package io.watchfloor.config;

import java.nio.file.Path;
import java.util.List;

/** A loaded, validated configuration. */
public record WatchfloorConfig(Path file, List<SourceConfig> sources, WallConfig wall, CacheConfig cache) {
    public WatchfloorConfig {
        sources = List.copyOf(sources);
    }
}
