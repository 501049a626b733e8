package io.watchfloor.usage.report;

import io.watchfloor.config.CustomerConfig;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.PriceModel;
import io.watchfloor.config.WatchfloorConfig;
import io.watchfloor.usage.ReportScope;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a {@link ReportScope} into the endpoints and hosts it covers, from the configuration. */
final class Scopes {
    private final WatchfloorConfig config;

    Scopes(WatchfloorConfig config) {
        this.config = config;
    }

    /**
     * What one report covers.
     *
     * @param hosts dedicated GPU hosts: the customer's own and those of the price models of its endpoints
     * @param zone  where the customer's days begin
     */
    record Resolved(ReportScope scope, String name, ZoneId zone, List<EndpointConfig> endpoints, List<String> hosts) {
        List<String> endpointIds() {
            return endpoints.stream().map(EndpointConfig::id).toList();
        }
    }

    /** @throws IllegalArgumentException for an id the configuration does not know, naming the known ones */
    Resolved resolve(ReportScope scope) {
        return switch (scope.kind()) {
            case CUSTOMER -> customer(scope);
            case ENDPOINT -> endpoint(scope);
        };
    }

    /** Customers (configured first, then those only named by endpoints), then endpoints, in configuration order. */
    List<ReportScope> all() {
        List<ReportScope> out = new ArrayList<>();
        customerIds().forEach(id -> out.add(ReportScope.customer(id)));
        config.endpoints().forEach(e -> out.add(ReportScope.endpoint(e.id())));
        return out;
    }

    /** The price model that prices this endpoint's tokens, or null. */
    PriceModel priceOf(String endpointId) {
        return config.prices().stream().filter(p -> p.endpoints().contains(endpointId)).findFirst().orElse(null);
    }

    /** The price model that prices this host's instance hours, or null. */
    PriceModel priceOfHost(String host) {
        return config.prices().stream().filter(p -> p.hosts().contains(host)).findFirst().orElse(null);
    }

    private Set<String> customerIds() {
        Set<String> ids = new LinkedHashSet<>();
        config.customers().forEach(c -> ids.add(c.id()));
        config.endpoints().stream().map(EndpointConfig::customer).filter(c -> c != null && !c.isBlank())
                .forEach(ids::add);
        return ids;
    }

    private Resolved customer(ReportScope scope) {
        String id = scope.id();
        if (!customerIds().contains(id)) {
            throw new IllegalArgumentException("no customer \"" + id + "\" in the configuration; known customers: "
                    + known(customerIds()));
        }
        CustomerConfig c = config.customer(id);
        List<EndpointConfig> endpoints = config.endpointsOf(id);
        Set<String> hosts = new LinkedHashSet<>(c == null ? List.of() : c.hosts());
        endpoints.forEach(e -> addPricedHosts(e.id(), hosts));
        return new Resolved(scope, c == null ? id : c.name(), c == null ? ZoneOffset.UTC : c.zone(), endpoints,
                List.copyOf(hosts));
    }

    private Resolved endpoint(ReportScope scope) {
        EndpointConfig e = config.endpoint(scope.id());
        if (e == null) {
            throw new IllegalArgumentException("no endpoint \"" + scope.id() + "\" in the configuration; known endpoints: "
                    + known(config.endpoints().stream().map(EndpointConfig::id).toList()));
        }
        Set<String> hosts = new LinkedHashSet<>();
        addPricedHosts(e.id(), hosts);
        return new Resolved(scope, e.name(), zoneOf(e), List.of(e), List.copyOf(hosts));
    }

    /** The zone of the endpoint's customer, else UTC. */
    private ZoneId zoneOf(EndpointConfig e) {
        CustomerConfig c = config.customerOf(e.id());
        return c == null ? ZoneOffset.UTC : c.zone();
    }

    private void addPricedHosts(String endpointId, Set<String> hosts) {
        PriceModel p = priceOf(endpointId);
        if (p != null) {
            hosts.addAll(p.hosts());
        }
    }

    private static String known(java.util.Collection<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
