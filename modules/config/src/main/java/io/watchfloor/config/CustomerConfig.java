package io.watchfloor.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One entry under {@code customers:}: who owns which endpoints and dedicated GPU hosts, for usage reports.
 * An endpoint may also name its customer itself ({@code customer:} under the endpoint); both count.
 *
 * @param zone where the customer's calendar weeks and months begin (UTC by default): a customer in New York
 *             expects November to start at midnight in New York
 */
public record CustomerConfig(String id, String name, List<String> endpoints, List<String> hosts, ZoneId zone) {
    public CustomerConfig {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        endpoints = List.copyOf(endpoints);
        hosts = List.copyOf(hosts);
        zone = zone == null ? java.time.ZoneOffset.UTC : zone;
    }
}
