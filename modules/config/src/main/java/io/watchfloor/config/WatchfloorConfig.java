package io.watchfloor.config;

import io.watchfloor.model.endpoint.MaintenanceWindow;
import java.nio.file.Path;
import java.util.List;

/** A loaded, validated configuration. */
public record WatchfloorConfig(Path file, List<SourceConfig> sources, WallConfig wall, CacheConfig cache,
                               List<EndpointConfig> endpoints, List<MaintenanceWindow> maintenance,
                               IncidentsConfig incidents, List<NotificationConfig> notifications) {
    public WatchfloorConfig {
        sources = List.copyOf(sources);
        endpoints = List.copyOf(endpoints);
        maintenance = List.copyOf(maintenance);
        notifications = List.copyOf(notifications);
    }

    /** A configuration with default incident handling and no notifications. */
    public WatchfloorConfig(Path file, List<SourceConfig> sources, WallConfig wall, CacheConfig cache,
                            List<EndpointConfig> endpoints, List<MaintenanceWindow> maintenance) {
        this(file, sources, wall, cache, endpoints, maintenance, IncidentsConfig.DEFAULTS, List.of());
    }

    /** A configuration without endpoints (GPU wall only). */
    public WatchfloorConfig(Path file, List<SourceConfig> sources, WallConfig wall, CacheConfig cache) {
        this(file, sources, wall, cache, List.of(), List.of());
    }

    /** The endpoint with this id, or null. */
    public EndpointConfig endpoint(String id) {
        return endpoints.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }
}
