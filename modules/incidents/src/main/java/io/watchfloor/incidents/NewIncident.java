package io.watchfloor.incidents;

import io.watchfloor.model.incident.Severity;
import java.util.List;

/** An incident opened by hand (a customer report, something seen on the wall before any alert). */
public record NewIncident(String title, Severity severity, List<String> hosts, List<String> endpoints) {
    public NewIncident {
        hosts = List.copyOf(hosts);
        endpoints = List.copyOf(endpoints);
    }
}
