package io.watchfloor.config;

import io.watchfloor.model.endpoint.MaintenanceWindow;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded, validated configuration.
 *
 * @param customers those under {@code customers:}; without that section, one per id that endpoints name with
 *                  {@code customer:} (name = id, zone UTC), so that reports can be made for them all the same
 * @param prices    those under {@code prices:}; each endpoint and host is priced by one model at most
 * @param bastions  jump hosts under {@code bastions:}
 * @param hosts     GPU hosts polled over SSH, under {@code hosts:}
 * @param access    just-in-time shell access and roles, or null when the file has no {@code access:} (no shells)
 */
public record WatchfloorConfig(Path file, List<SourceConfig> sources, WallConfig wall, CacheConfig cache,
                               List<EndpointConfig> endpoints, List<MaintenanceWindow> maintenance,
                               IncidentsConfig incidents, List<NotificationConfig> notifications,
                               List<CustomerConfig> customers, List<PriceModel> prices,
                               List<BastionConfig> bastions, List<HostConfig> hosts, AccessConfig access) {
    public WatchfloorConfig {
        bastions = List.copyOf(bastions);
        hosts = List.copyOf(hosts);
        customers = List.copyOf(customers);
        prices = List.copyOf(prices);
        sources = List.copyOf(sources);
        endpoints = List.copyOf(endpoints);
        maintenance = List.copyOf(maintenance);
        notifications = List.copyOf(notifications);
    }

    /** A configuration without SSH hosts or shell access. */
    public WatchfloorConfig(Path file, List<SourceConfig> sources, WallConfig wall, CacheConfig cache,
                            List<EndpointConfig> endpoints, List<MaintenanceWindow> maintenance,
                            IncidentsConfig incidents, List<NotificationConfig> notifications,
                            List<CustomerConfig> customers, List<PriceModel> prices) {
        this(file, sources, wall, cache, endpoints, maintenance, incidents, notifications, customers, prices,
                List.of(), List.of(), null);
    }

    /** A configuration without customers or prices (no usage reports). */
    public WatchfloorConfig(Path file, List<SourceConfig> sources, WallConfig wall, CacheConfig cache,
                            List<EndpointConfig> endpoints, List<MaintenanceWindow> maintenance,
                            IncidentsConfig incidents, List<NotificationConfig> notifications) {
        this(file, sources, wall, cache, endpoints, maintenance, incidents, notifications, List.of(), List.of());
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

    /** The customer with this id, or null. */
    public CustomerConfig customer(String id) {
        return customers.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The endpoints a customer owns: those listed under the customer and those naming it with {@code customer:},
     * in configuration order.
     */
    public List<EndpointConfig> endpointsOf(String customerId) {
        CustomerConfig c = customer(customerId);
        return endpoints.stream()
                .filter(e -> customerId.equals(e.customer()) || (c != null && c.endpoints().contains(e.id())))
                .toList();
    }

    /**
     * The customer owning an endpoint: the one the endpoint names with {@code customer:}, else the one listing it;
     * null when none does.
     */
    public CustomerConfig customerOf(String endpointId) {
        EndpointConfig e = endpoint(endpointId);
        CustomerConfig named = e == null || e.customer() == null ? null : customer(e.customer());
        return named != null ? named
                : customers.stream().filter(c -> c.endpoints().contains(endpointId)).findFirst().orElse(null);
    }

    /** The endpoint with this id, or null. */
    public EndpointConfig endpoint(String id) {
        return endpoints.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    /** The SSH host with this id, or null. */
    public HostConfig host(String id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst().orElse(null);
    }

    /** The bastion with this id, or null. */
    public BastionConfig bastion(String id) {
        return bastions.stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
    }
}
