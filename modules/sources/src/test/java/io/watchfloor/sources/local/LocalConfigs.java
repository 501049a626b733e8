package io.watchfloor.sources.local;

import io.watchfloor.config.Auth;
import io.watchfloor.config.Position;
import io.watchfloor.config.SourceConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds local source entries as the config loader would, each option at its own line. */
final class LocalConfigs {
    static final Path FILE = Path.of("watchfloor.yaml");
    static final Position ENTRY = new Position(FILE, 9, 5);

    private LocalConfigs() {
    }

    static SourceConfig local(Map<String, Object> options, URI url) {
        Map<String, Position> positions = new HashMap<>();
        int line = 12;
        for (String key : options.keySet().stream().sorted().toList()) {
            positions.put(key, new Position(FILE, line++, 7));
        }
        return new SourceConfig("this-box", "local", Duration.ofSeconds(10), Duration.ofSeconds(5), url, Auth.NONE,
                Map.of(), null, options, positions, ENTRY);
    }

    static SourceConfig local(Map<String, Object> options) {
        return local(options, null);
    }
}
