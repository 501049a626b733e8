package io.watchfloor.sources.demo;

import io.watchfloor.config.Auth;
import io.watchfloor.config.Position;
import io.watchfloor.config.SourceConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds demo source entries as the config loader would, each option at its own line. */
final class DemoConfigs {
    static final Path FILE = Path.of("watchfloor.yaml");
    static final Position ENTRY = new Position(FILE, 3, 5);

    private DemoConfigs() {
    }

    static SourceConfig demo(Map<String, Object> options) {
        return demo(options, null);
    }

    static SourceConfig demo(Map<String, Object> options, URI url) {
        Map<String, Position> positions = new HashMap<>();
        int line = 6;
        for (String key : options.keySet().stream().sorted().toList()) {
            positions.put(key, new Position(FILE, line++, 7));
        }
        return new SourceConfig("demo", "demo", Duration.ofSeconds(5), Duration.ofSeconds(2), url, Auth.NONE,
                Map.of(), null, options, positions, ENTRY);
    }
}
