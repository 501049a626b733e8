package io.watchfloor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One entry under {@code sources:}. Common keys are typed; keys only one source type understands
 * stay in {@code options} (plain YAML values: String, Long/Double, Boolean, List, Map) with their
 * positions, and that type's provider validates them.
 *
 * @param url      null for types that need none (demo, local)
 * @param caFile   extra CA certificate (PEM) to trust for TLS, null for the system trust store
 * @param headers  extra HTTP headers (e.g. X-Scope-OrgID), values already resolved from ${ENV}
 */
public record SourceConfig(String id, String type, Duration interval, Duration timeout, URI url, Auth auth,
                           Map<String, String> headers, Path caFile, Map<String, Object> options,
                           Map<String, Position> optionPositions, Position position) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public SourceConfig {
        headers = Map.copyOf(headers);
        options = Map.copyOf(options);
        optionPositions = Map.copyOf(optionPositions);
    }

    /** Position of an option key, or of the source entry when the key is absent. */
    public Position positionOf(String option) {
        return optionPositions.getOrDefault(option, position);
    }
}
